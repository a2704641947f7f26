"""Augmentation for 28x28 digit images, vectorised over the whole batch (NumPy only).

Real digits differ from the training set in position, slant, size, pen width and wobble.
Each epoch sees every training image changed by a fresh random draw of all of these:

- stroke width: a 3x3 grey dilation (thicker pen) or erosion (thinner pen), blended in
  at a random strength so that thin strokes are not wiped out;
- one warp per image that combines rotation, scale, shear, shift and an elastic
  distortion (a smooth random displacement field, the "elastic" augmentation of
  Simard et al. 2003), sampled bilinearly in a single pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Augment:
    rotate_deg: float = 10.0  # uniform in [-r, r]
    scale: tuple[float, float] = (0.9, 1.1)
    shear: float = 0.12  # horizontal shear factor, uniform in [-s, s]
    shift: float = 2.0  # pixels, uniform in [-s, s] per axis
    elastic: float = 0.8  # std (pixels) of the displacement at the control points
    elastic_grid: int = 4  # control points per side; the field between them is bilinear
    dilate: float = 0.2  # probability of a thicker pen
    erode: float = 0.15  # probability of a thinner pen

    def describe(self) -> str:
        lo, hi = self.scale
        return (
            f"rotation ±{self.rotate_deg:g}°, scale {lo:g}-{hi:g}, shear ±{self.shear:g}, "
            f"shift ±{self.shift:g} px, elastic σ {self.elastic:g} px on a "
            f"{self.elastic_grid}x{self.elastic_grid} grid, dilation p={self.dilate:g}, "
            f"erosion p={self.erode:g}"
        )


def _neighbourhood(x: np.ndarray, reduce) -> np.ndarray:
    """3x3 cross max (dilation) or min (erosion) of (N, H, W) images, zero padded."""
    p = np.pad(x, ((0, 0), (1, 1), (1, 1)))
    parts = (p[:, 1:-1, 1:-1], p[:, :-2, 1:-1], p[:, 2:, 1:-1], p[:, 1:-1, :-2], p[:, 1:-1, 2:])
    return reduce(np.stack(parts), axis=0)


def stroke_width(x: np.ndarray, aug: Augment, rng: np.random.Generator) -> np.ndarray:
    """Some images get a thicker, some a thinner pen; (N, H, W) in, (N, H, W) out."""
    n = len(x)
    u = rng.random(n)
    out = x.copy()
    strength = rng.uniform(0.4, 1.0, n).astype(x.dtype)[:, None, None]
    thick = u < aug.dilate
    if thick.any():
        d = _neighbourhood(x[thick], np.max)
        out[thick] = x[thick] + strength[thick] * (d - x[thick])
    thin = (u >= aug.dilate) & (u < aug.dilate + aug.erode)
    if thin.any():
        e = _neighbourhood(x[thin], np.min)
        out[thin] = x[thin] + strength[thin] * (e - x[thin])
    return out


def _upsample_matrix(grid: int, size: int) -> np.ndarray:
    """(size, grid) linear interpolation weights from control points to pixels."""
    pos = np.linspace(0, grid - 1, size)
    m = np.zeros((size, grid))
    lo = np.minimum(np.floor(pos).astype(int), grid - 2)
    frac = pos - lo
    m[np.arange(size), lo] = 1 - frac
    m[np.arange(size), lo + 1] = frac
    return m


def warp(x: np.ndarray, aug: Augment, rng: np.random.Generator) -> np.ndarray:
    """Rotate, scale, shear, shift and elastically distort (N, H, W) images in one pass."""
    n, h, w = x.shape
    angle = np.deg2rad(rng.uniform(-aug.rotate_deg, aug.rotate_deg, n))
    scale = rng.uniform(*aug.scale, n)
    shear = rng.uniform(-aug.shear, aug.shear, n)
    cos, sin = np.cos(angle) / scale, np.sin(angle) / scale
    # output pixel (r, c) reads the input at centre + A @ (r, c) - shift + elastic(r, c)
    rr, cc = np.meshgrid(np.arange(h) - (h - 1) / 2, np.arange(w) - (w - 1) / 2, indexing="ij")
    rr, cc = rr[None], cc[None]
    cs = cc + shear[:, None, None] * rr
    src_r = cos[:, None, None] * rr - sin[:, None, None] * cs
    src_c = sin[:, None, None] * rr + cos[:, None, None] * cs
    src_r = src_r + (h - 1) / 2 - rng.uniform(-aug.shift, aug.shift, n)[:, None, None]
    src_c = src_c + (w - 1) / 2 - rng.uniform(-aug.shift, aug.shift, n)[:, None, None]
    if aug.elastic > 0:
        g = aug.elastic_grid
        mr, mc = _upsample_matrix(g, h), _upsample_matrix(g, w)
        coarse = rng.normal(0.0, aug.elastic, (2, n, g, g))
        src_r = src_r + np.einsum("rg,ngk,ck->nrc", mr, coarse[0], mc)
        src_c = src_c + np.einsum("rg,ngk,ck->nrc", mr, coarse[1], mc)
    return bilinear(x, src_r, src_c)


def bilinear(x: np.ndarray, src_r: np.ndarray, src_c: np.ndarray) -> np.ndarray:
    """x (N, H, W) sampled at fractional (row, col) positions; zero outside the image."""
    n, h, w = x.shape
    p = np.pad(x, ((0, 0), (1, 1), (1, 1)))  # a zero border to read from outside
    r = np.clip(src_r + 1, 0, h + 0.999)
    c = np.clip(src_c + 1, 0, w + 0.999)
    r0, c0 = np.floor(r).astype(np.int64), np.floor(c).astype(np.int64)
    fr, fc = (r - r0).astype(x.dtype), (c - c0).astype(x.dtype)
    r1, c1 = np.minimum(r0 + 1, h + 1), np.minimum(c0 + 1, w + 1)
    idx = np.arange(n)[:, None, None]
    top = p[idx, r0, c0] * (1 - fc) + p[idx, r0, c1] * fc
    bottom = p[idx, r1, c0] * (1 - fc) + p[idx, r1, c1] * fc
    return top * (1 - fr) + bottom * fr


def augment(x: np.ndarray, aug: Augment, rng: np.random.Generator) -> np.ndarray:
    """A freshly augmented copy of (N, 1, H, W) images in [0, 1]."""
    images = stroke_width(x[:, 0], aug, rng)
    return np.clip(warp(images, aug, rng), 0.0, 1.0).astype(x.dtype)[:, None]
