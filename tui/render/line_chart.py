"""A multi-series line chart drawn with braille dots: axes, ticks, legend, log scale, EMA."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from ._util import PALETTE, SUMMARY_WORDS, BrailleCanvas, ema, fmt, nice_ticks

SeriesData = Sequence[float] | tuple[Sequence[float], Sequence[float]]


def _split(data: SeriesData) -> tuple[list[float], list[float]]:
    if isinstance(data, tuple) and len(data) == 2 and not isinstance(data[0], (int, float)):
        xs, ys = data
        return [float(x) for x in xs], [float("nan") if y is None else float(y) for y in ys]
    ys = [float("nan") if y is None else float(y) for y in data]
    return [float(i + 1) for i in range(len(ys))], ys


class LineChart:
    """Several named series over a shared x axis.

    `series` maps a name to its y values (x = 1, 2, …) or to an `(xs, ys)` pair.
    `logy` plots log10(y) with ticks at the real values; `smoothing` in [0, 1) draws the
    debiased EMA of each series (the raw series stays faint behind it unless `show_raw` is off).
    Non-finite values (nan, inf) and, on a log scale, values ≤ 0 break the line.
    """

    def __init__(
        self,
        series: Mapping[str, SeriesData],
        *,
        title: str = "",
        width: int | None = None,
        height: int = 10,
        logy: bool = False,
        smoothing: float = 0.0,
        show_raw: bool = True,
        xlabel: str = "",
        ylim: tuple[float, float] | None = None,
        show_summary: bool = True,
        lang: str = "en",
    ) -> None:
        if not 0 <= smoothing < 1:
            raise ValueError(f"smoothing must be in [0, 1), got {smoothing}")
        self.series = {name: _split(data) for name, data in series.items()}
        self.title = title
        self.width = width
        self.height = max(3, height)
        self.logy = logy
        self.smoothing = smoothing
        self.show_raw = show_raw
        self.xlabel = xlabel
        self.ylim = ylim
        self.show_summary = show_summary
        self.lang = lang

    # -- data ---------------------------------------------------------------------------
    def _usable(self, y: float) -> bool:
        return y is not None and math.isfinite(y) and (not self.logy or y > 0)

    def _ty(self, y: float) -> float:
        return math.log10(y) if self.logy else y

    def _drawn(self) -> dict[str, tuple[list[float], list[float], list[float]]]:
        """name -> (xs, raw ys, drawn ys)."""
        out = {}
        for name, (xs, ys) in self.series.items():
            out[name] = (xs, ys, ema(ys, self.smoothing) if self.smoothing else ys)
        return out

    def _bounds(self, drawn) -> tuple[float, float, float, float] | None:
        xs_all, ys_all = [], []
        for xs, raw, ys in drawn.values():
            for x, y in zip(xs, raw if self.show_raw and self.smoothing else ys, strict=False):
                if self._usable(y):
                    xs_all.append(x)
                    ys_all.append(self._ty(y))
            for x, y in zip(xs, ys, strict=False):
                if self._usable(y):
                    xs_all.append(x)
                    ys_all.append(self._ty(y))
        if not xs_all:
            return None
        x0, x1 = min(xs_all), max(xs_all)
        y0, y1 = min(ys_all), max(ys_all)
        if self.ylim is not None:
            lo, hi = self.ylim
            y0, y1 = self._ty(lo), self._ty(hi)
        if x1 == x0:
            x0, x1 = x0 - 1, x1 + 1
        if y1 == y0:
            pad = abs(y0) * 0.1 or 1.0
            y0, y1 = y0 - pad, y1 + pad
        return x0, x1, y0, y1

    # -- text ---------------------------------------------------------------------------
    def summary(self) -> str:
        """One line for screen readers and NO_COLOR: each series' first, last and best value."""
        w = SUMMARY_WORDS.of(self.lang)
        parts = []
        n = 0
        for name, (_xs, ys, drawn) in self._drawn().items():
            finite = [y for y in ys if y is not None and math.isfinite(y)]
            n = max(n, len(ys))
            if not finite:
                parts.append(w["no_finite"].format(name=name))
                continue
            bad = len(ys) - len(finite)
            text = w["series"].format(
                name=name,
                first=fmt(finite[0]),
                last=fmt(finite[-1]),
                lo=fmt(min(finite)),
                hi=fmt(max(finite)),
            )
            if self.smoothing:
                last = [y for y in drawn if y is not None and math.isfinite(y)]
                text += w["smoothed"].format(value=fmt(last[-1]))
            if bad:
                text += w["non_finite"].format(n=bad)
            hidden = sum(1 for y in finite if y <= 0) if self.logy else 0
            if hidden:
                text += w["hidden"].format(n=hidden)
            parts.append(text)
        head = self.title or w["chart"]
        scale = w["log"] if self.logy else ""
        return (
            head + w["sep"] + w["join"].join(parts) + w["over"].format(n=n) + scale + w["end"]
            if parts
            else w["empty"].format(head=head)
        )

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = min(self.width or options.max_width, options.max_width)
        return Measurement(min(20, width), width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.lines(min(self.width or options.max_width, options.max_width))

    def lines(self, width: int) -> list[Text]:
        width = max(20, width)
        out: list[Text] = []
        if self.title:
            out.append(Text(self.title, style="bold", no_wrap=True, overflow="ellipsis"))
        drawn = self._drawn()
        bounds = self._bounds(drawn)
        if bounds is None:
            out.append(Text("(no data yet)", style="dim"))
            if self.show_summary:
                out.append(Text(self.summary(), style="dim", overflow="fold"))
            return out
        x0, x1, y0, y1 = bounds
        yticks = nice_ticks(y0, y1, max(2, self.height // 3 + 1))
        labels = {t: fmt(10**t) for t in yticks} if self.logy else {t: fmt(t) for t in yticks}
        label_w = max([len(s) for s in labels.values()] + [len(fmt(10**y1 if self.logy else y1))])
        label_w = min(label_w, 9)
        plot_w = width - label_w - 2
        canvas = BrailleCanvas(plot_w, self.height)

        def to_px(x: float, y: float) -> tuple[int, int]:
            px = round((x - x0) / (x1 - x0) * (canvas.px - 1))
            py = round((y1 - y) / (y1 - y0) * (canvas.py - 1))
            return px, py

        names = list(drawn)
        layers: list[tuple[int, list[float], list[float]]] = []
        if self.smoothing and self.show_raw:
            layers += [(-2 - i, drawn[n][0], drawn[n][1]) for i, n in enumerate(names)]
        layers += [(i, drawn[n][0], drawn[n][2]) for i, n in enumerate(names)]
        for owner, xs, ys in layers:
            prev = None
            for x, y in zip(xs, ys, strict=False):
                if not self._usable(y):
                    prev = None
                    continue
                ty = min(max(self._ty(y), y0), y1)
                point = to_px(x, ty)
                if prev is None:
                    canvas.dot(*point, owner)
                else:
                    canvas.line(*prev, *point, owner)
                prev = point

        tick_rows: dict[int, str] = {}
        for t in yticks:
            row = to_px(x0, t)[1] // 4
            tick_rows.setdefault(row, labels[t])
        for row in range(canvas.height):
            line = Text(no_wrap=True, overflow="crop")
            label = tick_rows.get(row)
            line.append((label or "").rjust(label_w)[:label_w], style="dim")
            line.append(" ┤" if label else " │", style="dim")
            for col in range(canvas.width):
                owner = int(canvas.owner[row, col])
                if owner >= 0:
                    style = PALETTE[owner % len(PALETTE)]
                elif owner <= -2:
                    style = f"dim {PALETTE[(-owner - 2) % len(PALETTE)]}"
                else:
                    style = ""
                line.append(canvas.char(row, col), style=style)
            out.append(line)
        # x axis with ticks
        xticks = nice_ticks(x0, x1, max(2, min(6, plot_w // 12)))
        axis = ["─"] * plot_w
        under = [" "] * (plot_w + 8)
        for t in xticks:
            col = to_px(t, y0)[0] // 2
            if 0 <= col < plot_w:
                axis[col] = "┬"
                label = fmt(t)
                start = min(max(col - len(label) // 2, 0), plot_w - len(label))
                if all(c == " " for c in under[max(start - 1, 0) : start + len(label) + 1]):
                    under[start : start + len(label)] = list(label)
        out.append(Text(" " * label_w + " └" + "".join(axis), style="dim", no_wrap=True))
        xl = "".join(under[:plot_w]).rstrip()
        if self.xlabel:
            room = plot_w - len(xl) - 1
            if room > len(self.xlabel):
                xl = xl + " " * (plot_w - len(xl) - len(self.xlabel)) + self.xlabel
        out.append(Text(" " * (label_w + 2) + xl, style="dim", no_wrap=True, overflow="crop"))
        # legend, wrapped to the width
        legend = Text(no_wrap=True, overflow="crop")
        legend_lines = []
        used = 0
        for i, name in enumerate(names):
            entry_w = len(name) + 4
            if used and used + entry_w > width:
                legend_lines.append(legend)
                legend = Text(no_wrap=True, overflow="crop")
                used = 0
            legend.append("━━ ", style=PALETTE[i % len(PALETTE)])
            legend.append(name + " ")
            used += entry_w
        if self.smoothing:
            legend.append(f"(EMA {self.smoothing:g})", style="dim")
        legend_lines.append(legend)
        out.extend(legend_lines)
        if self.show_summary:
            out.append(Text(self.summary(), style="dim", overflow="fold"))
        return out
