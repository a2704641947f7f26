"""im2col and col2im against a direct definition: every window copied out pixel by pixel,
and col2im as its exact adjoint (<im2col(x), c> = <x, col2im(c)>)."""

import numpy as np


def _windows(shape, fh, fw, stride, pad):
    """(row, column, n, c, pixel y, pixel x) for every entry of the book's col, padded coords."""
    n_, c_, h, w = shape
    oh, ow = (h + 2 * pad - fh) // stride + 1, (w + 2 * pad - fw) // stride + 1
    for n in range(n_):
        for oy in range(oh):
            for ox in range(ow):
                row = (n * oh + oy) * ow + ox
                for c in range(c_):
                    for i in range(fh):
                        for j in range(fw):
                            col = (c * fh + i) * fw + j
                            yield row, col, n, c, oy * stride + i, ox * stride + j


def reference_im2col(x, fh, fw, stride=1, pad=0, order="cij"):
    n_, c_, h, w = x.shape
    img = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    oh, ow = (h + 2 * pad - fh) // stride + 1, (w + 2 * pad - fw) // stride + 1
    out = np.zeros((n_ * oh * ow, c_ * fh * fw))
    for row, col, n, c, y, xx in _windows(x.shape, fh, fw, stride, pad):
        if order == "ijc":
            col = ((col % (fh * fw)) * c_) + col // (fh * fw)
        out[row, col] = img[n, c, y, xx]
    return out


def reference_col2im(col, shape, fh, fw, stride=1, pad=0, add=True):
    """With add=False, each pixel keeps the last write in the book's loop order (filter row,
    then filter column, outermost): what `=` in place of `+=` gives."""
    n_, c_, h, w = shape
    img = np.zeros((n_, c_, h + 2 * pad, w + 2 * pad))
    entries = sorted(_windows(shape, fh, fw, stride, pad), key=lambda e: (e[1] % (fh * fw), e[0]))
    for row, k, n, c, y, xx in entries:
        img[n, c, y, xx] = img[n, c, y, xx] + col[row, k] if add else col[row, k]
    return img[:, :, pad : pad + h, pad : pad + w]


CASES = (
    ((2, 3, 4, 4), 3, 3, 1, 0),
    ((1, 2, 5, 5), 3, 3, 2, 1),
    ((2, 1, 4, 6), 2, 3, 1, 1),
)


def check(ns, c):
    im2col, col2im = ns["im2col"], ns["col2im"]
    for shape, fh, fw, stride, pad in CASES:
        x = np.round(c.rng.standard_normal(shape), 2)
        label = f"{shape}"
        shown = {"input_data": x}
        with c.step(
            f"im2col(input_data, {fh}, {fw}, stride={stride}, pad={pad})  input_data: {label}",
            hint=2,
        ):
            like = [
                ("column-order", reference_im2col(x, fh, fw, stride, pad, order="ijc")),
                ("pad-ignored", reference_im2col(x, fh, fw, stride, 0)),
                ("stride-ignored", reference_im2col(x, fh, fw, 1, pad)),
            ]
            got = im2col(x.copy(), fh, fw, stride=stride, pad=pad)
            c.compare(got, reference_im2col(x, fh, fw, stride, pad), inputs=shown, like=like)
        rows = reference_im2col(x, fh, fw, stride, pad).shape
        col = np.round(c.rng.standard_normal(rows), 2)
        with c.step(
            f"col2im(col, {shape}, {fh}, {fw}, stride={stride}, pad={pad})  col: {rows}", hint=3
        ):
            like = [
                ("overwrite", reference_col2im(col, shape, fh, fw, stride, pad, add=False)),
                (
                    "column-order",
                    reference_col2im(
                        _ijc_to_cij(col, shape[1], fh, fw), shape, fh, fw, stride, pad
                    ),
                ),
            ]
            got = col2im(col.copy(), shape, fh, fw, stride=stride, pad=pad)
            c.compare(
                got,
                reference_col2im(col, shape, fh, fw, stride, pad),
                inputs={"col": col},
                like=like,
            )
    shape, fh, fw, stride, pad = CASES[1]
    with c.step("<im2col(x), col> = <x, col2im(col)>", hint=3):
        x = c.rng.standard_normal(shape)
        cols = im2col(x.copy(), fh, fw, stride=stride, pad=pad)
        col = c.rng.standard_normal(np.shape(cols))
        left = float(np.sum(np.asarray(cols) * col))
        right = float(
            np.sum(x * np.asarray(col2im(col.copy(), shape, fh, fw, stride=stride, pad=pad)))
        )
        c.compare(
            right,
            left,
            inputs={"x": x, "col": col},
            like={
                "overwrite": float(
                    np.sum(x * reference_col2im(col, shape, fh, fw, stride, pad, add=False))
                )
            },
        )


def _ijc_to_cij(col, c_, fh, fw):
    """col read as if its columns were in (i, j, c) order, rearranged to (c, i, j)."""
    return col.reshape(-1, fh, fw, c_).transpose(0, 3, 1, 2).reshape(col.shape[0], -1)
