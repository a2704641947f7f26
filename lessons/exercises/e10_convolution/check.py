import numpy as np

from dltutor.engine.layers.convolution import Conv2D
from dltutor.lessons.exercises.checking import numerical_grad


def _engine(W, b, x, dout, stride, pad):
    """The engine's Conv2D with these weights: (out, dx, dW, db) in the book's layouts."""
    fn, _, fh, fw = W.shape
    layer = Conv2D(fn, (fh, fw), strides=stride, padding=pad)
    layer.build((None, *x.shape[1:]), np.random.default_rng(0))
    layer.astype(np.float64)
    layer.params["kernel"][...] = W.transpose(2, 3, 1, 0)
    layer.params["bias"][...] = b
    out = layer.forward(x.copy())
    dx = layer.backward(dout.copy())
    return out, dx, layer.grads["kernel"].transpose(3, 2, 0, 1).copy(), layer.grads["bias"].copy()


def _output_shape(x_shape, w_shape, stride, pad):
    return Conv2D(w_shape[0], w_shape[2:], strides=stride, padding=pad).output_shape(x_shape)


CASES = (((2, 3, 5, 5), (4, 3, 3, 3), 1, 0), ((1, 2, 6, 6), (3, 2, 3, 3), 2, 1))


def check(ns, c):
    Convolution = ns["Convolution"]
    for x_shape, w_shape, stride, pad in CASES:
        x, W, b = (c.rng.standard_normal(s) for s in (x_shape, w_shape, w_shape[:1]))
        out_shape = _output_shape(x_shape, w_shape, stride, pad)
        dout = c.rng.standard_normal(out_shape)
        out, dx, dW, db = _engine(W, b, x, dout, stride, pad)
        n, fn, oh, ow = out_shape
        shown = {"x": x, "W": W, "b": b}
        label = f"x: {x_shape}, W: {w_shape}, stride={stride}, pad={pad}"
        with c.step(f"Convolution.forward(x)  {label}", hint=2):
            got = Convolution(W.copy(), b.copy(), stride=stride, pad=pad).forward(x.copy())
            scrambled = out.transpose(0, 2, 3, 1).reshape(n, fn, oh, ow)
            c.compare(got, out, inputs=shown, like={"reshape-not-transpose": scrambled})
        with c.step(f"Convolution.backward(dout)  {label}", hint=3):
            conv = Convolution(W.copy(), b.copy(), stride=stride, pad=pad)
            conv.forward(x.copy())
            got = conv.backward(dout.copy())
            d2 = dout.transpose(0, 2, 3, 1).reshape(-1, fn)
            shown_d = {**shown, "dout": dout}
            c.compare(got, dx, inputs=shown_d)
            c.compare(conv.db, db, inputs=shown_d, like={"db-not-summed": d2})
            c.compare(conv.dW, dW, inputs=shown_d, like={"dw-not-reshaped": dW.reshape(fn, -1).T})
    x_shape, w_shape, stride, pad = CASES[1]
    x, W, b = (c.rng.standard_normal(s) for s in (x_shape, w_shape, w_shape[:1]))
    dout = c.rng.standard_normal(_output_shape(x_shape, w_shape, stride, pad))
    with c.step(
        f"Convolution.backward(dout): dx, dW, db = [[numerical]]  x: {x_shape}, W: {w_shape}",
        hint=3,
    ):
        conv = Convolution(W.copy(), b.copy(), stride=stride, pad=pad)
        conv.forward(x.copy())
        got = conv.backward(dout.copy())

        def loss():
            return float(np.sum(_engine(W, b, x, dout, stride, pad)[0] * dout))

        shown = {"x": x, "W": W, "b": b, "dout": dout}
        c.compare(got, numerical_grad(loss, x), inputs=shown, rtol=1e-5, atol=1e-6)
        c.compare(conv.dW, numerical_grad(loss, W), inputs=shown, rtol=1e-5, atol=1e-6)
        c.compare(conv.db, numerical_grad(loss, b), inputs=shown, rtol=1e-5, atol=1e-6)
