import numpy as np

from dltutor.engine.layers import Conv2D, ReLU


def _conv(x, W, b):
    """The engine's Conv2D ('valid', stride 1) with these weights, before ReLU."""
    fn, _, fh, fw = W.shape
    layer = Conv2D(fn, (fh, fw))
    layer.build((None, *x.shape[1:]), np.random.default_rng(0))
    layer.astype(np.float64)
    layer.params["kernel"][...] = W.transpose(2, 3, 1, 0)
    layer.params["bias"][...] = b
    return layer.forward(x.astype(np.float64))


def _like(x, W, b):
    """What each mistake gives: (id, output) pairs."""
    flipped = W[:, :, ::-1, ::-1]
    return [
        ("no-relu", _conv(x, W, b)),
        ("no-bias", ReLU().forward(_conv(x, W, np.zeros_like(b)))),
        ("kernel-flipped", ReLU().forward(_conv(x, flipped, b))),
    ]


def _bar_image():
    """The lesson's 8×8 image with one vertical bar, and a vertical and a horizontal filter."""
    img = np.zeros((1, 1, 8, 8))
    img[0, 0, :, 3:5] = 1.0
    vertical = np.array([[-1.0, 0.0, 1.0]] * 3)
    W = np.stack([vertical, vertical.T])[:, None]
    return img, W, np.zeros(2)


def check(ns, c):
    feature_maps = ns["feature_maps"]
    x, W, b = _bar_image()
    shown = {"x": x, "W": W, "b": b}
    with c.step("feature_maps(x, W, b)  x: (1, 1, 8, 8), W: (2, 1, 3, 3)", hint=1):
        expected = ReLU().forward(_conv(x, W, b))
        got = feature_maps(x.copy(), W.copy(), b.copy())
        c.compare(got, expected, inputs=shown, like=_like(x, W, b))
    cases = (((2, 3, 5, 5), (4, 3, 3, 3)), ((1, 2, 6, 7), (3, 2, 2, 3)))
    for x_shape, w_shape in cases:
        x, W = c.rng.standard_normal(x_shape), c.rng.standard_normal(w_shape)
        b = c.rng.standard_normal(w_shape[0])
        shown = {"x": x, "W": W, "b": b}
        with c.step(f"feature_maps(x, W, b)  x: {x_shape}, W: {w_shape}", hint=2):
            got = feature_maps(x.copy(), W.copy(), b.copy())
            expected = ReLU().forward(_conv(x, W, b))
            c.compare(got, expected, inputs=shown, like=_like(x, W, b))
    x = c.rng.standard_normal((1, 2, 5, 5)).astype(np.float32)
    W = c.rng.standard_normal((2, 2, 3, 3)).astype(np.float32)
    b = np.array([-100.0, 0.5], dtype=np.float32)
    shown = {"x": x, "W": W, "b": b}
    with c.step("feature_maps(x, W, b)  float32, b[0] = -100", hint=3):
        got = feature_maps(x.copy(), W.copy(), b.copy())
        expected = ReLU().forward(_conv(x, W, b))
        c.compare(got, expected, inputs=shown, like=_like(x, W, b), rtol=1e-4, atol=1e-5)
