"""The derivations lessons 10, 14, 16 and 17 teach, checked against the engine or computed
another way: the lesson's own code (run from its python blocks, in both languages) must agree
with the engine's layers, with numerical gradients and with numerical integration."""

from __future__ import annotations

import contextlib
import io
import re

import numpy as np
import pytest

from dltutor.engine import functions
from dltutor.engine.layers import GRU, AveragePooling2D, Conv2D, MaxPooling2D
from dltutor.engine.optimizers import Adam
from dltutor.lessons.catalog import LANGUAGES, lessons

PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def lesson_code(key: str, lang: str) -> dict:
    """The namespace left by running every python block of a lesson, output discarded."""
    body = next(lesson.body for lesson in lessons(lang) if lesson.key == key)
    namespace: dict = {"__name__": f"lesson_{key.replace('-', '_')}"}
    with contextlib.redirect_stdout(io.StringIO()):
        for number, block in enumerate(PYTHON_BLOCK.findall(body), start=1):
            exec(compile(block, f"{lang}/{key}.md block {number}", "exec"), namespace)
    return namespace


@pytest.fixture(scope="module", params=LANGUAGES)
def cnn(request) -> dict:
    return lesson_code("10-cnn", request.param)


def engine_conv(w: np.ndarray, b: np.ndarray, x_shape, stride: int, pad: int) -> Conv2D:
    """An engine Conv2D in float64 holding the DLFS-layout filters w (FN, C, FH, FW)."""
    fn, _, fh, _ = w.shape
    layer = Conv2D(fn, fh, strides=stride, padding=pad)
    layer.build(tuple(x_shape), np.random.default_rng(0))
    layer.astype(np.float64)
    layer.params["kernel"][...] = w.transpose(2, 3, 1, 0)  # engine: (FH, FW, C, FN)
    layer.params["bias"][...] = b
    return layer


# -- lesson 10: convolution and pooling backward ---------------------------------------------
@pytest.mark.parametrize("stride, pad", [(1, 0), (2, 1), (1, 2)])
def test_conv_backward_via_col2im_matches_the_engine(cnn: dict, stride: int, pad: int) -> None:
    rng = np.random.default_rng(stride * 10 + pad)
    x = rng.standard_normal((2, 3, 7, 7))
    w = rng.standard_normal((4, 3, 3, 3))
    b = rng.standard_normal(4)
    out = cnn["conv_forward"](x, w, b, stride=stride, pad=pad)
    dout = rng.standard_normal(out.shape)
    dx, dw, db = cnn["conv_backward"](dout, x, w, stride=stride, pad=pad)

    layer = engine_conv(w, b, x.shape, stride, pad)
    assert np.allclose(layer.forward(x), out)
    engine_dx = layer.backward(dout)
    assert np.allclose(dx, engine_dx)
    assert np.allclose(dw, layer.grads["kernel"].transpose(3, 2, 0, 1))
    assert np.allclose(db, layer.grads["bias"])


def test_col2im_adds_overlapping_windows(cnn: dict) -> None:
    """col2im of all-ones rows counts how many windows cover each pixel."""
    col, _, _ = cnn["im2col"](np.zeros((1, 1, 4, 4)), 3, 3)
    counts = cnn["col2im"](np.ones_like(col), (1, 1, 4, 4), 3, 3)[0, 0]
    assert counts.tolist() == [[1, 2, 2, 1], [2, 4, 4, 2], [2, 4, 4, 2], [1, 2, 2, 1]]


def test_max_pool_backward_routes_to_the_argmax(cnn: dict) -> None:
    fmap = cnn["fmap"].astype(np.float64)
    pool = MaxPooling2D(2)
    pool.build((1, 1, 4, 4), np.random.default_rng(0))
    assert np.array_equal(pool.forward(fmap[None, None])[0, 0], [[4, 5], [6, 3]])
    dout = np.array([[1.0, 2.0], [3.0, 4.0]])
    engine_dx = pool.backward(dout[None, None])[0, 0]
    win = fmap.reshape(2, 2, 2, 2)
    mask = win == win.max(axis=(1, 3), keepdims=True)  # the lesson's rule
    assert np.array_equal(engine_dx, (mask * dout[:, None, :, None]).reshape(4, 4))
    assert engine_dx.tolist() == [[0, 0, 0, 0], [1, 0, 0, 2], [0, 0, 4, 0], [3, 0, 0, 0]]


