import numpy as np


def _gram(x):
    """Σ over positions of x[h, w, c] · x[h, w, d]."""
    return np.einsum("hwc,hwd->cd", x, x)


def _gram_like(x):
    flat = x.reshape(-1, x.shape[-1])
    scrambled = x.reshape(x.shape[-1], -1)
    return [
        ("transposed-product", flat @ flat.T),
        ("wrong-reshape", scrambled @ scrambled.T),
        ("wrong-reshape", scrambled.T @ scrambled),
    ]


def _loss(gen, style, norm=True, square=True):
    n, m = gen.shape[-1], gen.shape[0] * gen.shape[1]
    diff = _gram(gen) - _gram(style)
    total = np.sum(diff**2 if square else np.abs(diff))
    return total / (4 * n**2 * m**2) if norm else total


def _loss_like(gen, style):
    return [
        ("no-normalisation", _loss(gen, style, norm=False)),
        ("not-squared", _loss(gen, style, square=False)),
        ("not-squared", _loss(gen, style, norm=False, square=False)),
    ]


def check(ns, c):
    gram_matrix, style_loss = ns["gram_matrix"], ns["style_loss"]
    lesson = np.arange(12.0).reshape(2, 2, 3)
    with c.step("gram_matrix(features)  features = np.arange(12.0).reshape(2, 2, 3)", hint=2):
        got = gram_matrix(lesson.copy())
        c.compare(got, _gram(lesson), inputs={"features": lesson}, like=_gram_like(lesson))
    for shape, hint in (((4, 5, 3), 1), ((3, 3, 6), 1), ((1, 7, 2), 2)):
        x = c.rng.standard_normal(shape)
        with c.step(f"gram_matrix(features)  features: {shape}", hint=hint):
            got = gram_matrix(x.copy())
            c.compare(got, _gram(x), inputs={"features": x}, like=_gram_like(x))
    x32 = c.rng.standard_normal((3, 4, 2)).astype(np.float32)
    with c.step("gram_matrix(features)  float32 (3, 4, 2)", hint=1):
        got = gram_matrix(x32.copy())
        want = _gram(x32.astype(np.float64))
        c.compare(got, want, inputs={"features": x32}, like=_gram_like(x32), rtol=1e-4, atol=1e-5)
    style = c.rng.standard_normal((4, 4, 3))
    shuffled = style.reshape(16, 3)[c.rng.permutation(16)].reshape(4, 4, 3)
    other = c.rng.standard_normal((4, 4, 3))
    for label, gen in (
        ("gen: (4, 4, 3)", other),
        ("gen = style.reshape(16, 3)[perm].reshape(4, 4, 3)", shuffled),
    ):
        with c.step(f"style_loss(gen, style)  {label}", hint=3):
            got = style_loss(gen.copy(), style.copy())
            shown = {"gen": gen, "style": style}
            c.compare(got, _loss(gen, style), inputs=shown, like=_loss_like(gen, style), atol=1e-9)
