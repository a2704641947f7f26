import numpy as np

from dltutor.engine.layers.pooling import AveragePooling2D, MaxPooling2D
from dltutor.lessons.exercises.checking import numerical_grad

CASES = (((2, 3, 4, 4), 2, 2, 2), ((1, 2, 5, 5), 3, 3, 1), ((2, 2, 4, 6), 2, 3, 2))


def _layer(cls, x_shape, ph, pw, stride):
    layer = cls((ph, pw), strides=stride)
    layer.build((None, *x_shape[1:]), np.random.default_rng(0))
    layer.astype(np.float64)
    return layer


def _to_all(x_shape, ph, pw, stride, dout):
    """What backward gives when every input of a window gets the window's gradient."""
    dx = np.zeros(x_shape)
    _, _, oh, ow = dout.shape
    for i in range(oh):
        for j in range(ow):
            dx[:, :, i * stride : i * stride + ph, j * stride : j * stride + pw] += dout[
                :, :, i : i + 1, j : j + 1
            ]
    return dx


def check(ns, c):
    Pooling = ns["Pooling"]
    for x_shape, ph, pw, stride in CASES:
        x = c.rng.standard_normal(x_shape)
        engine = _layer(MaxPooling2D, x_shape, ph, pw, stride)
        out = engine.forward(x.copy())
        dout = c.rng.standard_normal(out.shape)
        dx = engine.backward(dout.copy())
        n, ch, oh, ow = out.shape
        label = f"Pooling({ph}, {pw}, stride={stride})"
        with c.step(f"{label}.forward(x)  x: {x_shape}", hint=2):
            got = Pooling(ph, pw, stride=stride).forward(x.copy())
            like = {
                "mean-pooling": _layer(AveragePooling2D, x_shape, ph, pw, stride).forward(x.copy()),
                "reshape-not-transpose": out.transpose(0, 2, 3, 1).reshape(n, ch, oh, ow),
            }
            c.compare(got, out, inputs={"x": x}, like=like)
        with c.step(f"{label}.backward(dout)  x: {x_shape}", hint=3):
            layer = Pooling(ph, pw, stride=stride)
            layer.forward(x.copy())
            got = layer.backward(dout.copy())
            like = {"backward-to-all": _to_all(x_shape, ph, pw, stride, dout)}
            c.compare(got, dx, inputs={"x": x, "dout": dout}, like=like)
    x_shape, ph, pw, stride = CASES[1]
    x = c.rng.standard_normal(x_shape)
    with c.step(f"Pooling({ph}, {pw}, stride={stride}).backward(dout) = [[numerical]]", hint=3):
        engine = _layer(MaxPooling2D, x_shape, ph, pw, stride)
        dout = c.rng.standard_normal(engine.forward(x.copy()).shape)
        layer = Pooling(ph, pw, stride=stride)
        layer.forward(x.copy())
        got = layer.backward(dout.copy())

        def loss():
            return float(np.sum(engine.forward(x) * dout))

        c.compare(got, numerical_grad(loss, x), inputs={"x": x, "dout": dout}, rtol=1e-5, atol=1e-6)