def test_convolution_is_equivariant_and_pooling_is_not(cnn: dict) -> None:
    rng = np.random.default_rng(3)
    w, b = rng.standard_normal((2, 1, 3, 3)), np.zeros(2)
    img = np.zeros((1, 1, 10, 10))
    img[0, 0, 3:5, 3:5] = rng.random((2, 2)) + 1
    moved = np.roll(img, 1, axis=3)
    conv = engine_conv(w, b, img.shape, 1, 0)
    f1, f2 = conv.forward(img), conv.forward(moved)
    assert np.allclose(np.roll(f1, 1, axis=3), f2), "the map shifts with the input"
    assert not np.allclose(f1, f2)
    assert np.allclose(f1.max(axis=(2, 3)), f2.max(axis=(2, 3))), "a global max is invariant"
    assert cnn["f1"].max() == cnn["f2"].max()
    assert not np.array_equal(cnn["maxpool"](cnn["f1"]), cnn["maxpool"](cnn["f2"]))


def test_receptive_field_of_conv_pool_conv_is_eight() -> None:
    """3×3 conv → 2×2 pool (stride 2) → 3×3 conv: one output unit sees 8×8 input pixels."""
    rng = np.random.default_rng(0)
    layers = [Conv2D(1, 3), AveragePooling2D(2), Conv2D(1, 3)]
    shape = (1, 1, 16, 16)
    for layer in layers:
        layer.build(shape, rng)
        layer.astype(np.float64)
        for value in layer.params.values():
            value[...] = 1.0
        shape = layer.output_shape(shape)
    x = np.ones((1, 1, 16, 16))
    for layer in layers:
        x = layer.forward(x)
    grad = np.zeros_like(x)
    grad[0, 0, 2, 2] = 1.0
    for layer in reversed(layers):
        grad = layer.backward(grad)
    rows, cols = np.nonzero(grad[0, 0])
    assert (rows.max() - rows.min() + 1, cols.max() - cols.min() + 1) == (8, 8)


# -- lesson 14: GRU step and gradient clipping ------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_gru_equations_match_the_engine_gru(lang: str) -> None:
    code = lesson_code("14-rnn", lang)
    rng = np.random.default_rng(5)
    x = rng.standard_normal((3, 6, 4))
    gru = GRU(5, return_sequences=True)
    gru.build((None, 6, 4), rng)
    gru.astype(np.float64)
    for value in gru.params.values():
        value[...] = rng.standard_normal(value.shape) * 0.5  # biases too: both of them
    engine_hs = gru.forward(x)
    h = np.zeros((3, 5))
    for t in range(6):
        p = gru.params
        h = code["gru_step"](x[:, t], h, p["kernel"], p["recurrent_kernel"], *p["bias"])
        assert np.allclose(h, engine_hs[:, t]), f"step {t}"
    assert gru.count_params() == 3 * (4 * 5 + 5 * 5) + 2 * 3 * 5


@pytest.mark.parametrize("lang", LANGUAGES)
def test_clip_by_norm_keeps_direction_and_caps_the_norm(lang: str) -> None:
    clip = lesson_code("14-rnn", lang)["clip_by_norm"]
    grads = [np.array([3.0, 4.0]), np.array([12.0])]
    clipped, norm = clip(grads, 5.0)
    assert norm == 13.0
    flat, flat_clipped = np.concatenate(grads), np.concatenate(clipped)
    assert np.isclose(np.linalg.norm(flat_clipped), 5.0)
    assert np.allclose(flat_clipped / 5.0, flat / 13.0)
    small, _ = clip(grads, 20.0)
    assert all(np.array_equal(a, b) for a, b in zip(small, grads, strict=True))


# -- lesson 16: Gram matrix, VAE loss, GAN gradients ------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_gram_matrix_and_style_loss(lang: str) -> None:
    code = lesson_code("16-generative", lang)
    rng = np.random.default_rng(9)
    fmap = rng.standard_normal((5, 6, 4))
    gram = code["gram_of"](fmap)
    assert np.allclose(gram, np.einsum("hwc,hwd->cd", fmap, fmap))
    shuffled = fmap.reshape(30, 4)[rng.permutation(30)].reshape(5, 6, 4)
    assert np.allclose(code["gram_of"](shuffled), gram)
    other = rng.standard_normal((5, 6, 4))
    expected = np.sum((code["gram_of"](other) - gram) ** 2) / (4 * 4**2 * 30**2)
    assert np.isclose(code["style_loss"](other, fmap), expected)
    assert code["style_loss"](shuffled, fmap) < 1e-12


