"""Histograms with eighth-block bars, one or several side by side."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from ._util import PALETTE, SUMMARY_WORDS, fmt

BLOCKS = " ▁▂▃▄▅▆▇█"


class Histogram:
    """The distribution of `values` (or precomputed `counts` with bin `edges`)."""

    def __init__(
        self,
        values: np.ndarray | Sequence[float] | None = None,
        *,
        counts: Sequence[float] | None = None,
        edges: Sequence[float] | None = None,
        bins: int = 20,
        range: tuple[float, float] | None = None,  # noqa: A002 - numpy's name
        title: str = "",
        width: int | None = None,
        height: int = 6,
        color: str = PALETTE[0],
        show_summary: bool = True,
        lang: str = "en",
    ) -> None:
        if counts is None:
            data = np.asarray(values if values is not None else [], dtype=float).ravel()
            data = data[np.isfinite(data)]
            if range is None:
                range = (float(data.min()), float(data.max())) if data.size else (0.0, 1.0)
                if range[0] == range[1]:
                    range = (range[0] - 0.5, range[1] + 0.5)
            counts, edges = np.histogram(data, bins=bins, range=range)
            self.mean = float(data.mean()) if data.size else float("nan")
            self.std = float(data.std()) if data.size else float("nan")
        else:
            if edges is None or len(edges) != len(counts) + 1:
                raise ValueError("edges must have one more entry than counts")
            centres = (np.asarray(edges[:-1]) + np.asarray(edges[1:])) / 2
            total = max(float(np.sum(counts)), 1e-12)
            self.mean = float(np.sum(centres * counts) / total)
            self.std = float(np.sqrt(np.sum(counts * (centres - self.mean) ** 2) / total))
        self.counts = np.asarray(counts, dtype=float)
        self.edges = np.asarray(edges, dtype=float)
        self.title = title
        self.width = width
        self.height = max(1, height)
        self.color = color
        self.show_summary = show_summary
        self.lang = lang

    @property
    def total(self) -> float:
        return float(self.counts.sum())

    def share(self, lo: float, hi: float) -> float:
        """Fraction of the mass in bins whose centre lies in [lo, hi]."""
        centres = (self.edges[:-1] + self.edges[1:]) / 2
        mask = (centres >= lo) & (centres <= hi)
        return float(self.counts[mask].sum() / max(self.total, 1e-12))

    def summary(self, short: bool = False) -> str:
        n = len(self.counts)
        k = max(1, n // 10)
        lo = self.counts[:k].sum() / max(self.total, 1e-12)
        hi = self.counts[-k:].sum() / max(self.total, 1e-12)
        peak = int(np.argmax(self.counts)) if n else 0
        centre = (self.edges[peak] + self.edges[peak + 1]) / 2 if n else float("nan")
        w = SUMMARY_WORDS.of(self.lang)
        head = self.title or w["histogram"]
        if short:
            return w["hist_short"].format(
                head=head, mean=fmt(self.mean), std=fmt(self.std), lo=lo, hi=hi
            )
        return w["hist_long"].format(
            head=head,
            n=int(self.total),
            a=fmt(self.edges[0]),
            b=fmt(self.edges[-1]),
            mean=fmt(self.mean),
            std=fmt(self.std),
            peak=fmt(centre),
            lo=lo,
            hi=hi,
        )

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = min(self.width or options.max_width, options.max_width)
        return Measurement(min(8, width), width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.lines(min(self.width or options.max_width, options.max_width))
        if self.show_summary:
            yield Text(
                self.summary() + SUMMARY_WORDS.of(self.lang)["end"], style="dim", overflow="fold"
            )

    def lines(self, width: int) -> list[Text]:
        """Title, bars, and the range under them, each line at most `width` cells."""
        width = max(4, width)
        n = len(self.counts)
        cols = max(1, min(width, n * max(1, width // max(n, 1))))
        # map columns to bins (several columns per bin, or several bins per column)
        idx = np.minimum((np.arange(cols) * n) // cols, n - 1)
        if cols < n:
            per_col = np.add.reduceat(self.counts, np.arange(0, n, n / cols).astype(int)[:cols])
        else:
            per_col = self.counts[idx]
        peak = per_col.max() if per_col.size and per_col.max() > 0 else 1.0
        levels = per_col / peak * self.height * 8
        out: list[Text] = []
        if self.title:
            out.append(Text(self.title[:width], style="bold", no_wrap=True, overflow="crop"))
        for row in range(self.height - 1, -1, -1):
            chars = []
            for level in levels:
                fill = int(np.clip(round(level - row * 8), 0, 8))
                # keep any non-empty bin visible on the bottom row
                if row == 0 and fill == 0 and level > 0:
                    fill = 1
                chars.append(BLOCKS[fill])
            out.append(Text("".join(chars), style=self.color, no_wrap=True))
        left, right = fmt(self.edges[0]), fmt(self.edges[-1])
        axis = left + " " * max(1, cols - len(left) - len(right)) + right
        out.append(Text(axis[: max(width, cols)], style="dim", no_wrap=True, overflow="crop"))
        return out


class HistogramRow:
    """Several histograms side by side (e.g. one per layer), sharing the width."""

    def __init__(
        self,
        histograms: Sequence[Histogram],
        *,
        title: str = "",
        width: int | None = None,
        gap: int = 2,
        show_summary: bool = True,
        lang: str = "en",
    ) -> None:
        self.histograms = list(histograms)
        self.title = title
        self.width = width
        self.gap = gap
        self.show_summary = show_summary
        self.lang = lang

    def summary(self) -> str:
        w = SUMMARY_WORDS.of(self.lang)
        head = (self.title + w["sep"]) if self.title else ""
        return head + w["join"].join(h.summary(short=True) for h in self.histograms) + w["end"]

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = min(self.width or options.max_width, options.max_width)
        return Measurement(min(10, width), width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = min(self.width or options.max_width, options.max_width)
        if self.title:
            yield Text(self.title, style="bold", no_wrap=True, overflow="ellipsis")
        if not self.histograms:
            return
        per_row = len(self.histograms)
        # at least 10 cells per histogram; wrap to more rows when the width is short
        while per_row > 1 and (width - self.gap * (per_row - 1)) // per_row < 10:
            per_row -= 1
        cell = (width - self.gap * (per_row - 1)) // per_row
        for start in range(0, len(self.histograms), per_row):
            group = self.histograms[start : start + per_row]
            blocks = [h.lines(cell) for h in group]
            tallest = max(len(b) for b in blocks)
            for i in range(tallest):
                line = Text(no_wrap=True, overflow="crop")
                for k, block in enumerate(blocks):
                    piece = block[i] if i < len(block) else Text("")
                    piece = piece.copy()
                    piece.truncate(cell, overflow="crop", pad=True)
                    line.append_text(piece)
                    if k < len(blocks) - 1:
                        line.append(" " * self.gap)
                yield line
        if self.show_summary:
            yield Text(self.summary(), style="dim", overflow="fold")
