"""Make a photo look like the training data of the shipped image models.

Fashion-MNIST and the scikit-learn digits are light objects on a black background, grey,
centred and filling the frame. A photo of a shoe on a white table is none of these, so
`prepare_image` walks it there step by step and returns the model's actual input (which
`dltutor infer image --show` draws, so a learner sees what the network saw):

1. open with Pillow, refusing decompression bombs (more than `MAX_PIXELS` pixels) before
   decoding; first frame of an animated file; EXIF orientation applied;
2. any mode to grey in [0, 1]: 16-bit and 32-bit integer and float images scaled by their
   range, palette / CMYK / YCbCr / 1-bit converted, transparency composited over a
   background that contrasts with the object;
3. inversion when the background (the median of the border) is light;
4. background level subtracted, contrast stretched, cropped to the object, padded to a
   square with the margin the training images have, resized (area-averaging down);
5. an image already at the model's size (a test-split sample) is only greyed and inverted
   if needed, so the shipped samples reach the model bit for bit.

A model whose card asks for `method: "mnist"` (mnist-cnn) gets its input made the way
MNIST was made instead (`mnist_style.prepare_digit`: lighting removed, Otsu, 20x20 box,
centre of mass), at every size. Images larger than `WORK_SIDE` (`DIGIT_SIDE` for a digit)
are first downscaled (Pillow's draft mode and thumbnail), so a 40-megapixel photo never
becomes a 40-megapixel float array.

Everything here raises `ImageInputError` with a one-line message for a bad input.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

MAX_PIXELS = 40_000_000  # 40 megapixels: any real photo fits; a decompression bomb does not
WORK_SIDE = 1024  # longer side an image is worked on at (more detail changes nothing at 28x28)
DIGIT_SIDE = 640  # the same for a digit photo: its 20x20 box needs even less


class ImageInputError(ValueError):
    """An image that cannot be used, with a message meant for the person who gave it."""


@dataclass
class PreparedImage:
    array: np.ndarray  # (H, W) float32 in [0, 1], light object on dark, the model's input
    source_size: tuple[int, int]  # (width, height) of the file
    notes: list[str] = field(default_factory=list)  # what was done, for --json / --show


def _open(source: Any):
    from PIL import Image, UnidentifiedImageError

    if isinstance(source, Image.Image):
        return source
    name = "image"
    try:
        if isinstance(source, (bytes, bytearray)):
            fp: Any = io.BytesIO(source)
        else:
            path = Path(source)
            name = str(path)
            if not path.exists():
                raise ImageInputError(f"{name}: no such file")
            if path.is_dir():
                raise ImageInputError(f"{name}: is a directory, not an image file")
            if path.is_file() and path.stat().st_size == 0:
                raise ImageInputError(f"{name}: the file is empty (0 bytes), not an image")
            fp = path
        with warnings.catch_warnings():
            # Pillow warns above MAX_IMAGE_PIXELS and raises at twice that: refuse both
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            old = Image.MAX_IMAGE_PIXELS
            Image.MAX_IMAGE_PIXELS = MAX_PIXELS
            try:
                im = Image.open(fp)
            finally:
                Image.MAX_IMAGE_PIXELS = old
    except ImageInputError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageInputError(
            f"{name}: refused: more than {MAX_PIXELS // 1_000_000} megapixels "
            "(a decompression-bomb guard); scale the image down first"
        ) from None
    except UnidentifiedImageError:
        raise ImageInputError(
            f"{name}: not an image file Pillow can read (PNG, JPEG, GIF, BMP, TIFF, WebP ...)"
        ) from None
    except PermissionError:
        raise ImageInputError(f"{name}: permission denied") from None
    except OSError as error:
        raise ImageInputError(f"{name}: cannot read the file ({error})") from None
    w, h = im.size
    if w * h > MAX_PIXELS:
        raise ImageInputError(
            f"{name}: refused: {w}x{h} is more than {MAX_PIXELS // 1_000_000} megapixels "
            "(a decompression-bomb guard); scale the image down first"
        )
    if w == 0 or h == 0:
        raise ImageInputError(f"{name}: the image is empty ({w}x{h})")
    return im


def _to_grey_and_alpha(im, notes: list[str]) -> tuple[np.ndarray, np.ndarray | None]:
    """Grey in [0, 1] and alpha in [0, 1] (or None) from any Pillow mode."""

    mode = im.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        a = np.asarray(im, dtype=np.float64)
        if mode.startswith("I;16"):
            a = a / 65535.0
            notes.append("16-bit grey scaled to [0, 1]")
        else:
            lo, hi = float(np.nanmin(a)), float(np.nanmax(a))
            a = (a - lo) / (hi - lo) if hi > lo else np.zeros_like(a)
            notes.append(f"{mode}-mode image scaled by its range")
        return np.nan_to_num(a).astype(np.float32), None
    if mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
        notes.append("palette image converted")
    elif mode == "PA":
        im = im.convert("RGBA")
    elif mode == "1":
        im = im.convert("L")
    elif mode in ("CMYK", "YCbCr", "LAB", "HSV"):
        im = im.convert("RGB")
        notes.append(f"{mode} converted to RGB")
    elif mode not in ("L", "LA", "RGB", "RGBA", "RGBa", "La"):
        im = im.convert("RGBA")
    mode = im.mode
    arr = np.asarray(im, dtype=np.float32) / 255.0
    if arr.ndim == 2:
        return arr, None
    if mode in ("LA", "La"):
        grey, alpha = arr[..., 0], arr[..., 1]
    else:
        rgb = arr[..., :3]
        grey = rgb @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
        alpha = arr[..., 3] if arr.shape[-1] == 4 else None
    if alpha is not None and float(alpha.min()) > 0.98:
        alpha = None  # fully opaque: nothing to composite
    return grey.astype(np.float32), alpha


def _border(a: np.ndarray) -> np.ndarray:
    h, w = a.shape
    k = max(1, min(h, w) // 20)
    return np.concatenate([a[:k].ravel(), a[-k:].ravel(), a[:, :k].ravel(), a[:, -k:].ravel()])


def _resize(a: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Resize a [0, 1] float image to (H, W): area-averaging down, bilinear up."""
    from PIL import Image

    h, w = a.shape
    th, tw = size
    im = Image.fromarray(a.astype(np.float32))  # mode "F"
    method = Image.Resampling.BOX if th <= h and tw <= w else Image.Resampling.BILINEAR
    return np.asarray(im.resize((tw, th), method), dtype=np.float32)


