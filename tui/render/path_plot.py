"""Optimizer paths (braille lines) over the contour lines of a 2-D function."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from ._util import PALETTE, SUMMARY_WORDS, BrailleCanvas, fmt


class PathPlot:
    """Paths `{name: array (steps, 2)}` drawn over contour lines of `grid`.

    `grid[i, j]` is f at y = ymin + i·dy, x = xmin + j·dx (row 0 at the bottom). Contour
    lines are the cells where the level (of log f when `log_levels`) changes; they are drawn
    as dim dots, paths as braille lines, each start as "o" and each end as the path's number
    (its place in the legend), so the plot reads the same without colour.
    """

    def __init__(
        self,
        paths: Mapping[str, np.ndarray],
        *,
        grid: np.ndarray | None = None,
        extent: tuple[float, float, float, float] = (-1.0, 1.0, -1.0, 1.0),
        levels: int = 6,
        log_levels: bool = True,
        title: str = "",
        width: int | None = None,
        height: int = 12,
        show_summary: bool = True,
        lang: str = "en",
    ) -> None:
        self.paths = {k: np.asarray(v, dtype=float).reshape(-1, 2) for k, v in paths.items()}
        self.grid = None if grid is None else np.asarray(grid, dtype=float)
        self.extent = tuple(float(v) for v in extent)
        self.levels = levels
        self.log_levels = log_levels
        self.title = title
        self.width = width
        self.height = max(3, height)
        self.show_summary = show_summary
        self.lang = lang

    def summary(self) -> str:
        w = SUMMARY_WORDS.of(self.lang)
        parts = []
        for name, path in self.paths.items():
            if len(path) == 0:
                parts.append(w["path_empty"].format(name=name))
                continue
            steps = np.diff(path, axis=0)
            length = float(np.sqrt((steps**2).sum(axis=1)).sum()) if len(path) > 1 else 0.0
            # turns: how often the y step changes sign (the zig-zag)
            sy = np.sign(steps[:, 1]) if len(steps) else np.zeros(0)
            sy = sy[sy != 0]
            flips = int((sy[1:] != sy[:-1]).sum()) if len(sy) > 1 else 0
            x, y = path[-1]
            parts.append(
                w["path"].format(
                    name=name,
                    steps=len(path) - 1,
                    x=fmt(x),
                    y=fmt(y),
                    length=fmt(length),
                    flips=flips,
                )
            )
        head = self.title or w["paths"]
        return head + w["sep"] + w["join"].join(parts) + w["end"]

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = min(self.width or options.max_width, options.max_width)
        return Measurement(min(20, width), width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.lines(min(self.width or options.max_width, options.max_width))

    def lines(self, width: int) -> list[Text]:
        out: list[Text] = []
        if self.title:
            out.append(Text(self.title, style="bold", no_wrap=True, overflow="ellipsis"))
        cols = max(10, width - 2)
        rows = self.height
        xmin, xmax, ymin, ymax = self.extent
        contour = np.zeros((rows, cols), dtype=bool)
        if self.grid is not None and self.grid.size:
            gh, gw = self.grid.shape
            gi = np.clip(
                np.round((1 - (np.arange(rows) + 0.5) / rows) * gh - 0.5), 0, gh - 1
            ).astype(int)
            gj = np.clip(np.round((np.arange(cols) + 0.5) / cols * gw - 0.5), 0, gw - 1).astype(int)
            z = self.grid[np.ix_(gi, gj)]
            if self.log_levels:
                # square-root levels: evenly spaced rings for quadratic bowls
                z = np.sqrt(np.maximum(z - np.nanmin(z), 0))
            # rings up to the 60th percentile only: the outer corners would be solid dots
            lo, hi = np.nanmin(z), np.nanquantile(z, 0.6)
            level = np.floor(
                np.minimum(z - lo, hi - lo) / max(hi - lo, 1e-12) * self.levels
            ).astype(int)
            contour[:, :-1] |= level[:, :-1] != level[:, 1:]
            contour[:-1, :] |= level[:-1, :] != level[1:, :]
        canvas = BrailleCanvas(cols, rows)

        def to_px(x: float, y: float) -> tuple[int, int]:
            return (
                int(round((x - xmin) / (xmax - xmin) * (canvas.px - 1))),
                int(round((ymax - y) / (ymax - ymin) * (canvas.py - 1))),
            )

        ends: dict[tuple[int, int], tuple[str, int]] = {}
        for i, (_name, path) in enumerate(self.paths.items()):
            finite = path[np.isfinite(path).all(axis=1)]
            prev = None
            for x, y in finite:
                point = to_px(x, y)
                if prev is None:
                    canvas.dot(*point, i)
                else:
                    canvas.line(*prev, *point, i)
                prev = point
            if len(finite):
                sx, sy = to_px(*finite[0])
                ex, ey = to_px(*finite[-1])
                ends.setdefault((sy // 4, sx // 2), ("o", i))
                ends[(ey // 4, ex // 2)] = (str(i + 1), i)
        for r in range(rows):
            line = Text(no_wrap=True, overflow="crop")
            line.append("│", style="dim")
            for c in range(cols):
                if (r, c) in ends:
                    mark, owner = ends[(r, c)]
                    line.append(mark, style=f"bold {PALETTE[owner % len(PALETTE)]}")
                elif canvas.bits[r, c]:
                    line.append(
                        canvas.char(r, c), style=PALETTE[int(canvas.owner[r, c]) % len(PALETTE)]
                    )
                elif contour[r, c]:
                    line.append("·", style="dim")
                else:
                    line.append(" ")
            out.append(line)
        out.append(Text("└" + "─" * cols, style="dim", no_wrap=True))
        left, right = f"x {fmt(xmin)}", fmt(xmax)
        out.append(
            Text(
                left + " " * max(1, cols + 1 - len(left) - len(right)) + right,
                style="dim",
                no_wrap=True,
                overflow="crop",
            )
        )
        legend = Text(no_wrap=True, overflow="fold")
        legend.append(f"y {fmt(ymin)}..{fmt(ymax)}  o start  ", style="dim")
        for i, name in enumerate(self.paths):
            legend.append(f"{i + 1}", style=f"bold {PALETTE[i % len(PALETTE)]}")
            legend.append(f" {name}  ")
        out.append(legend)
        if self.show_summary:
            out.append(Text(self.summary(), style="dim", overflow="fold"))
        return out
