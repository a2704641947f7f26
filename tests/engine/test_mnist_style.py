"""MNIST-style preprocessing, the digit augmentation and the printed digits used in training."""

from __future__ import annotations

import numpy as np
import pytest

from dltutor.engine.inference.mnist_style import (
    BOX,
    BlankImageError,
    centre_by_mass,
    digit_from_ink,
    ink_polarity_dark,
    otsu,
    pen_width,
    prepare_digit,
)
from dltutor.engine.zoo._augment import Augment, augment, bilinear


def _mass_centre(a: np.ndarray) -> tuple[float, float]:
    rows, cols = np.indices(a.shape)
    return float((rows * a).sum() / a.sum()), float((cols * a).sum() / a.sum())


def test_otsu_splits_two_levels():
    rng = np.random.default_rng(0)
    values = np.concatenate([rng.normal(0.1, 0.02, 900), rng.normal(0.8, 0.05, 100)])
    assert 0.2 < otsu(np.clip(values, 0, 1)) < 0.7


def test_pen_width_of_a_bar():
    bar = np.zeros((60, 60), bool)
    bar[10:50, 20:26] = True  # 6 px wide, 40 px long
    assert pen_width(bar) == pytest.approx(6.0, rel=0.2)


def test_digit_fits_the_box_and_is_centred_by_mass():
    ink = np.zeros((300, 500), np.float32)
    ink[40:260, 300:330] = 1.0  # a tall bar far off-centre: a one
    ink[40:70, 260:330] = 1.0  # its flag
    out = digit_from_ink(ink)
    assert out.shape == (28, 28) and out.max() <= 1.0
    rows = np.flatnonzero(out.max(axis=1) > 0.05)
    assert rows[-1] - rows[0] + 1 in (BOX, BOX + 1)  # the long side fills the 20x20 box
    cy, cx = _mass_centre(out)
    assert abs(cy - 13.5) <= 0.75 and abs(cx - 13.5) <= 0.75


def test_centre_by_mass_keeps_the_digit_whole():
    digit = np.zeros((20, 20), np.float32)
    digit[:, :2] = 1.0  # all the mass at the left edge
    out = centre_by_mass(digit)
    assert out.sum() == pytest.approx(digit.sum())


def test_a_fine_pen_is_thickened_towards_mnist():
    ink = np.zeros((400, 400), np.float32)
    ink[50:350, 198:201] = 1.0  # a 3-pixel line, 300 pixels long
    notes: list[str] = []
    out = digit_from_ink(ink, notes)
    assert "pen thickened" in notes
    assert pen_width(out > 0.5) >= 2.0


def test_polarity_lighting_and_blank():
    yy, xx = np.mgrid[0:200, 0:240].astype(np.float32)
    paper = 0.6 + 0.3 * xx / 240  # light paper, lit from the right
    photo = paper.copy()
    photo[40:160, 110:125] = 0.1  # a dark stroke
    assert ink_polarity_dark(photo) and not ink_polarity_dark(1 - photo)
    digit, notes = prepare_digit(photo)
    assert digit.max() == pytest.approx(1.0, abs=0.05)
    assert digit[:3].max() < 0.05  # no lighting gradient left at the top of the field
    assert "dark ink on light paper: inverted" in notes
    with pytest.raises(BlankImageError):
        prepare_digit(paper + np.random.default_rng(1).normal(0, 0.01, paper.shape))


def test_bilinear_identity_and_augment_is_seeded():
    rng = np.random.default_rng(0)
    x = rng.random((4, 28, 28)).astype(np.float32)
    rows, cols = np.indices((28, 28)).astype(np.float64)
    assert np.allclose(bilinear(x, rows[None], cols[None]), x)
    batch = x[:, None]
    a = augment(batch, Augment(), np.random.default_rng(5))
    b = augment(batch, Augment(), np.random.default_rng(5))
    c = augment(batch, Augment(), np.random.default_rng(6))
    assert a.shape == batch.shape and a.dtype == np.float32
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    assert a.min() >= 0.0 and a.max() <= 1.0


def test_printed_digits_are_mnist_style():
    from dltutor.engine.zoo._printed_digits import printed_digits

    x, y = printed_digits(2, np.random.default_rng(0))
    assert x.shape == (20, 1, 28, 28) and y.tolist() == [d for d in range(10) for _ in range(2)]
    for image in x[:, 0]:
        cy, cx = _mass_centre(image)
        assert abs(cy - 13.5) <= 1 and abs(cx - 13.5) <= 1