def gaussian_kl_by_integration(mu: float, sigma: float) -> float:
    """KL(N(μ, σ²) ‖ N(0, 1)) = ∫ q log(q/p), on a fine grid."""
    z = np.linspace(mu - 12 * sigma, mu + 12 * sigma, 200_001)
    log_q = -0.5 * ((z - mu) / sigma) ** 2 - np.log(sigma * np.sqrt(2 * np.pi))
    log_p = -0.5 * z**2 - np.log(np.sqrt(2 * np.pi))
    return float(np.trapezoid(np.exp(log_q) * (log_q - log_p), z))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_vae_kl_numbers(lang: str) -> None:
    code = lesson_code("16-generative", lang)
    sigmas = np.exp(0.5 * code["log_var"])
    integrated = [gaussian_kl_by_integration(m, s) for m, s in zip(code["mu"], sigmas, strict=True)]
    assert np.allclose(code["per_dim"], integrated, atol=1e-6)
    assert np.isclose(code["kl"], sum(integrated), atol=1e-6)
    assert round(float(code["kl"]), 3) == 0.943
    assert np.isclose(gaussian_kl_by_integration(1.0, 1.0), 0.5, atol=1e-6)  # 16-vae-kl-value


def test_non_saturating_generator_gradient() -> None:
    a, h = np.log(0.01 / 0.99), 1e-6
    d = functions.sigmoid(a)

    def saturating(t):
        return np.log(1 - functions.sigmoid(t))

    def non_saturating(t):
        return -np.log(functions.sigmoid(t))

    assert np.isclose((saturating(a + h) - saturating(a - h)) / (2 * h), -d)
    assert np.isclose((non_saturating(a + h) - non_saturating(a - h)) / (2 * h), -(1 - d))
    assert round(float(-d), 2) == -0.01 and round(float(-(1 - d)), 2) == -0.99


# -- lesson 17: attention, LayerNorm, AdamW, BPE ----------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_scaled_dot_product_attention(lang: str) -> None:
    code = lesson_code("17-history", lang)
    rng = np.random.default_rng(2)
    q, k, v = rng.standard_normal((3, 8)), rng.standard_normal((5, 8)), rng.standard_normal((5, 2))
    out, weights = code["attention"](q, k, v)
    by_loop = np.zeros((3, 2))
    for i in range(3):
        w = functions.softmax(np.array([q[i] @ k[j] / np.sqrt(8) for j in range(5)]))
        assert np.allclose(weights[i], w)
        by_loop[i] = sum(w[j] * v[j] for j in range(5))
    assert np.allclose(out, by_loop)
    assert np.allclose(weights.sum(axis=1), 1.0)
    assert np.allclose(code["weights"], [[0.401, 0.198, 0.401], [0.198, 0.401, 0.401]], atol=5e-4)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_layer_norm_normalises_each_sample(lang: str) -> None:
    layer_norm = lesson_code("17-history", lang)["layer_norm"]
    x = np.random.default_rng(4).standard_normal((6, 10)) * 3 + 7
    y = layer_norm(x)
    assert np.allclose(y.mean(axis=1), 0) and np.allclose(y.std(axis=1), 1, atol=1e-5)
    assert np.allclose(layer_norm(x[:1]), y[:1]), "a sample's result does not depend on the batch"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_l2_under_adam_is_not_weight_decay(lang: str) -> None:
    """The engine's Adam divides the whole gradient, L2 term included, by √v̂ + ε: the decay
    part of its first step is lr·λw/(√v̂ + ε), the lesson's numbers; AdamW's is lr·λw."""
    code = lesson_code("17-history", lang)
    lr, lam, w = code["lr"], code["lam"], code["w"]
    shares = []
    for g_loss in (0.0, 10.0):
        param, adam = np.array([w]), Adam(lr)
        adam.step([(param, np.array([g_loss + lam * w]))])
        state = adam.state(param)
        denom = np.sqrt(state["v"] / (1 - adam.beta_2)) + adam.epsilon
        assert np.isclose(w - param[0], lr * (g_loss + lam * w) / denom[0])
        shares.append(float(lr * lam * w / denom[0]))
    assert f"{shares[0]:.1e}" == "1.0e-03" and f"{shares[1]:.1e}" == "1.0e-06"
    assert shares[0] / shares[1] > 900, "equal weights, a thousandfold difference in decay"
    assert np.isclose(lr * lam * w, 1e-5), "AdamW's decoupled decay is the same for both"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bpe_merges_most_frequent_pairs(lang: str) -> None:
    code = lesson_code("17-history", lang)
    assert code["merges"] == ["es", "est", "lo", "low"]
    assert sum(code["words"].values()) == 16, "merging never loses a word"
    assert ["".join(word) for word in code["words"]] == ["low", "lower", "newest", "widest"]
