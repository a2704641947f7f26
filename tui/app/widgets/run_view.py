"""One lab run drawn from its latest frame, in the compact layout the CLI's live view uses."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static


class RunView(Static):
    """A run's charts; `show(frame, title)` redraws, `clear()` empties."""

    frame: Any = None  # the frame shown, kept so a language switch can redraw it

    def show(self, frame: Any, title: str) -> None:
        from dltutor.tui.render.lab_view import FrameView

        self.frame = frame
        self.update(FrameView(frame, title=title, compact=True, lang=self.app.lang))

    def clear(self, text: str = "") -> None:
        self.frame = None
        self.update(text)
