"""A 28x28 drawing canvas for the digit demo, drawn with half blocks: 28 columns x 14 rows.

Each terminal cell shows two pixels, the upper one as the foreground of "▀" and the lower
one as its background, so the canvas looks square and holds exactly an MNIST image. The
mouse draws with a round brush about as wide as an MNIST pen stroke, with soft (grey)
edges; moves between two mouse events are joined by a line. The keys draw too: the arrows
move a cursor pixel, space inks there, x erases, c clears.
"""

from __future__ import annotations

import numpy as np
from rich.color import Color
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

BRUSH_RADIUS = 1.1  # pixels at full ink; with the soft rim a stroke is ~3 px wide, as in MNIST
CURSOR_COLOUR = Color.parse("dark_orange")
PAPER_LEVEL = 24  # the empty canvas is a dark grey, so its edges show on a black terminal


def _grey(value: float) -> Color:
    level = int(PAPER_LEVEL + (255 - PAPER_LEVEL) * min(max(value, 0.0), 1.0))
    return Color.from_rgb(level, level, level)


class DrawingCanvas(Widget, can_focus=True):
    """A square grid of pixels, two per terminal cell (upper and lower half blocks)."""

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

    def __init__(self, size: int = 28, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.grid = np.zeros((size, size), dtype=np.float32)
        self.cursor = (size // 2, size // 2)
        self._last: tuple[float, float] | None = None  # the previous mouse point of a stroke
        rows, cols = np.indices(self.grid.shape)
        self._rows, self._cols = rows.astype(np.float32), cols.astype(np.float32)

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
        return self.grid.shape[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return (self.grid.shape[0] + 1) // 2

    def render_line(self, y: int) -> Strip:
        rows = self.grid.shape[0]
        if 2 * y >= rows:
            return Strip.blank(self.size.width)
        segments = []
        cursor = self.cursor if self.has_focus else None
        for x in range(self.grid.shape[1]):
            upper, lower = 2 * y, 2 * y + 1
            top = CURSOR_COLOUR if cursor == (x, upper) else _grey(self.grid[upper, x])
            if lower >= rows:
                bottom = _grey(0.0)
            else:
                bottom = CURSOR_COLOUR if cursor == (x, lower) else _grey(self.grid[lower, x])
            segments.append(Segment("▀", Style(color=top, bgcolor=bottom)))
        return Strip(segments)

    def _changed(self) -> None:
        self.refresh()
        self.post_message(self.Changed(self.pixels))

    def _stamp(self, x: float, y: float, erase: bool = False) -> bool:
        """The brush at pixel (x, y): full ink inside BRUSH_RADIUS, a one-pixel soft rim."""
        distance = np.hypot(self._cols - x, self._rows - y)
        ink = np.clip(BRUSH_RADIUS + 0.5 - distance, 0.0, 1.0)
        before = self.grid.copy()
        if erase:
            self.grid[ink > 0] = 0.0
        else:
            np.maximum(self.grid, ink, out=self.grid)
        return not np.array_equal(before, self.grid)

    def stroke(self, start: tuple[float, float], end: tuple[float, float]) -> None:
        """Ink the line from `start` to `end` (pixel coordinates), brush steps 0.5 px apart."""
        (x0, y0), (x1, y1) = start, end
        steps = max(1, int(np.ceil(2 * max(abs(x1 - x0), abs(y1 - y0)))))
        changed = False
        for t in np.linspace(0.0, 1.0, steps + 1):
            changed |= self._stamp(x0 + t * (x1 - x0), y0 + t * (y1 - y0))
        if changed:
            self._changed()

    def _mouse_point(self, event: events.MouseEvent) -> tuple[float, float]:
        """The pixel under the mouse: its column, and the middle of its cell's two rows."""
        return float(event.x), 2.0 * event.y + 0.5

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self.capture_mouse()
        point = self._mouse_point(event)
        self._last = point
        self.stroke(point, point)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._last is not None:
            point = self._mouse_point(event)
            self.stroke(self._last, point)
            self._last = point

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self._last = None
        self.release_mouse()

    def watch_cursor(self) -> None:
        self.refresh()

    def action_move(self, dx: int, dy: int) -> None:
        rows, cols = self.grid.shape
        x, y = self.cursor
        self.cursor = (min(max(x + dx, 0), cols - 1), min(max(y + dy, 0), rows - 1))

    def action_paint(self) -> None:
        self.stroke(self.cursor, self.cursor)

    def action_erase(self) -> None:
        if self._stamp(*self.cursor, erase=True):
            self._changed()

    def action_clear(self) -> None:
        self.grid[:] = 0
        self._changed()
