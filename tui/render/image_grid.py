"""Small images (filters, feature maps, inputs) in a wrapped grid with labels."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rich.color import Color
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text

from ._util import SUMMARY_WORDS, blend, fmt

RAMP = " .:-=+*#%@"


class ImageGrid:
    """Grey images in a grid, each scaled to `size` cells wide (two pixel rows per text row).

    Each image is normalised on its own (min → black, max → white); `signed=True` uses a
    blue-white-red scale centred on 0, which suits filter weights. Without colour, pixels
    become the ASCII ramp " .:-=+*#%@".
    """

    def __init__(
        self,
        images: Sequence[tuple[str, np.ndarray]] | Sequence[np.ndarray],
        *,
        title: str = "",
        size: int | None = None,
        signed: bool = False,
        width: int | None = None,
        gap: int = 1,
        show_summary: bool = True,
        lang: str = "en",
    ) -> None:
        items = []
        for k, item in enumerate(images):
            if isinstance(item, tuple):
                label, image = item
            else:
                label, image = str(k), item
            image = np.asarray(image, dtype=float)
            if image.ndim != 2:
                raise ValueError(f"image {label!r} must be 2-D, got shape {image.shape}")
            items.append((str(label), image))
        self.images = items
        self.title = title
        self.size = size
        self.signed = signed
        self.width = width
        self.gap = gap
        self.show_summary = show_summary
        self.lang = lang

    def summary(self) -> str:
        w = SUMMARY_WORDS.of(self.lang)
        head = self.title or w["images"]
        if not self.images:
            return w["none"].format(head=head)
        shapes = sorted({f"{im.shape[0]}×{im.shape[1]}" for _, im in self.images})
        lo = min(float(np.nanmin(im)) for _, im in self.images)
        hi = max(float(np.nanmax(im)) for _, im in self.images)
        blank = sum(1 for _, im in self.images if float(np.nanmax(np.abs(im))) < 1e-6)
        text = w["image_list"].format(
            head=head, n=len(self.images), shapes=", ".join(shapes), lo=fmt(lo), hi=fmt(hi)
        )
        if blank:
            text += w["blank"].format(n=blank)
        return text + w["end"]

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = min(self.width or options.max_width, options.max_width)
        return Measurement(min(8, width), width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = min(self.width or options.max_width, options.max_width)
        color = not console.no_color and console.color_system is not None
        yield from self.lines(width, color)

    def _cells(self, image: np.ndarray, size: int) -> np.ndarray:
        """Resample to `size` columns × an even number of pixel rows; values in [0, 1]."""
        h, w = image.shape
        rows = max(2, int(round(h * size / w / 2)) * 2)
        ri = np.minimum((np.arange(rows) * h) // rows, h - 1)
        ci = np.minimum((np.arange(size) * w) // size, w - 1)
        pix = image[np.ix_(ri, ci)]
        pix = np.nan_to_num(pix)
        if self.signed:
            scale = float(np.abs(pix).max()) or 1.0
            return (pix / scale + 1) / 2
        lo, hi = float(pix.min()), float(pix.max())
        return np.zeros_like(pix) if hi == lo else (pix - lo) / (hi - lo)

    def _color(self, t: float) -> Color:
        if self.signed:
            rgb = (
                blend((40, 80, 200), (240, 240, 240), t * 2)
                if t < 0.5
                else blend((240, 240, 240), (200, 50, 40), (t - 0.5) * 2)
            )
        else:
            v = int(round(t * 255))
            rgb = (v, v, v)
        return Color.from_rgb(*rgb)

    def lines(self, width: int, color: bool = True) -> list[Text]:
        out: list[Text] = []
        if self.title:
            out.append(Text(self.title, style="bold", no_wrap=True, overflow="ellipsis"))
        if not self.images:
            out.append(Text("(no images)", style="dim"))
            return out
        widest = max(im.shape[1] for _, im in self.images)
        size = self.size or min(widest, 28)
        size = max(2, min(size, width))
        per_row = max(1, (width + self.gap) // (size + self.gap))
        for start in range(0, len(self.images), per_row):
            group = self.images[start : start + per_row]
            cells = [self._cells(im, size) for _, im in group]
            tallest = max(c.shape[0] for c in cells) // 2
            for r in range(tallest):
                line = Text(no_wrap=True, overflow="crop")
                for k, pix in enumerate(cells):
                    if 2 * r + 1 < pix.shape[0]:
                        top, bottom = pix[2 * r], pix[2 * r + 1]
                        for c in range(size):
                            if color:
                                line.append(
                                    "▀",
                                    Style(
                                        color=self._color(top[c]), bgcolor=self._color(bottom[c])
                                    ),
                                )
                            else:
                                t = (top[c] + bottom[c]) / 2
                                line.append(RAMP[int(np.clip(t * len(RAMP), 0, len(RAMP) - 1))])
                    else:
                        line.append(" " * size)
                    if k < len(cells) - 1:
                        line.append(" " * self.gap)
                out.append(line)
            labels = Text(no_wrap=True, overflow="crop")
            for k, (label, _im) in enumerate(group):
                piece = Text(label)
                piece.truncate(size, overflow="ellipsis", pad=True)
                labels.append_text(piece)
                if k < len(group) - 1:
                    labels.append(" " * self.gap)
            labels.stylize("dim")
            out.append(labels)
        if self.show_summary:
            out.append(Text(self.summary(), style="dim", overflow="fold"))
        return out
