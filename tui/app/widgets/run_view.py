"""One lab run drawn from its latest frame: every plot with its one-line summary beneath."""

from __future__ import annotations

from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual.widgets import Static


class RunRenderable:
    """Lays the frame's plots out at the width it is given (rendered on the UI thread)."""

    def __init__(self, frame: Any, title: str, lang: str = "en") -> None:
        self.frame = frame
        self.title = title
        self.lang = lang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from dltutor.tui.render.lab_view import metrics_line, plot_renderable, plot_summary

        width = max(options.max_width, 20)
        frame = self.frame
        yield Text(self.title, style="bold")
        for plot in frame.plots:
            renderable = plot_renderable(plot, width, compact=True, lang=self.lang)
            yield renderable
            if not getattr(renderable, "show_summary", False):  # some draw their own
                yield Text(plot_summary(plot, width, lang=self.lang), style="italic")
        if frame.message:
            yield Text(frame.message)
        if frame.metrics:
            yield Text(metrics_line(frame.metrics), style="dim")


class RunView(Static):
    """A run's charts; `show(frame, title)` redraws, `clear()` empties."""

    frame: Any = None  # the frame shown, kept so a language switch can redraw it

    def show(self, frame: Any, title: str) -> None:
        self.frame = frame
        self.update(RunRenderable(frame, title, self.app.lang))

    def clear(self, text: str = "") -> None:
        self.frame = None
        self.update(text)
