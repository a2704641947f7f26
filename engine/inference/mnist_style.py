"""Turn a photo or a drawing of one digit into a 28x28 image made the way MNIST was made.

MNIST digits were scanned, size-normalised to fit a 20x20 box (aspect ratio kept,
anti-aliased) and placed in a 28x28 field with their centre of mass at the centre. A
photo of a digit on paper differs in every step, so `prepare_digit` walks it there:

1. ink polarity: the ink is whatever departs most from the local background (dark pen on
   light paper, or chalk on a blackboard); the image is turned so that ink is bright;
2. background and uneven lighting removed: a grey opening (ink taken out) of a small
   copy, blurred and scaled back up, is subtracted;
3. ink found by Otsu's threshold; specks far smaller than the largest stroke dropped;
4. cropped to the ink's bounding box; the pen width brought near MNIST's (a fine pen
   thickened, a fat marker thinned), because a 1-pixel line at 28x28 is not a digit the
   network has seen;
5. scaled into a 20x20 box keeping the aspect ratio (area averaging), then placed in
   28x28 so that the centre of mass sits at the centre.

`digit_from_ink` (steps 3-5) also makes the printed digits rendered from fonts for
training, so training and inference see the same normalisation.
"""

from __future__ import annotations

import numpy as np

BOX = 20  # MNIST's digit box inside the 28x28 field
FIELD = 28
WORK = 80  # side of the box in which pen width is measured and adjusted (4x BOX)
STROKE = 3.0  # MNIST's median pen width in BOX pixels (2 * area / perimeter of the ink > 0.5)
SMALL = 64  # side of the small copy used for the background estimate


class BlankImageError(ValueError):
    """No ink stands out from the background."""


