"""Printed digits rendered from the fonts Pillow ships, made MNIST-style for training.

MNIST holds only handwriting, so a network trained on it alone misreads printed digits (a
seven with a flat top and no bar, a one with a foot). Mixing some rendered digits into
training fixes that. Only fonts inside Pillow itself are used (its TrueType default font at
any size, and its small bitmap font), so a rebuild gives the same images on every machine.
Weight (outline stroke), slant (shear) and size vary, and half of the ones get the foot
serif many fonts draw (Pillow's own one has none, and a footed one would otherwise read as
a two); every digit goes through `digit_from_ink`, the very normalisation `dltutor infer
image` applies to a photo.
"""

from __future__ import annotations

import numpy as np

CANVAS = 112


def _font(kind: str, size: int):
    from PIL import ImageFont

    if kind == "bitmap":
        return ImageFont.load_default_imagefont()
    return ImageFont.load_default(size=size)


def add_foot(img):
    """A horizontal bar under a one's stem, as wide as half the glyph is tall."""
    from PIL import ImageDraw

    a = np.asarray(img) > 127
    rows = np.flatnonzero(a.any(axis=1))
    if rows.size == 0:
        return img
    top, bottom = int(rows[0]), int(rows[-1])
    base = np.flatnonzero(a[bottom - max(1, (bottom - top) // 8)])
    if base.size == 0:
        return img
    centre, stem = float(base.mean()), max(2, int(base.size))
    half = 0.27 * (bottom - top)
    thick = max(2, int(0.7 * stem))
    ImageDraw.Draw(img).rectangle(
        (centre - half, bottom - thick + 1, centre + half, bottom), fill=255
    )
    return img


def render(
    digit: int, kind: str, size: int, weight: int, shear: float, foot: bool = False
) -> np.ndarray:
    """One digit as bright ink on black (CANVAS x CANVAS float32 in [0, 1])."""
    from PIL import Image, ImageDraw

    font = _font(kind, size)
    img = Image.new("L", (CANVAS, CANVAS), 0)
    draw = ImageDraw.Draw(img)
    if kind == "bitmap":  # 6x11 pixels: drawn small, then scaled up like a pixel font
        small = Image.new("L", (16, 16), 0)
        ImageDraw.Draw(small).text((4, 2), str(digit), fill=255, font=font)
        img = small.resize((CANVAS, CANVAS), Image.Resampling.BILINEAR)
    else:
        draw.text(
            (CANVAS / 2, CANVAS / 2),
            str(digit),
            fill=255,
            font=font,
            anchor="mm",
            stroke_width=weight,
            stroke_fill=255,
        )
        if foot:
            img = add_foot(img)
    if shear:
        img = img.transform(
            img.size,
            Image.Transform.AFFINE,
            (1, shear, -shear * CANVAS / 2, 0, 1, 0),
            resample=Image.Resampling.BILINEAR,
        )
    return np.asarray(img, dtype=np.float32) / 255.0


def printed_digits(per_digit: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """`per_digit` rendered examples of each digit: x (N, 1, 28, 28) float32, y (N,) int64."""
    from dltutor.engine.inference.mnist_style import digit_from_ink

    images, labels = [], []
    for digit in range(10):
        for _ in range(per_digit):
            kind = "bitmap" if rng.random() < 0.15 else "truetype"
            size = int(rng.integers(48, 84))
            weight = int(rng.integers(0, 4))
            shear = float(rng.uniform(-0.25, 0.1))  # italics lean right (negative shear)
            foot = digit == 1 and rng.random() < 0.5
            ink = render(digit, kind, size, weight, shear, foot)
            images.append(digit_from_ink(ink))
            labels.append(digit)
    x = np.stack(images).astype(np.float32)[:, None]
    return x, np.asarray(labels, dtype=np.int64)
