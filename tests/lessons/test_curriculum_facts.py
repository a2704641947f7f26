"""The formulas and numbers the curriculum names: computed with the engine, and stated in the
lesson text in both languages. A wrong engine or a lesson that drops or garbles a fact fails."""

from __future__ import annotations

import re

import numpy as np
import pytest

from dltutor.engine import Sequential, functions, gradcheck, gradcheck_loss, initializers, losses
from dltutor.engine.layers import Conv2D, Dense, Dropout, Sigmoid, Softmax
from dltutor.engine.optimizers import SGD
from dltutor.engine.text import charlm
from dltutor.lessons.catalog import LANGUAGES, lessons

PYTHON_BLOCK = re.compile(r"^```python\n.*?^```", re.DOTALL | re.MULTILINE)
BODIES = {lang: {lesson.key: lesson.body for lesson in lessons(lang)} for lang in LANGUAGES}


def lesson_text(key: str, lang: str) -> str:
    """The lesson as a reader sees the prose: python blocks dropped (code proves nothing about
    what the text says), bold markers removed so `**5 iterations**` reads as `5 iterations`."""
    return PYTHON_BLOCK.sub("", BODIES[lang][key]).replace("**", "")


def assert_states(key: str, lang: str, *needles: str) -> None:
    text = lesson_text(key, lang)
    for needle in needles:
        assert needle in text, f"{lang}/{key}.md does not state {needle!r}"


def conv_formula(h: int, fh: int, p: int, s: int) -> int:
    """OH = (H + 2P − FH)/S + 1, as lesson 10 writes it."""
    return (h + 2 * p - fh) // s + 1


# -- lesson 10: convolution output size ---------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_conv_output_size(lang: str) -> None:
    assert functions.conv_output_size(28, 5) == conv_formula(28, 5, 0, 1) == 24
    for h, fh, p, s in [(28, 5, 0, 1), (28, 3, 1, 1), (7, 3, 0, 2), (32, 5, 2, 1), (9, 3, 0, 3)]:
        conv = Conv2D(2, fh, strides=s, padding=p)
        out = conv(np.zeros((1, 1, h, h), dtype=np.float32))
        assert out.shape == (1, 2, conv_formula(h, fh, p, s), conv_formula(h, fh, p, s)), (
            h,
            fh,
            p,
            s,
        )
        assert functions.conv_output_size(h, fh, stride=s, pad=p) == out.shape[-1]
    oh = Conv2D(30, 5)(np.zeros((1, 1, 28, 28), dtype=np.float32)).shape[-1]
    assert_states("10-cnn", lang, "OH = (H + 2P − FH)/S + 1")
    recap = [
        line
        for line in lesson_text("10-cnn", lang).splitlines()
        if "28 × 28" in line and "5 × 5" in line
    ]
    assert any(re.search(rf"(?<!\d){oh}(?!\d)", line.split("5 × 5", 1)[1]) for line in recap), (
        f"{lang}/10-cnn.md: 28 × 28 with a 5 × 5 filter should be said to give {oh}"
    )


# -- lesson 02: softmax overflow ------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_softmax_is_stable_for_large_logits(lang: str) -> None:
    big = np.array([1010.0, 1000.0, 990.0])
    y = functions.softmax(big)
    shifted = np.exp(big - big.max()) / np.exp(big - big.max()).sum()
    assert np.all(np.isfinite(y)) and np.allclose(y, shifted, rtol=1e-12, atol=0)
    assert np.isclose(y.sum(), 1.0)
    assert np.all(np.isnan(functions.softmax_naive(big))), (
        "the naive form should overflow (the demo)"
    )
    batch = np.stack([big, big - 1000.0, 100.0 * big]).astype(np.float32)
    rows = Softmax()(batch)
    assert np.all(np.isfinite(rows)) and np.allclose(rows[0], rows[1], atol=1e-6)
    assert_states("02-neural-networks", lang, "C = max(a)", "exp(aₖ − C)")


# -- lesson 06: Xavier and He ---------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_xavier_and_he_std(lang: str) -> None:
    n, units = 400, 2500
    for name, expected in [("xavier", np.sqrt(1 / n)), ("he_normal", np.sqrt(2 / n))]:
        layer = Dense(units, kernel_initializer=name)
        layer.build((None, n), np.random.default_rng(0))
        std = float(layer.params["kernel"].std())
        assert abs(std - expected) / expected < 0.02, (
            f"{name}: std {std:.4f}, expected {expected:.4f}"
        )
    assert initializers.xavier_std(100) == pytest.approx(0.1)
    he_100 = initializers.he_std(100)
    assert he_100 == pytest.approx(np.sqrt(0.02))
    assert_states("06-init-batchnorm", lang, "√(1/n)", "√(2/n)", f"{he_100:.4f}")


# -- lesson 03: iterations per epoch ----------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_iterations_per_epoch(lang: str) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(1000, 2)).astype(np.float32)
    y = x.sum(axis=1, keepdims=True)
    model = Sequential([Dense(1)], input_shape=(2,), seed=0)
    model.compile(loss="mse", optimizer=SGD(0.01))
    records = list(model.fit(x, y, epochs=2, batch_size=200, seed=0))
    steps = [r for r in records if r.kind == "step"]
    per_epoch = {
        r.epoch: sum(1 for s in steps if s.epoch == r.epoch) for r in records if r.kind == "epoch"
    }
    assert len(per_epoch) == 2 and set(per_epoch.values()) == {5}, per_epoch
    assert {s.batches for s in steps} == {5}
    assert_states("03-learning", lang, f"1,000 / 200 = {per_epoch[min(per_epoch)]}")


