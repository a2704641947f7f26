"""Shared pieces of the renderables: braille canvas, nice ticks, number formats, palette."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from dltutor.lessons.words import Words

# One colour per series; chosen to stay distinct on dark and light terminals.
PALETTE = ("cyan", "magenta", "yellow", "green", "red", "blue", "bright_white", "bright_black")

# The words of the one-line summaries (screen readers, NO_COLOR).
SUMMARY_WORDS = Words(
    "render-summaries",
    {
        "en": {
            "sep": ": ",
            "join": "; ",
            "end": ".",
            "chart": "chart",
            "no_finite": "{name}: no finite values",
            "series": "{name} {first}→{last} (min {lo}, max {hi})",
            "smoothed": ", smoothed end {value}",
            "non_finite": ", {n} non-finite",
            "hidden": ", {n} ≤ 0 not shown on the log scale",
            "over": " over {n} points",
            "log": ", log scale",
            "empty": "{head}: empty.",
            "heat_map": "heat map",
            "grid": "{head}: {rows}×{cols} grid over x {x0}..{x1}, y {y0}..{y1}",
            "class": "class {i} {share:.0%}",
            "area": "; area: {share}",
            "values": "; values {lo}..{hi}",
            "right_side": "; {right}/{n} points on their class's side",
            "points": "; {n} points",
            "histogram": "histogram",
            "hist_short": "{head} mean {mean} std {std}, ends {lo:.0%}/{hi:.0%}",
            "hist_long": "{head}: {n} values in {a}..{b}, mean {mean}, std {std}, peak near {peak}, "
            "{lo:.0%} in the lowest tenth, {hi:.0%} in the highest",
            "images": "images",
            "none": "{head}: none.",
            "image_list": "{head}: {n} images of {shapes}, values {lo}..{hi}",
            "blank": ", {n} blank",
            "paths": "paths",
            "path": "{name} {steps} steps to ({x}, {y}), path length {length}, {flips} y-direction "
            "flips",
            "path_empty": "{name}: empty",
            "table": "{title}: table of {n} rows.",
            "texts": "{title}: {n} texts.",
            "cannot_draw": "(cannot draw a {kind!r} plot)",
        },
        "ja": {
            "sep": "：",
            "join": "；",
            "end": "。",
            "chart": "グラフ",
            "no_finite": "{name}：有限の値なし",
            "series": "{name} {first}→{last}（最小 {lo}、最大 {hi}）",
            "smoothed": "、平滑化後の最終値 {value}",
            "non_finite": "、有限でない値 {n} 個",
            "hidden": "、0 以下の {n} 個は対数目盛では非表示",
            "over": "（{n} 点）",
            "log": "、対数目盛",
            "empty": "{head}：空。",
            "heat_map": "ヒートマップ",
            "grid": "{head}：x {x0}..{x1}、y {y0}..{y1} の範囲に {rows}×{cols} の格子",
            "class": "クラス {i} {share:.0%}",
            "area": "。面積：{share}",
            "values": "。値 {lo}..{hi}",
            "right_side": "。{n} 点中 {right} 点が自分のクラスの側",
            "points": "。{n} 点",
            "histogram": "ヒストグラム",
            "hist_short": "{head} 平均 {mean} 標準偏差 {std}、両端 {lo:.0%}/{hi:.0%}",
            "hist_long": "{head}：{a}..{b} の値 {n} 個、平均 {mean}、標準偏差 {std}、山は {peak} 付近、"
            "下位 1 割に {lo:.0%}、上位 1 割に {hi:.0%}",
            "images": "画像",
            "none": "{head}：なし。",
            "image_list": "{head}：{shapes} の画像 {n} 枚、値 {lo}..{hi}",
            "blank": "、空 {n} 枚",
            "paths": "経路",
            "path": (
                "{name} {steps} ステップで ({x}, {y}) へ、経路の長さ {length}、y 方向の反転 {flips} 回"
            ),
            "path_empty": "{name}：空",
            "table": "{title}：{n} 行の表。",
            "texts": "{title}：テキスト {n} 件。",
            "cannot_draw": "（{kind!r} の図は描けません）",
        },
    },
)


# Bit of each dot in a braille cell, indexed [row][col] for the 2x4 dot grid.
_BRAILLE_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))


def fmt(value: float) -> str:
    """A short, stable number format for ticks and summaries."""
    if value is None or not math.isfinite(value):
        return str(value)
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 1e5 or magnitude < 1e-3:
        return f"{value:.1e}".replace("e-0", "e-").replace("e+0", "e")
    if magnitude >= 100:
        return f"{value:.0f}"
    return f"{value:.3g}"


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2, 5 × 10^k steps) covering [lo, hi]."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return []
    if hi <= lo:
        return [lo]
    raw = (hi - lo) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(lo / step - 1e-9) * step
    ticks = []
    value = first
    while value <= hi + step * 1e-9:
        ticks.append(0.0 if abs(value) < step * 1e-9 else value)
        value += step
    return ticks


def ema(values: Sequence[float], smoothing: float) -> list[float]:
    """Debiased exponential moving average (TensorBoard's smoothing slider).

    `smoothing` is the weight of the past in [0, 1): 0 leaves the series unchanged.
    Non-finite values are skipped and passed through.
    """
    if smoothing <= 0:
        return list(values)
    out: list[float] = []
    last, weight = 0.0, 0.0
    for value in values:
        if value is None or not math.isfinite(value):
            out.append(value)
            continue
        last = smoothing * last + (1 - smoothing) * value
        weight = smoothing * weight + (1 - smoothing)
        out.append(last / weight)
    return out


class BrailleCanvas:
    """A grid of braille cells, 2×4 dots each, with one owner (series index) per cell."""

    def __init__(self, width: int, height: int) -> None:
        self.width = max(1, width)
        self.height = max(1, height)
        self.bits = np.zeros((self.height, self.width), dtype=np.uint8)
        self.owner = np.full((self.height, self.width), -1, dtype=np.int16)

    @property
    def px(self) -> int:
        return self.width * 2

    @property
    def py(self) -> int:
        return self.height * 4

    def dot(self, x: int, y: int, owner: int = 0) -> None:
        """Set the dot at pixel (x, y); y = 0 is the top row."""
        if 0 <= x < self.px and 0 <= y < self.py:
            row, col = y // 4, x // 2
            self.bits[row, col] |= _BRAILLE_BITS[y % 4][x % 2]
            self.owner[row, col] = owner

    def line(self, x0: int, y0: int, x1: int, y1: int, owner: int = 0) -> None:
        """Bresenham line between two pixels (both ends included)."""
        dx, dy = abs(x1 - x0), -abs(y1 - y0)
        sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
        err = dx + dy
        for _ in range(4 * (self.px + self.py) + 4):
            self.dot(x0, y0, owner)
            if x0 == x1 and y0 == y1:
                break
            e2 = 2 * err
            if e2 >= dy:
                err += dy
                x0 += sx
            if e2 <= dx:
                err += dx
                y0 += sy

    def char(self, row: int, col: int) -> str:
        bits = int(self.bits[row, col])
        return chr(0x2800 + bits) if bits else " "


def blend(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    t = min(max(float(t), 0.0), 1.0)
    return tuple(int(round(x + (y - x) * t)) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def truncate(text: str, width: int) -> str:
    if width <= 0:
        return ""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"
