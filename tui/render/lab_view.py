"""Turn a lab `Frame` (engine.labs) into rich renderables: one per plot, laid out to a width."""

from __future__ import annotations

import math
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.table import Table as RichTable
from rich.text import Text

from ._util import summary_words
from .heatmap import Heatmap
from .histogram import Histogram, HistogramRow
from .image_grid import ImageGrid
from .line_chart import LineChart
from .path_plot import PathPlot


def plot_renderable(
    plot: Any, width: int, *, compact: bool = False, summary: bool = True, lang: str = "en"
):
    """The renderable for one plot dataclass (matched on its `kind`); `lang` is the language
    of the one-line summary under it (the plot's own words come from the lab)."""
    kind = getattr(plot, "kind", None)
    if kind == "curves":
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
    if kind == "boundary":
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
    if kind == "histograms":
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
    if kind == "paths":
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
    if kind == "images":
        return ImageGrid(
            plot.items,
            title=plot.title,
            signed=plot.signed,
            size=plot.size,
            width=width,
            show_summary=summary,
            lang=lang,
        )
    if kind == "text":
        out = Text()
        out.append(plot.title + "\n", style="bold")
        for i, (label, text) in enumerate(plot.items):
            out.append(f"{label}: ", style="bold cyan")
            out.append(text)
            if i < len(plot.items) - 1:
                out.append("\n")
        return out
    if kind == "table":
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
    return Text(summary_words(lang)["cannot_draw"].format(kind=kind), style="dim")


def _cell(value: Any) -> str:
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return f"{value:.4g}"
    return str(value)


def plot_summary(plot: Any, width: int = 80, lang: str = "en") -> str:
    renderable = plot_renderable(plot, width, lang=lang)
    if hasattr(renderable, "summary"):
        return renderable.summary()
    words = summary_words(lang)
    if getattr(plot, "kind", None) == "table":
        return words["table"].format(title=plot.title, n=len(plot.rows))
    if getattr(plot, "kind", None) == "text":
        return words["texts"].format(title=plot.title, n=len(plot.items))
    return ""


def _side_by_side(renderables: list, widths: list[int], gap: int = 2) -> RichTable:
    grid = RichTable.grid(padding=(0, gap))
    for w in widths:
        grid.add_column(width=w)
    grid.add_row(*renderables)
    return grid


class FrameView:
    """All of a frame's plots laid out for the width: boundaries and paths side by side when
    they fit, everything else stacked; then the message and the metrics."""

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

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = min(self.width or options.max_width, options.max_width)
        parts: list = []
        if self.title:
            parts.append(
                Text(self.title, style="bold underline", no_wrap=True, overflow="ellipsis")
            )
        plots = list(self.frame.plots)
        i = 0
        while i < len(plots):
            plot = plots[i]
            if plot.kind == "boundary":
                group = [p for p in plots[i:] if p.kind == "boundary"]
                # two or three small maps per row when they fit
                per_row = max(1, min(len(group), (width + 2) // 38))
                w = (width - 2 * (per_row - 1)) // per_row
                for start in range(0, len(group), per_row):
                    chunk = group[start : start + per_row]
                    rends = [
                        plot_renderable(
                            p, w, compact=len(group) > 1, summary=self.summaries, lang=self.lang
                        )
                        for p in chunk
                    ]
                    parts.append(
                        _side_by_side(rends, [w] * len(chunk)) if len(chunk) > 1 else rends[0]
                    )
                i += len(group)
                # keep the order of the other plots
                plots = plots[:i] + [p for p in plots[i:] if p.kind != "boundary"]
                continue
            parts.append(
                plot_renderable(
                    plot, width, compact=self.compact, summary=self.summaries, lang=self.lang
                )
            )
            i += 1
        message = getattr(self.frame, "message", "")
        if message:
            parts.append(Text(message, style="italic"))
        if self.show_metrics and self.frame.metrics:
            parts.append(Text(metrics_line(self.frame.metrics), style="dim", overflow="fold"))
        yield Group(*parts)


def metrics_line(metrics: dict[str, Any]) -> str:
    return "  ".join(
        f"{k}={_cell(v) if not isinstance(v, bool) else v}" for k, v in metrics.items()
    )