# -- lesson 03: numerical gradient --------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_numerical_gradient_of_the_bowl(lang: str) -> None:
    grad = functions.numerical_gradient(
        lambda v: float(v[0] ** 2 + v[1] ** 2), np.array([3.0, 4.0])
    )
    assert np.allclose(grad, [6.0, 8.0], atol=1e-6), grad
    gx, gy = (int(round(g)) for g in grad)
    assert_states("03-learning", lang, "(3, 4)", f"({gx}, {gy})", "x₀² + x₁²")


# -- lesson 07: dropout scaling -------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_dropout_scaling(lang: str) -> None:
    h = np.ones((200, 1000), dtype=np.float32)
    for p in (0.2, 0.5):
        layer = Dropout(p, seed=0)
        out = layer(h, training=True)
        assert set(np.unique(out).round(5)) == {0.0, round(1 / (1 - p), 5)}, "survivors × 1/(1 − p)"
        assert abs(float(np.mean(out == 0)) - p) < 0.01
        assert abs(float(out.mean()) - 1.0) < 0.01, "inverted dropout keeps the mean"
        x = np.random.default_rng(1).normal(size=(3, 5)).astype(np.float32)
        assert np.array_equal(layer(x, training=False), x), "identity at inference"
    assert_states("07-regularization", lang, "1/(1 − p)", "1/(1 − 0.5)", "1/(1 − 0.2)")


# -- lesson 04: sigmoid derivative ------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_sigmoid_derivative(lang: str) -> None:
    x = np.linspace(-4, 4, 9).reshape(3, 3)
    layer = Sigmoid().astype(np.float64)
    y = layer(x)
    dout = np.random.default_rng(0).normal(size=x.shape)
    assert np.allclose(layer.backward(dout), dout * y * (1 - y))
    assert np.allclose(functions.sigmoid_grad(x), y * (1 - y))
    assert gradcheck(Sigmoid(), x) < 1e-6
    assert_states("04-backprop", lang, "y(1 − y)")


# -- lesson 04: Softmax-with-Loss backward ----------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_softmax_with_loss_backward(lang: str) -> None:
    rng = np.random.default_rng(0)
    n, k = 6, 4
    z = rng.normal(size=(n, k))
    labels = rng.integers(0, k, size=n)
    t = np.eye(k)[labels]
    y = functions.softmax(z)
    for targets in (t, labels):
        loss = losses.get("softmax_cross_entropy")
        loss.forward(z, targets)
        assert np.allclose(loss.backward(), (y - t) / n), "dL/da = (y − t)/N"
    assert gradcheck_loss(losses.SoftmaxCrossEntropy(), z, labels) < 1e-6
    assert_states("04-backprop", lang, "(y − t)/N")


# -- lessons 03, 04, 09: Dense parameter count ----------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_dense_parameter_count(lang: str) -> None:
    for n_in, n_out in [(784, 50), (50, 10), (10000, 64), (64, 4), (4, 46), (3, 1)]:
        layer = Dense(n_out)
        layer.build((None, n_in), np.random.default_rng(0))
        assert layer.count_params() == n_in * n_out + n_out, (n_in, n_out)
    mnist = Sequential([Dense(50, activation="sigmoid"), Dense(10)], input_shape=(784,))
    small = Sequential([Dense(10, activation="sigmoid"), Dense(3)], input_shape=(20,))
    assert_states("03-learning", lang, f"784·50 + 50 + 50·10 + 10 = {mnist.count_params():,}")
    assert_states("04-backprop", lang, f"20·10 + 10 + 10·3 + 3 = {small.count_params()}")


# -- lesson 16: temperature --------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_temperature_reweighting(lang: str) -> None:
    p = np.array([0.5, 0.3, 0.2])
    for temperature in (0.25, 0.5, 1.0, 2.0, 5.0):
        q = charlm.reweight(p, temperature)
        expected = p ** (1 / temperature) / np.sum(p ** (1 / temperature))
        assert np.allclose(q, expected), temperature
        assert np.allclose(charlm.softmax_t(np.log(p), temperature), expected), temperature
    assert np.allclose(charlm.reweight(p, 1.0), p), "T = 1 leaves the distribution unchanged"
    entropies = [charlm.entropy(charlm.reweight(p, t)) for t in (0.5, 1.0, 2.0)]
    assert entropies[0] < entropies[1] < entropies[2], "low T sharpens, high T flattens"
    assert charlm.sample(np.log(p), 0, np.random.default_rng(0)) == 0, "T = 0 is greedy"
    rng = np.random.default_rng(0)
    draws = [charlm.sample(np.log(p), 0.5, rng) for _ in range(4000)]
    freq = np.bincount(draws, minlength=3) / len(draws)
    assert np.allclose(freq, charlm.reweight(p, 0.5), atol=0.03), freq
    shown = np.array2string(charlm.reweight(p, 0.5).round(3))
    assert_states("16-generative", lang, "exp(log(p_i) / T)", "p_i^(1/T)", f"0.5 {shown}")
