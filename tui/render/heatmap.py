"""Heat maps and decision boundaries drawn with half-block cells, data points on top."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rich.color import Color
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text

from ._util import SUMMARY_WORDS, blend, fmt

LOW = (49, 99, 180)  # blue: value 0 / class 0
MID = (235, 235, 235)
HIGH = (220, 110, 40)  # orange: value 1 / class 1
CLASS_RGB = ((49, 99, 180), (220, 110, 40), (70, 160, 80), (170, 70, 170), (200, 180, 50))
RAMP = " ░▒▓█"
MARKERS = "ox+*#@"


def _rgb(value: float, lo: float, hi: float) -> tuple[int, int, int]:
    t = 0.5 if hi == lo else (value - lo) / (hi - lo)
    return blend(LOW, MID, t * 2) if t < 0.5 else blend(MID, HIGH, (t - 0.5) * 2)


class Heatmap:
    """A 2-D grid of values (or class ids) over an extent, with optional labelled points.

    `grid[i, j]` is the value at y = ymin + i·dy, x = xmin + j·dx: row 0 is the *bottom*.
    `classes=True` treats values as integer class ids; otherwise a diverging colour scale
    runs from `vmin` (blue) to `vmax` (orange). Without colour, cells use a shade ramp
    (" ░▒▓█") and points the class markers o, x, +, *.
    """

    def __init__(
        self,
        grid: np.ndarray,
        *,
        extent: tuple[float, float, float, float] = (0.0, 1.0, 0.0, 1.0),
        points: np.ndarray | None = None,
        labels: Sequence[int] | None = None,
        classes: bool = False,
        vmin: float | None = None,
        vmax: float | None = None,
        title: str = "",
        width: int | None = None,
        height: int = 14,
        show_summary: bool = True,
        lang: str = "en",
    ) -> None:
        self.grid = np.asarray(grid, dtype=float)
        if self.grid.ndim != 2:
            raise ValueError(f"grid must be 2-D, got shape {self.grid.shape}")
        self.extent = tuple(float(v) for v in extent)
        self.points = None if points is None else np.asarray(points, dtype=float).reshape(-1, 2)
        self.labels = None if labels is None else np.asarray(labels).astype(int).ravel()
        self.classes = classes
        finite = self.grid[np.isfinite(self.grid)]
        self.vmin = float(vmin if vmin is not None else (finite.min() if finite.size else 0.0))
        self.vmax = float(vmax if vmax is not None else (finite.max() if finite.size else 1.0))
        self.title = title
        self.width = width
        self.height = max(2, height)
        self.show_summary = show_summary
        self.lang = lang

    def _value_at(self, x: float, y: float) -> float:
        xmin, xmax, ymin, ymax = self.extent
        gh, gw = self.grid.shape
        j = int(np.clip(round((x - xmin) / (xmax - xmin) * (gw - 1)), 0, gw - 1))
        i = int(np.clip(round((y - ymin) / (ymax - ymin) * (gh - 1)), 0, gh - 1))
        return float(self.grid[i, j])

    def _predicted(self, value: float) -> int:
        if self.classes:
            return int(round(value))
        return int(value >= (self.vmin + self.vmax) / 2)

    def summary(self) -> str:
        xmin, xmax, ymin, ymax = self.extent
        w = SUMMARY_WORDS.of(self.lang)
        head = self.title or w["heat_map"]
        text = w["grid"].format(
            head=head,
            rows=self.grid.shape[0],
            cols=self.grid.shape[1],
            x0=fmt(xmin),
            x1=fmt(xmax),
            y0=fmt(ymin),
            y1=fmt(ymax),
        )
        if self.classes:
            ids, counts = np.unique(self.grid.round().astype(int), return_counts=True)
            share = ", ".join(
                w["class"].format(i=i, share=c / counts.sum())
                for i, c in zip(ids, counts, strict=True)
            )
            text += w["area"].format(share=share)
        else:
            text += w["values"].format(lo=fmt(self.vmin), hi=fmt(self.vmax))
        if self.points is not None and self.labels is not None and len(self.points):
            right = sum(
                self._predicted(self._value_at(x, y)) == lab
                for (x, y), lab in zip(self.points, self.labels, strict=True)
            )
            text += w["right_side"].format(right=right, n=len(self.points))
        elif self.points is not None:
            text += w["points"].format(n=len(self.points))
        return text + w["end"]

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = min(self.width or options.max_width, options.max_width)
        return Measurement(min(10, width), width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = min(self.width or options.max_width, options.max_width)
        yield from self.lines(
            width, color=not console.no_color and console.color_system is not None
        )

    def lines(self, width: int, color: bool = True) -> list[Text]:
        out: list[Text] = []
        if self.title:
            out.append(Text(self.title, style="bold", no_wrap=True, overflow="ellipsis"))
        xmin, xmax, ymin, ymax = self.extent
        # half-block pixels are about square: a square extent takes 2 columns per row
        aspect = (xmax - xmin) / (ymax - ymin) if ymax > ymin else 1.0
        cols = max(4, min(width - 2, int(round(self.height * 2 * aspect))))
        rows = self.height
        gh, gw = self.grid.shape
        # resample the grid: pixel (r, c), r = 0 at the top, two pixel rows per text row
        pr = np.arange(rows * 2)
        gi = np.clip(np.round((1 - (pr + 0.5) / (rows * 2)) * gh - 0.5), 0, gh - 1).astype(int)
        gj = np.clip(np.round((np.arange(cols) + 0.5) / cols * gw - 0.5), 0, gw - 1).astype(int)
        pix = self.grid[np.ix_(gi, gj)]
        marks: dict[tuple[int, int], int] = {}
        if self.points is not None:
            labels = self.labels if self.labels is not None else np.zeros(len(self.points), int)
            for (x, y), lab in zip(self.points, labels, strict=True):
                c = int(np.floor((x - xmin) / (xmax - xmin) * cols))
                r = int(np.floor((ymax - y) / (ymax - ymin) * rows))
                if 0 <= c < cols and 0 <= r < rows:
                    marks[(r, c)] = int(lab)
        for r in range(rows):
            line = Text(no_wrap=True, overflow="crop")
            line.append("│", style="dim")
            for c in range(cols):
                top, bottom = pix[2 * r, c], pix[2 * r + 1, c]
                mark = marks.get((r, c))
                if color:
                    fg, bg = self._color(top), self._color(bottom)
                    if mark is not None:
                        line.append(
                            MARKERS[mark % len(MARKERS)],
                            Style(color="black" if mark % 2 else "white", bgcolor=bg, bold=True),
                        )
                    else:
                        line.append("▀", Style(color=fg, bgcolor=bg))
                else:
                    if mark is not None:
                        line.append(MARKERS[mark % len(MARKERS)])
                    else:
                        line.append(self._shade((top + bottom) / 2 if not self.classes else top))
            out.append(line)
        out.append(Text("└" + "─" * cols, style="dim", no_wrap=True))
        left, right = fmt(xmin), fmt(xmax)
        out.append(
            Text(
                (left + " " * max(1, cols + 1 - len(left) - len(right)) + right)
                + f"   y {fmt(ymin)}..{fmt(ymax)}",
                style="dim",
                no_wrap=True,
                overflow="crop",
            )
        )
        if self.show_summary:
            out.append(Text(self.summary(), style="dim", overflow="fold"))
        return out

    def _color(self, value: float) -> Color:
        if not np.isfinite(value):
            return Color.from_rgb(0, 0, 0)
        if self.classes:
            return Color.from_rgb(*CLASS_RGB[int(round(value)) % len(CLASS_RGB)])
        return Color.from_rgb(*_rgb(value, self.vmin, self.vmax))

    def _shade(self, value: float) -> str:
        if not np.isfinite(value):
            return "?"
        if self.classes:
            return RAMP[int(round(value)) % len(RAMP)]
        t = 0.5 if self.vmax == self.vmin else (value - self.vmin) / (self.vmax - self.vmin)
        return RAMP[int(np.clip(t * len(RAMP), 0, len(RAMP) - 1))]