def _downscale(im, side: int, notes: list[str]):
    """A copy no larger than `side` on its longer side (memory-safe for huge photos)."""
    from PIL import Image

    if max(im.size) <= side:
        return im
    if im.mode not in ("1", "L", "LA", "RGB", "RGBA", "I;16", "I", "F"):
        im = im.convert("RGBA")
    small = im.copy()
    small.thumbnail((side, side), Image.Resampling.BOX, reducing_gap=2.0)
    notes.append(f"downscaled from {im.size[0]}x{im.size[1]} to {small.size[0]}x{small.size[1]}")
    return small


def prepare_image(
    source: Any,
    size: tuple[int, int] = (28, 28),
    margin: float = 0.04,
    invert: str = "auto",
    method: str = "fit",
) -> PreparedImage:
    """The model input for `source` (path, bytes or PIL image): (H, W) float32 in [0, 1].

    `margin` is the fraction of the side left empty around the object (Fashion-MNIST
    objects nearly fill the frame: 0.04; the 8x8 digits touch it: 0.0). `invert` is
    "auto" (when the border is light), "always" or "never". `method` "mnist" makes the
    input the way MNIST was made (see `mnist_style`).
    """
    from PIL import ImageOps

    notes: list[str] = []
    im = _open(source)
    name = getattr(im, "filename", "") or "image"
    try:
        if getattr(im, "is_animated", False) and getattr(im, "n_frames", 1) > 1:
            im.seek(0)
            notes.append(f"animated ({im.n_frames} frames): used the first frame")
        source_size = im.size
        work_side = DIGIT_SIDE if method == "mnist" else WORK_SIDE
        if im.format == "JPEG" and max(im.size) > work_side:
            im.draft(im.mode, (work_side, work_side))  # decode at a reduced scale
        im.load()
        if im.getexif().get(0x0112, 1) not in (0, 1):  # the Orientation tag
            im = ImageOps.exif_transpose(im)
            notes.append("EXIF orientation applied")
        im = _downscale(im, work_side, notes)
        grey, alpha = _to_grey_and_alpha(im, notes)
    except ImageInputError:
        raise
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        text = str(error) or type(error).__name__
        if "truncated" in text.lower() or isinstance(error, (EOFError, SyntaxError)):
            text = "the file is truncated or corrupt"
        raise ImageInputError(f"{name}: cannot decode the image: {text}") from None
    except MemoryError:
        raise ImageInputError(f"{name}: the image is too large to decode") from None

    if alpha is not None:
        # composite over a background that contrasts with the (opaque) object
        weight = float(alpha.sum())
        obj = float((grey * alpha).sum() / weight) if weight > 0 else 0.0
        bg = 1.0 if obj < 0.5 else 0.0
        grey = grey * alpha + bg * (1.0 - alpha)
        notes.append(f"transparency composited over {'white' if bg else 'black'}")

    if method == "mnist":
        return _mnist_style(grey, invert, source_size, notes, name)
    border = float(np.median(_border(grey)))
    do_invert = invert == "always" or (invert == "auto" and border > 0.5)
    if do_invert:
        grey = 1.0 - grey
        border = 1.0 - border
        notes.append("inverted (light background; the training images are light-on-dark)")

    th, tw = size
    if grey.shape == (th, tw):
        return PreparedImage(np.clip(grey, 0, 1).astype(np.float32), source_size, notes)

    # background to black, contrast stretched so the object's bright parts reach ~1
    a = np.clip(grey - border, 0.0, None)
    top = float(np.percentile(a, 99.5)) if a.size else 0.0
    if top <= 0.02:
        notes.append("the image looks blank: no object found")
        a = np.zeros_like(a)
    else:
        a = np.clip(a / top, 0.0, 1.0)
        mask = a > 0.15
        rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
        if rows.size and cols.size:
            r0, r1, c0, c1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
            if (r1 - r0, c1 - c0) != a.shape:
                a = a[r0:r1, c0:c1]
                notes.append("cropped to the object")
    h, w = a.shape
    side = max(h, w)
    side_out = int(round(side / max(1e-6, 1.0 - 2 * margin)))
    canvas = np.zeros((side_out, side_out), dtype=np.float32)
    top_off, left_off = (side_out - h) // 2, (side_out - w) // 2
    canvas[top_off : top_off + h, left_off : left_off + w] = a
    out = _resize(canvas, (th, tw))
    return PreparedImage(np.clip(out, 0.0, 1.0).astype(np.float32), source_size, notes)


def _mnist_style(
    grey: np.ndarray, invert: str, source_size: tuple[int, int], notes: list[str], name: str
) -> PreparedImage:
    from dltutor.engine.inference.mnist_style import BlankImageError, prepare_digit

    try:
        digit, steps = prepare_digit(grey, invert)
    except BlankImageError:
        raise ImageInputError(
            f"{name}: no digit found (no ink stands out from the background); "
            "photograph one digit, dark on light or light on dark"
        ) from None
    return PreparedImage(digit, source_size, notes + steps)
