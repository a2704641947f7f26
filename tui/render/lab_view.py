"""Turn a lab `Frame` (lessons.labs) into rich renderables: one per plot, laid out to a width.

`plot_renderable` picks the drawing for a plot by its type (`RENDERERS`); `FrameView` lays a
whole frame out, for the CLI's final print and, with `compact=True`, for the live view and the
app's run panels.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.table import Table as RichTable
from rich.text import Text

from dltutor.lessons.labs.base import (
    Boundary,
    Curves,
    Histograms,
    Images,
    Paths,
    Table,
    TextSamples,
)

from ._util import SUMMARY_WORDS
from .heatmap import Heatmap
from .histogram import Histogram, HistogramRow
from .image_grid import ImageGrid
from .line_chart import LineChart
from .path_plot import PathPlot


def _curves(plot: Curves, width: int, compact: bool, summary: bool, lang: str):
    return LineChart(
        {
            name: (plot.x[: len(v)], v) if plot.x is not None else v
            for name, v in plot.series.items()
        },
        title=plot.title,
        width=width,
        height=6 if compact else 9,
        logy=plot.logy,
        smoothing=plot.smoothing,
        xlabel=plot.xlabel,
        show_summary=summary,
        lang=lang,
    )


def _boundary(plot: Boundary, width: int, compact: bool, summary: bool, lang: str):
    return Heatmap(
        plot.grid,
        extent=plot.extent,
        points=plot.points,
        labels=plot.labels,
        classes=plot.classes,
        vmin=None if plot.classes else 0.0,
        vmax=None if plot.classes else 1.0,
        title=plot.title,
        width=width,
        height=8 if compact else 11,
        show_summary=summary,
        lang=lang,
    )


def _histograms(plot: Histograms, width: int, compact: bool, summary: bool, lang: str):
    return HistogramRow(
        [
            Histogram(
                values,
                bins=plot.bins,
                range=plot.range,
                title=name,
                height=3 if compact else 4,
                lang=lang,
            )
            for name, values in plot.items
        ],
        title=plot.title,
        width=width,
        show_summary=summary,
        lang=lang,
    )


def _paths(plot: Paths, width: int, compact: bool, summary: bool, lang: str):
    return PathPlot(
        plot.paths,
        grid=plot.grid,
        extent=plot.extent,
        title=plot.title,
        width=width,
        height=9 if compact else 12,
        show_summary=summary,
        lang=lang,
    )


def _images(plot: Images, width: int, compact: bool, summary: bool, lang: str):
    return ImageGrid(
        plot.items,
        title=plot.title,
        signed=plot.signed,
        size=plot.size,
        width=width,
        show_summary=summary,
        lang=lang,
    )


def _texts(plot: TextSamples, width: int, compact: bool, summary: bool, lang: str):
    out = Text()
    out.append(plot.title + "\n", style="bold")
    for i, (label, text) in enumerate(plot.items):
        out.append(f"{label}: ", style="bold cyan")
        out.append(text)
        if i < len(plot.items) - 1:
            out.append("\n")
    return out


def _table(plot: Table, width: int, compact: bool, summary: bool, lang: str):
    table = RichTable(
        *plot.columns,
        title=plot.title,
        title_justify="left",
        box=None,
        header_style="bold",
        pad_edge=False,
    )
    for row in plot.rows:
        table.add_row(*(_cell(v) for v in row))
    return table


# How each plot type is drawn: (plot, width, compact, summary, lang) -> renderable.
RENDERERS: dict[type, Callable[[Any, int, bool, bool, str], Any]] = {
    Curves: _curves,
    Boundary: _boundary,
    Histograms: _histograms,
    Paths: _paths,
    Images: _images,
    TextSamples: _texts,
    Table: _table,
}


def plot_renderable(
    plot: Any, width: int, *, compact: bool = False, summary: bool = True, lang: str = "en"
):
    """The renderable for one plot dataclass; `lang` is the language of the one-line summary
    under it (the plot's own words come from the lab)."""
    draw = RENDERERS.get(type(plot))
    if draw is None:
        text = SUMMARY_WORDS.get(lang, "cannot_draw", kind=type(plot).__name__)
        return Text(text, style="dim")
    return draw(plot, width, compact, summary, lang)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return f"{value:.4g}"
    return str(value)


def plot_summary(plot: Any, width: int = 80, lang: str = "en") -> str:
    """One line saying what the plot shows (for screen readers and plain terminals)."""
    if isinstance(plot, Table):
        return SUMMARY_WORDS.get(lang, "table", title=plot.title, n=len(plot.rows))
    if isinstance(plot, TextSamples):
        return SUMMARY_WORDS.get(lang, "texts", title=plot.title, n=len(plot.items))
    renderable = plot_renderable(plot, width, lang=lang)
    return renderable.summary() if hasattr(renderable, "summary") else ""


def _side_by_side(renderables: list, widths: list[int], gap: int = 2) -> RichTable:
    grid = RichTable.grid(padding=(0, gap))
    for w in widths:
        grid.add_column(width=w)
    grid.add_row(*renderables)
    return grid


class FrameView:
    """All of a frame's plots laid out for the width, then the message and the metrics.

    Decision boundaries go side by side when they fit; everything else is stacked. With
    `summaries`, every plot carries its one-line summary (charts draw their own; tables and
    texts get one beneath). `compact` draws smaller charts under a plain bold title: the
    size for a live view or a panel beside another run."""

    def __init__(
        self,
        frame: Any,
        *,
        title: str = "",
        width: int | None = None,
        compact: bool = False,
        show_metrics: bool = True,
        summaries: bool = True,
        lang: str = "en",
    ) -> None:
        self.summaries = summaries
        self.lang = lang
        self.frame = frame
        self.title = title
        self.width = width
        self.compact = compact
        self.show_metrics = show_metrics

    def summary(self) -> str:
        return " ".join(s for s in (plot_summary(p, lang=self.lang) for p in self.frame.plots) if s)

    def _plot(self, plot: Any, width: int, compact: bool) -> list:
        """The plot's renderable, and its summary line when it does not draw one itself."""
        renderable = plot_renderable(
            plot, width, compact=compact, summary=self.summaries, lang=self.lang
        )
        if self.summaries and isinstance(plot, Table | TextSamples):
            line = plot_summary(plot, width, lang=self.lang)
            return [renderable, Text(line, style="italic")]
        return [renderable]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(min(self.width or options.max_width, options.max_width), 20)
        parts: list = []
        if self.title:
            style = "bold" if self.compact else "bold underline"
            parts.append(Text(self.title, style=style, no_wrap=True, overflow="ellipsis"))
        plots = list(self.frame.plots)
        boundaries = [p for p in plots if isinstance(p, Boundary)]
        placed = False
        for plot in plots:
            if not isinstance(plot, Boundary):
                parts.extend(self._plot(plot, width, self.compact))
            elif not placed:  # all the maps where the first one is, two or three to a row
                placed = True
                parts.extend(self._boundaries(boundaries, width))
        message = getattr(self.frame, "message", "")
        if message:
            parts.append(Text(message, style="italic"))
        if self.show_metrics and self.frame.metrics:
            parts.append(Text(metrics_line(self.frame.metrics), style="dim", overflow="fold"))
        yield Group(*parts)

    def _boundaries(self, group: list[Boundary], width: int) -> list:
        per_row = max(1, min(len(group), (width + 2) // 38))
        w = (width - 2 * (per_row - 1)) // per_row
        compact = self.compact or len(group) > 1
        rows = []
        for start in range(0, len(group), per_row):
            chunk = group[start : start + per_row]
            rends = [self._plot(p, w, compact)[0] for p in chunk]
            rows.append(_side_by_side(rends, [w] * len(chunk)) if len(chunk) > 1 else rends[0])
        return rows


def metrics_line(metrics: dict[str, Any]) -> str:
    return "  ".join(
        f"{k}={_cell(v) if not isinstance(v, bool) else v}" for k, v in metrics.items()
    )
