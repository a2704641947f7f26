"""A drawing canvas for the digit demo: draw with the mouse or the keys, read it as an image."""

from __future__ import annotations

import numpy as np
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from dltutor.tui.app.strings import localize_bindings

# glyphs as well as colours, so the drawing reads the same with NO_COLOR
INK = ("██", Style(color="white", bgcolor="white"))
PAPER = ("· ", Style(color="grey42", bgcolor="grey11"))
CURSOR = ("[]", Style(color="black", bgcolor="dark_orange", bold=True))
CURSOR_ON_INK = ("[]", Style(color="black", bgcolor="white", bold=True))


class DrawingCanvas(Widget, can_focus=True):
    """A square grid of cells, two columns wide each, so it looks square in a terminal."""

    BINDINGS = [
        Binding("up", "move(0, -1)", "Up", show=False),
        Binding("down", "move(0, 1)", "Down", show=False),
        Binding("left", "move(-1, 0)", "Left", show=False),
        Binding("right", "move(1, 0)", "Right", show=False),
        Binding("space", "paint", "Ink"),
        Binding("x", "erase", "Erase"),
        Binding("c", "clear", "Clear"),
    ]
    DEFAULT_CSS = """
    DrawingCanvas { width: auto; height: auto; }
    """

    cursor = reactive((0, 0))

    class Changed(Message):
        """The drawing changed; `pixels` is a copy in [0, 1], rows first."""

        def __init__(self, pixels: np.ndarray) -> None:
            super().__init__()
            self.pixels = pixels

    def __init__(self, size: int = 16, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.grid = np.zeros((size, size), dtype=np.float32)
        self.cursor = (size // 2, size // 2)
        self._drawing = False

    def on_mount(self) -> None:
        localize_bindings(self, getattr(self.app, "lang", "en"))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    @property
    def pixels(self) -> np.ndarray:
        return self.grid.copy()

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return 2 * self.grid.shape[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.grid.shape[0]

    def render_line(self, y: int) -> Strip:
        if y >= self.grid.shape[0]:
            return Strip.blank(self.size.width)
        segments = []
        for x, value in enumerate(self.grid[y]):
            glyph, style = INK if value > 0 else PAPER
            if self.has_focus and (x, y) == self.cursor:
                glyph, style = CURSOR_ON_INK if value > 0 else CURSOR
            segments.append(Segment(glyph, style))
        return Strip(segments)

    def _set(self, x: int, y: int, value: float) -> None:
        rows, cols = self.grid.shape
        if 0 <= x < cols and 0 <= y < rows and self.grid[y, x] != value:
            self.grid[y, x] = value
            self.refresh()
            self.post_message(self.Changed(self.pixels))

    def _stroke(self, x: int, y: int) -> None:
        """A soft pen: the cell and its right/bottom neighbours, like a real stroke's width."""
        for dx, dy in ((0, 0), (1, 0), (0, 1), (1, 1)):
            self._set(x + dx, y + dy, 1.0)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._drawing = True
        self.capture_mouse()
        self._stroke(event.x // 2, event.y)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drawing:
            self._stroke(event.x // 2, event.y)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self._drawing = False
        self.release_mouse()

    def watch_cursor(self) -> None:
        self.refresh()

    def action_move(self, dx: int, dy: int) -> None:
        rows, cols = self.grid.shape
        x, y = self.cursor
        self.cursor = (min(max(x + dx, 0), cols - 1), min(max(y + dy, 0), rows - 1))

    def action_paint(self) -> None:
        self._stroke(*self.cursor)

    def action_erase(self) -> None:
        self._set(*self.cursor, 0.0)

    def action_clear(self) -> None:
        self.grid[:] = 0
        self.refresh()
        self.post_message(self.Changed(self.pixels))
