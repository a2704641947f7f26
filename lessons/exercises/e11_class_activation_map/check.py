import numpy as np

from dltutor.engine.layers import Conv2D, Dense, GlobalAveragePooling2D
from dltutor.engine.model import Sequential
from dltutor.engine.visualize import grad_cam


def _engine(A, w):
    """The engine's Grad-CAM of a global-average-pooling classifier whose class weights are
    w, on top of a 1×1 identity convolution that hands A on: its α_k are w_k / (H·W), the
    same map once scaled to [0, 1]."""
    k = A.shape[0]
    model = Sequential(
        [Conv2D(k, 1), GlobalAveragePooling2D(), Dense(1)], input_shape=(None, *A.shape)
    )
    model.astype(np.float64)
    model.layers[0].params["kernel"][...] = np.eye(k)[None, None]
    model.layers[0].params["bias"][...] = 0.0
    model.layers[-1].params["kernel"][...] = w[:, None]
    model.layers[-1].params["bias"][...] = 0.0
    return grad_cam(model, A[None], 0)


def _like(A, w):
    raw = np.tensordot(w, A, axes=1)
    relu = np.maximum(raw, 0)
    with np.errstate(all="ignore"):
        return [
            ("zero-division", relu / relu.max()),
            ("min-max", (relu - relu.min()) / (relu.max() - relu.min())),
            ("no-relu", raw / raw.max()),
            ("no-relu", raw / np.abs(raw).max()),
            ("no-relu", (raw - raw.min()) / (raw.max() - raw.min())),
            ("not-normalised", relu),
        ]


def _toy():
    """The lesson's two 4×4 maps, a 'toe' lit top-left and a 'heel' bottom-right."""
    A = np.zeros((2, 4, 4))
    A[0, :2, :2] = [[3.0, 2.0], [2.0, 1.0]]
    A[1, 2:, 2:] = [[1.0, 2.0], [2.0, 3.0]]
    return A, np.array([2.0, -1.0])


def check(ns, c):
    class_activation_map = ns["class_activation_map"]
    A, w = _toy()
    rand_A = np.maximum(c.rng.standard_normal((3, 5, 6)), 0)
    rand_w = c.rng.standard_normal(3)
    cases = (
        ("A: (2, 4, 4), w = [2, -1]", A, w, 1),
        ("A: (3, 5, 6), w: (3,)", rand_A, rand_w, 2),
        ("A > 0, w > 0", c.rng.uniform(0.5, 1.5, (4, 3, 3)), c.rng.uniform(0.1, 1.0, 4), 2),
        ("A ≥ 0, w < 0 → 0", np.abs(c.rng.standard_normal((2, 3, 3))), -np.ones(2), 3),
    )
    for label, A, w, hint in cases:
        with c.step(f"class_activation_map(A, w)  {label}", hint=hint):
            got = class_activation_map(A.copy(), w.copy())
            c.compare(
                got, _engine(A, w), inputs={"A": A, "w": w}, like=_like(A, w), rtol=1e-4, atol=1e-6
            )
    A = np.maximum(c.rng.standard_normal((3, 4, 4)), 0).astype(np.float32)
    w = c.rng.standard_normal(3).astype(np.float32)
    with c.step("class_activation_map(A, w)  float32: 0 ≤ cam ≤ 1, max 1", hint=2):
        got = np.asarray(class_activation_map(A.copy(), w.copy()))
        c.compare(
            got, _engine(A, w), inputs={"A": A, "w": w}, like=_like(A, w), rtol=1e-4, atol=1e-6
        )
        c.require(
            got.min() >= 0 and np.isclose(got.max(), 1.0),
            got=f"[{got.min():.3g}, {got.max():.3g}]",
            expected="[0, 1]",
        )
