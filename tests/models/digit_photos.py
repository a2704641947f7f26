"""Photo-like pictures of digits, drawn here, for testing mnist-cnn on real-world input.

Two styles: pen strokes like handwriting (jittered polylines of varying width) and printed
digits from DejaVu fonts (a font family training never saw: training renders Pillow's own
fonts only). Each is then made photo-like: dark ink on light paper, a lighting gradient,
rotation, blur, noise, placed off-centre in a 400-1200 px picture.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

# strokes per digit in a unit box (x right, y down); one or two variants, several strokes each
_T = np.linspace(0, 2 * np.pi, 40)
STROKES: dict[int, list[list[list[tuple[float, float]]]]] = {
    0: [[list(zip(0.5 + 0.32 * np.sin(_T), 0.5 - 0.45 * np.cos(_T), strict=True))]],
    1: [[[(0.5, 0.04), (0.5, 0.96)]], [[(0.3, 0.22), (0.52, 0.04), (0.5, 0.96)]]],
    2: [
        [
            [(0.18, 0.25), (0.35, 0.07), (0.6, 0.04), (0.78, 0.2), (0.72, 0.42), (0.2, 0.95)],
            [(0.2, 0.95), (0.85, 0.94)],
        ],
    ],
    3: [
        [
            [
                (0.2, 0.12),
                (0.5, 0.03),
                (0.78, 0.17),
                (0.72, 0.4),
                (0.45, 0.5),
                (0.76, 0.6),
                (0.8, 0.82),
                (0.52, 0.97),
                (0.18, 0.88),
            ]
        ],
    ],
    4: [
        [[(0.66, 0.96), (0.66, 0.04), (0.14, 0.66), (0.86, 0.66)]],
        [[(0.22, 0.04), (0.16, 0.6), (0.86, 0.6)], [(0.66, 0.3), (0.66, 0.96)]],
    ],
    5: [
        [
            [
                (0.25, 0.05),
                (0.22, 0.45),
                (0.55, 0.4),
                (0.8, 0.58),
                (0.76, 0.85),
                (0.5, 0.97),
                (0.2, 0.88),
            ],
            [(0.25, 0.05), (0.8, 0.05)],
        ],
    ],
    6: [
        [
            [
                (0.7, 0.04),
                (0.42, 0.28),
                (0.24, 0.62),
                (0.3, 0.9),
                (0.55, 0.97),
                (0.75, 0.82),
                (0.72, 0.6),
                (0.48, 0.53),
                (0.26, 0.68),
            ]
        ],
    ],
    7: [[[(0.15, 0.05), (0.85, 0.05), (0.4, 0.96)]]],
    8: [[list(zip(0.5 + 0.26 * np.sin(2 * _T), 0.5 + 0.46 * np.cos(_T), strict=True))]],
    9: [
        [
            [
                (0.76, 0.3),
                (0.52, 0.47),
                (0.26, 0.36),
                (0.34, 0.08),
                (0.64, 0.05),
                (0.77, 0.28),
                (0.72, 0.62),
                (0.62, 0.97),
            ]
        ],
    ],
}


def pen_digit(digit: int, rng: np.random.Generator, side: int = 320) -> Image.Image:
    """A handwriting-like digit, white on black, about `side` px tall."""
    variants = STROKES[digit]
    strokes = variants[int(rng.integers(len(variants)))]
    width_scale = rng.uniform(0.65, 1.05)
    slant = rng.uniform(-0.25, 0.15)
    pen = int(rng.integers(max(3, side // 50), side // 9))
    img = Image.new("L", (side * 2, side * 2), 0)
    draw = ImageDraw.Draw(img)
    for stroke in strokes:
        pts = np.asarray(stroke, dtype=float) + rng.normal(0, 0.025, (len(stroke), 2))
        x = (pts[:, 0] - 0.5) * width_scale - slant * (pts[:, 1] - 0.5)
        xy = [(side + side * a, side // 2 + side * b) for a, b in zip(x, pts[:, 1], strict=True)]
        draw.line(xy, fill=255, width=pen, joint="curve")
        r = pen / 2
        for px, py in (xy[0], xy[-1]):  # round pen ends
            draw.ellipse((px - r, py - r, px + r, py + r), fill=255)
    return img


def dejavu_fonts() -> list[Path]:
    """DejaVu TrueType files installed on this machine (the Debian fonts-dejavu packages)."""
    folder = Path("/usr/share/fonts/truetype/dejavu")
    return sorted(folder.glob("DejaVu*.ttf")) if folder.is_dir() else []


def font_digit(digit: int, font: Path, rng: np.random.Generator, side: int = 320) -> Image.Image:
    """A printed digit from `font`, white on black, about `side` px tall."""
    img = Image.new("L", (side * 2, side * 2), 0)
    face = ImageFont.truetype(str(font), size=int(side * rng.uniform(0.9, 1.2)))
    ImageDraw.Draw(img).text((side, side), str(digit), fill=255, font=face, anchor="mm")
    return img


def photograph(ink: Image.Image, rng: np.random.Generator) -> Image.Image:
    """Dark ink on light, unevenly lit paper: rotated, off-centre, blurred, noisy, RGB."""
    w = int(rng.integers(400, 1201))
    h = int(w * rng.uniform(0.75, 1.33))
    box = ink.getbbox() or (0, 0, *ink.size)
    ink = ink.crop(box).rotate(rng.uniform(-10, 10), expand=True, resample=Image.BICUBIC)
    target = rng.uniform(0.35, 0.7) * min(w, h)
    k = target / max(ink.size)
    ink = ink.resize((max(1, int(ink.width * k)), max(1, int(ink.height * k))), Image.LANCZOS)
    layer = Image.new("L", (w, h), 0)
    free_x, free_y = w - ink.width, h - ink.height
    cx = int(free_x * np.clip(rng.normal(0.5, 0.2), 0.05, 0.95))
    cy = int(free_y * np.clip(rng.normal(0.5, 0.2), 0.05, 0.95))
    layer.paste(ink, (cx, cy))
    alpha = np.asarray(layer.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 2.5))), np.float32)
    alpha /= 255.0
    yy = np.arange(h, dtype=np.float32)[:, None] / h
    xx = np.arange(w, dtype=np.float32)[None, :] / w
    angle = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(angle) * (xx - 0.5) + np.sin(angle) * (yy - 0.5)) * rng.uniform(0.15, 0.4)
    paper = np.float32(rng.uniform(0.7, 0.92)) - ramp
    ink_level = np.float32(rng.uniform(0.05, 0.3))
    grey = paper + (ink_level - paper) * alpha
    grey += rng.standard_normal(grey.shape, dtype=np.float32) * np.float32(rng.uniform(0.01, 0.04))
    grey = np.clip(grey * 255, 0, 255).astype(np.uint8)
    tint = rng.uniform(0.9, 1.0, 3)  # slightly coloured light
    channels = [Image.fromarray(grey).point(lambda v, t=t: int(v * t)) for t in tint]
    return Image.merge("RGB", channels)


def make_set(folder: Path, style: str, per_digit: int, seed: int) -> list[tuple[Path, int]]:
    """Write `per_digit` photos of every digit in `style` ("pen" or "font"); (path, digit)."""
    rng = np.random.default_rng(seed)
    fonts = dejavu_fonts()
    out = []
    for digit in range(10):
        for i in range(per_digit):
            if style == "pen":
                ink = pen_digit(digit, rng)
            else:
                ink = font_digit(digit, fonts[int(rng.integers(len(fonts)))], rng)
            path = folder / f"{style}-{digit}-{i}.jpg"
            photograph(ink, rng).save(path, quality=int(rng.integers(75, 95)))
            out.append((path, digit))
    return out