def _resize(a: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """Resize a float image: area averaging down, bilinear up."""
    from PIL import Image

    h, w = a.shape
    th, tw = max(1, shape[0]), max(1, shape[1])
    method = Image.Resampling.BOX if th <= h and tw <= w else Image.Resampling.BILINEAR
    img = Image.fromarray(np.ascontiguousarray(a, dtype=np.float32))
    return np.asarray(img.resize((tw, th), method), dtype=np.float32)


def ink_polarity_dark(grey: np.ndarray) -> bool:
    """True when the ink is darker than its surroundings (pen on paper)."""
    from scipy import ndimage

    small = _small(grey)
    detail = small - ndimage.gaussian_filter(small, sigma=max(small.shape) / 8)
    low, high = np.percentile(detail, [0.5, 99.5])
    return -low > high


def _small(a: np.ndarray) -> np.ndarray:
    h, w = a.shape
    k = SMALL / max(h, w)
    return _resize(a, (round(h * k), round(w * k))) if k < 1 else a.astype(np.float32)


def remove_background(ink: np.ndarray) -> np.ndarray:
    """Bright-ink image minus its smooth background (handles uneven lighting)."""
    from scipy import ndimage

    small = _small(ink)
    size = max(3, int(round(max(small.shape) * 0.17)) | 1)
    opened = ndimage.grey_opening(small, size=(size, size), mode="nearest")
    background = ndimage.gaussian_filter(opened, sigma=size / 2, mode="nearest")
    if background.shape != ink.shape:
        background = _resize(background, ink.shape)
    return np.clip(ink - background, 0.0, None)


def otsu(values: np.ndarray, bins: int = 256) -> float:
    """Otsu's threshold: the cut that maximises the between-class variance."""
    hist, edges = np.histogram(values, bins=bins, range=(0.0, float(values.max()) + 1e-6))
    p = hist.astype(np.float64) / max(1, hist.sum())
    centres = (edges[:-1] + edges[1:]) / 2
    w0 = np.cumsum(p)
    m0 = np.cumsum(p * centres)
    total = m0[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (total * w0 - m0) ** 2 / (w0 * (1 - w0))
    between = np.nan_to_num(between[:-1])
    best = np.flatnonzero(between >= between.max() * (1 - 1e-9))  # a plateau: cut mid-gap
    return float(edges[(best[0] + best[-1]) // 2 + 1])


def pen_width(mask: np.ndarray) -> float:
    """Average stroke width of a binary drawing: 2 * area / perimeter."""
    area = float(mask.sum())
    if area == 0:
        return 0.0
    p = np.pad(mask, 1)
    inner = p[1:-1, 1:-1] & p[:-2, 1:-1] & p[2:, 1:-1] & p[1:-1, :-2] & p[1:-1, 2:]
    perimeter = float((mask & ~inner).sum())
    return 2.0 * area / max(perimeter, 1.0)


def _ink_mask(ink: np.ndarray) -> np.ndarray:
    """Otsu mask without the specks (components far smaller than the largest)."""
    from scipy import ndimage

    top = float(ink.max())
    mask = ink > max(otsu(ink), 0.15 * top)
    labels, count = ndimage.label(mask, structure=np.ones((3, 3)))
    if count > 1:
        sizes = np.bincount(labels.ravel())[1:]
        keep = np.flatnonzero(sizes >= 0.08 * sizes.max()) + 1
        mask = np.isin(labels, keep)
    return mask


def _adjust_pen(soft: np.ndarray) -> tuple[np.ndarray, str | None]:
    """Thicken a fine pen or thin a fat marker towards MNIST's width (in WORK pixels)."""
    from scipy import ndimage

    mask = soft > 0.5
    width = pen_width(mask)
    target = STROKE * WORK / BOX
    if 0 < width < 0.7 * target:
        grow = (target - width) / 2
        dist = ndimage.distance_transform_edt(~mask)
        return np.maximum(soft, np.clip(grow + 0.5 - dist, 0, 1)), "pen thickened"
    if width > 1.7 * target:
        shrink = (width - target) / 2
        dist = ndimage.distance_transform_edt(mask)
        return np.clip(dist - shrink + 0.5, 0, 1).astype(np.float32), "pen thinned"
    return soft, None


def _bbox(mask: np.ndarray) -> tuple[int, int, int, int]:
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    return rows[0], rows[-1] + 1, cols[0], cols[-1] + 1


def _fit(a: np.ndarray, side: int) -> np.ndarray:
    """Scale so that the longer side is `side` pixels, aspect ratio kept."""
    h, w = a.shape
    k = side / max(h, w)
    return _resize(a, (max(1, round(h * k)), max(1, round(w * k))))


def centre_by_mass(digit: np.ndarray, field: int = FIELD) -> np.ndarray:
    """Place `digit` in a field x field image with its centre of mass at the centre
    (moved back inside when that would cut the digit)."""
    h, w = digit.shape
    total = float(digit.sum())
    rows, cols = np.indices(digit.shape)
    cy = float((rows * digit).sum() / total) if total else (h - 1) / 2
    cx = float((cols * digit).sum() / total) if total else (w - 1) / 2
    top = int(round((field - 1) / 2 - cy))
    left = int(round((field - 1) / 2 - cx))
    top, left = min(max(top, 0), field - h), min(max(left, 0), field - w)
    out = np.zeros((field, field), dtype=np.float32)
    out[top : top + h, left : left + w] = digit
    return out


def digit_from_ink(ink: np.ndarray, notes: list[str] | None = None) -> np.ndarray:
    """(28, 28) MNIST-style digit from a background-free image with bright ink."""
    notes = notes if notes is not None else []
    ink = np.asarray(ink, dtype=np.float32)
    if ink.size == 0 or float(ink.max()) <= 0:
        raise BlankImageError("no ink found")
    mask = _ink_mask(ink)
    level = float(np.median(ink[mask]))
    soft = np.clip(ink / max(level, 1e-6), 0.0, 1.0)
    r0, r1, c0, c1 = _bbox(mask)
    soft = soft[r0:r1, c0:c1] * _grown(mask[r0:r1, c0:c1])
    work = _fit(soft, WORK)
    work, note = _adjust_pen(np.pad(work, 12))
    if note:
        notes.append(note)
    r0, r1, c0, c1 = _bbox(work > 0.05)
    digit = np.clip(_fit(work[r0:r1, c0:c1], BOX), 0.0, 1.0)
    notes.append(f"ink cropped, fitted into a {BOX}x{BOX} box, centred by mass in 28x28")
    return centre_by_mass(digit)


def _grown(mask: np.ndarray) -> np.ndarray:
    """The kept ink plus a 2-pixel rim (its anti-aliased edge), as 0/1 weights."""
    from scipy import ndimage

    return ndimage.binary_dilation(mask, iterations=2).astype(np.float32)


def prepare_digit(grey: np.ndarray, invert: str = "auto") -> tuple[np.ndarray, list[str]]:
    """The MNIST-style (28, 28) input for a grey [0, 1] photo or drawing, and notes."""
    notes: list[str] = []
    grey = np.asarray(grey, dtype=np.float32)
    dark = invert == "always" or (invert == "auto" and ink_polarity_dark(grey))
    ink = 1.0 - grey if dark else grey
    notes.append("dark ink on light paper: inverted" if dark else "light ink on dark")
    ink = remove_background(ink)
    contrast = float(np.percentile(ink, 99.9)) if ink.size > 1000 else float(ink.max())
    noise = float(np.median(ink))
    if contrast < 0.08 or contrast < 4 * noise:
        raise BlankImageError("no ink found")
    notes.append("background and uneven lighting removed")
    return digit_from_ink(ink, notes), notes
