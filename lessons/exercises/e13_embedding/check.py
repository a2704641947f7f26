import numpy as np

from dltutor.engine.layers import Embedding as EngineEmbedding


def _engine(W, idx, dout):
    """The engine's Embedding with table W: (out, dW)."""
    layer = EngineEmbedding(*W.shape)
    layer.build((None, *idx.shape[1:]), np.random.default_rng(0))
    layer.astype(np.float64)
    layer.params["embeddings"][...] = W
    out = layer.forward(idx)
    layer.backward(dout)
    return out, layer.grads["embeddings"].copy()


def _lost(W, idx, dout):
    """dW[idx] += dout: each repeated row written once (the last occurrence wins)."""
    dW = np.zeros_like(W)
    dW[idx] += dout
    return dW


CASES = (
    ("idx: (2, 4), no repeats", np.array([[0, 3, 5, 1], [2, 4, 6, 7]]), 8, 3, 1),
    ("idx: (2, 4), repeats", np.array([[2, 5, 2, 0], [5, 5, 1, 2]]), 6, 3, 2),
    ("idx: (5,), one id", np.array([3, 3, 3, 3, 3]), 4, 2, 2),
)


def check(ns, c):
    Embedding = ns["Embedding"]
    for label, idx, v, d, hint in CASES:
        W = c.rng.standard_normal((v, d))
        dout = c.rng.standard_normal((*idx.shape, d))
        out, dW = _engine(W, idx, dout)
        shown = {"W": W, "idx": idx, "dout": dout}
        with c.step(f"Embedding(W).forward(idx), .backward(dout)  {label}", hint=hint):
            layer = Embedding(W.copy())
            c.compare(layer.forward(idx.copy()), out, inputs=shown)
            layer.backward(dout.copy())
            c.compare(layer.dW, dW, inputs=shown, like={"repeated-ids-lost": _lost(W, idx, dout)})
    idx, v, d = CASES[1][1], 6, 3
    W = c.rng.standard_normal((v, d))
    first, second = (c.rng.standard_normal((*idx.shape, d)) for _ in range(2))
    with c.step("Embedding.backward(dout1), .backward(dout2) → dW of dout2", hint=3):
        layer = Embedding(W.copy())
        layer.forward(idx.copy())
        layer.backward(first.copy())
        layer.forward(idx.copy())
        layer.backward(second.copy())
        summed = _engine(W, idx, first)[1] + _engine(W, idx, second)[1]
        like = [("dw-not-reset", summed), ("repeated-ids-lost", _lost(W, idx, second))]
        shown = {"W": W, "idx": idx, "dout": second}
        c.compare(layer.dW, _engine(W, idx, second)[1], inputs=shown, like=like)
    W32 = c.rng.standard_normal((5, 4)).astype(np.float32)
    idx = np.array([[1, 1, 4]])
    dout = c.rng.standard_normal((1, 3, 4)).astype(np.float32)
    with c.step("Embedding(W).backward(dout)  float32, idx: (1, 3) = 1, 1, 4", hint=2):
        layer = Embedding(W32.copy())
        layer.forward(idx.copy())
        layer.backward(dout.copy())
        out, dW = _engine(W32.astype(np.float64), idx, dout.astype(np.float64))
        like = {"repeated-ids-lost": _lost(W32, idx, dout)}
        shown = {"W": W32, "idx": idx, "dout": dout}
        c.compare(layer.dW, dW, inputs=shown, like=like, rtol=1e-5, atol=1e-6)
