"""The derivations and numbers lessons 00-08 add, checked against the engine (or against
first principles where the engine has no counterpart), and stated in both languages."""

from __future__ import annotations

import numpy as np
import pytest

from dltutor.engine import gradcheck, losses
from dltutor.engine.gradcheck import relative_error
from dltutor.engine.layers import BatchNormalization, Sigmoid
from dltutor.engine.optimizers import Adam
from dltutor.lessons.catalog import LANGUAGES, lessons
from dltutor.lessons.quiz.bank import load_banks

BODIES = {lang: {lesson.key: lesson.body for lesson in lessons(lang)} for lang in LANGUAGES}


def states(key: str, lang: str, *needles: str) -> None:
    body = BODIES[lang][key].replace("**", "")
    for needle in needles:
        assert needle in body, f"{lang}/{key}.md does not state {needle!r}"


def numerical_gradient(f, v: np.ndarray, h: float = 1e-5) -> np.ndarray:
    grad = np.zeros_like(v)
    for i in range(v.size):
        old = v.flat[i]
        v.flat[i] = old + h
        plus = f()
        v.flat[i] = old - h
        minus = f()
        v.flat[i] = old
        grad.flat[i] = (plus - minus) / (2 * h)
    return grad


# -- lesson 04: the sigmoid's chain of nodes gives y(1 − y) -------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_sigmoid_chain_of_nodes_gives_y_one_minus_y(lang: str) -> None:
    x = np.linspace(-6, 6, 25)
    u = 1 + np.exp(-x)
    y = 1 / u
    chain = (-1 / u**2) * 1 * np.exp(-x) * (-1)  # 1/u, +1, exp, ×(−1)
    layer = Sigmoid().astype(np.float64)
    assert np.allclose(layer(x), y)
    assert np.allclose(chain, y * (1 - y))
    assert np.allclose(layer.backward(np.ones_like(x)), chain)
    y07 = 1 / (1 + np.exp(-0.7))
    assert round(y07 * (1 - y07), 6) == 0.221713
    states("04-backprop", lang, "= y(1 − y)", "0.221713")


# -- lesson 04: Softmax-with-Loss, (y − t)/N from the Jacobian ---------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_softmax_with_loss_gradient_from_the_jacobian(lang: str) -> None:
    rng = np.random.default_rng(3)
    a = rng.normal(size=(5, 4))
    labels = rng.integers(0, 4, size=5)
    t = np.eye(4)[labels]
    y = np.exp(a) / np.exp(a).sum(axis=1, keepdims=True)
    for n in range(5):
        jacobian = np.diag(y[n]) - np.outer(y[n], y[n])  # ∂y_j/∂a_k = y_j(δ_jk − y_k)
        assert np.allclose((-t[n] / y[n]) @ jacobian, y[n] - t[n])
    loss = losses.get("softmax_cross_entropy")
    loss.forward(a, labels)
    assert np.allclose(loss.backward(), (y - t) / 5)
    wrong = y - t  # without 1/N the engine's gradient differs
    assert not np.allclose(loss.backward(), wrong)
    states("04-backprop", lang, "y_j(δ_jk − y_k)", "= y_k − t_k", "(y − t)/N")


# -- lesson 06: batch-norm backward ----------------------------------------------------------
def bn_backward(dy, x, gamma, eps):
    m, sigma = x.shape[0], np.sqrt(x.var(axis=0) + eps)
    x_hat = (x - x.mean(axis=0)) / sigma
    dx_hat = dy * gamma
    dx = (m * dx_hat - dx_hat.sum(axis=0) - x_hat * (dx_hat * x_hat).sum(axis=0)) / (m * sigma)
    return dx, (dy * x_hat).sum(axis=0), dy.sum(axis=0)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_batch_norm_backward_formula_matches_the_engine(lang: str) -> None:
    rng = np.random.default_rng(7)
    x, dy = rng.normal(1.5, 2.0, size=(16, 4)), rng.normal(size=(16, 4))
    gamma, beta = rng.normal(size=4), rng.normal(size=4)
    eps = 1e-3
    layer = BatchNormalization(epsilon=eps).astype(np.float64)
    layer(x, training=True)
    layer.params["gamma"][:] = gamma
    layer.params["beta"][:] = beta
    layer(x, training=True)
    dx, dgamma, dbeta = bn_backward(dy, x, gamma, eps)
    assert np.allclose(layer.backward(dy), dx)
    assert np.allclose(layer.grads["gamma"], dgamma)
    assert np.allclose(layer.grads["beta"], dbeta)
    assert np.allclose(dx.sum(axis=0), 0), "dx sums to 0 over the batch"

    def loss() -> float:
        x_hat = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps)
        return float(np.sum((gamma * x_hat + beta) * dy))

    for analytic, v in zip((dx, dgamma, dbeta), (x, gamma, beta), strict=True):
        assert relative_error(analytic, numerical_gradient(loss, v)) < 1e-7
    assert gradcheck(BatchNormalization(), rng.normal(size=(8, 5))) < 1e-6
    states("06-init-batchnorm", lang, "dx = (m·dx̂ − Σ dx̂ − x̂ · Σ(dx̂ · x̂)) / (m·σ)")


def test_dropping_the_variance_path_breaks_the_batch_norm_gradient() -> None:
    """The check can fail: a backward without the Σ(dx̂·x̂) term is far from numeric."""
    rng = np.random.default_rng(0)
    x, dy, gamma = rng.normal(size=(8, 3)), rng.normal(size=(8, 3)), np.ones(3)
    m, sigma = 8, np.sqrt(x.var(axis=0) + 1e-5)
    incomplete = (m * dy - dy.sum(axis=0)) / (m * sigma)
    assert relative_error(incomplete, bn_backward(dy, x, gamma, 1e-5)[0]) > 1e-2


# -- lesson 05: Adam's first steps without bias correction ------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_adam_without_bias_correction_steps_too_far(lang: str) -> None:
    b1, b2, lr = 0.9, 0.999, 0.01
    for g in (250.0, -0.02):
        w = np.array([1.0])
        Adam(lr=lr).step([(w, np.array([g]))])
        assert np.isclose(abs(w[0] - 1.0), lr, rtol=1e-4), "corrected first step = η"
        m, v = (1 - b1) * g, (1 - b2) * g * g
        assert round(lr * abs(m) / np.sqrt(v) / lr, 2) == 3.16
    ratios = [(1 - b1**t) / np.sqrt(1 - b2**t) for t in (1, 2, 10, 100, 1000)]
    assert [round(float(r), 2) for r in ratios] == [3.16, 4.25, 6.53, 3.24, 1.26]
    assert all(r > 1 for r in ratios), "uncorrected steps are larger, never smaller"
    states("05-optimizers", lang, "3.16", "[3.16, 4.25, 6.53, 3.24, 1.26]")


def test_the_bias_correction_question_says_too_large() -> None:
    question = next(q for q in load_banks()["05"] if q.id == "05-adam-bias-correction")
    assert question.answer == round(0.1 * 5 / (1 - 0.9), 6)
    for lang in LANGUAGES:
        assert "3.16" in question.wording(lang).explanation


# -- lesson 08: ROC AUC by ranks -------------------------------------------------------------
def roc_auc_by_ranks(y_true: np.ndarray, scores: np.ndarray) -> float:
    ranks = np.empty(len(scores))
    ranks[np.argsort(scores, kind="stable")] = np.arange(1, len(scores) + 1)
    for s in np.unique(scores):
        ranks[scores == s] = ranks[scores == s].mean()
    n_p = int(y_true.sum())
    n_n = len(y_true) - n_p
    return float((ranks[y_true == 1].sum() - n_p * (n_p + 1) / 2) / (n_p * n_n))


def roc_auc_by_pairs(y_true: np.ndarray, scores: np.ndarray) -> float:
    pos, neg = scores[y_true == 1][:, None], scores[y_true == 0][None, :]
    return float(np.mean(pos > neg) + 0.5 * np.mean(pos == neg))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_roc_auc_of_the_imbalanced_example(lang: str) -> None:
    y_true = np.array([0] * 95 + [1] * 5)
    always_no = np.zeros(100, dtype=int)
    y_pred = np.zeros(100, dtype=int)
    y_pred[[0, 1, 2, 3, 4, 5, 95, 96, 97, 98]] = 1
    assert roc_auc_by_ranks(y_true, always_no) == 0.5
    auc = roc_auc_by_ranks(y_true, y_pred)
    assert np.isclose(auc, (0.8 + 89 / 95) / 2) and round(auc, 2) == 0.87
    assert np.isclose(auc, roc_auc_by_pairs(y_true, y_pred))
    scores = np.random.default_rng(0).normal(size=100) + 2.0 * y_true
    assert np.isclose(roc_auc_by_ranks(y_true, scores), roc_auc_by_pairs(y_true, scores))
    assert np.mean(always_no == y_true) > np.mean(y_pred == y_true), "accuracy prefers 'no'"
    states("08-validation", lang, "AUC = (R − n_p(n_p + 1)/2)/(n_p·n_n)", "0.87")


def test_the_auc_and_recall_questions_hold() -> None:
    bank = {q.id: q for q in load_banks()["08"]}
    y, s = np.array([1, 1, 0, 0, 0]), np.array([0.9, 0.4, 0.8, 0.3, 0.1])
    assert np.isclose(bank["08-auc-pairs"].answer, roc_auc_by_ranks(y, s), atol=1e-4)
    assert np.isclose(bank["08-recall-count"].answer, 30 / 50)


# -- lesson 03: the h sweep and iterations with a remainder ----------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_central_difference_error_falls_then_rises(lang: str) -> None:
    def g(x: float) -> float:
        return x * x * x

    hs = (1e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12)
    errors = [abs((g(1 + h) - g(1 - h)) / (2 * h) - 3) for h in hs]
    assert [f"{e:.0e}" for e in errors] == ["1e-04", "1e-08", "2e-11", "7e-09", "2e-07", "1e-04"]
    assert min(range(len(hs)), key=errors.__getitem__) == 2
    states("03-learning", lang, "1e-5")


def test_iterations_question_counts_the_last_smaller_batch() -> None:
    from dltutor.engine import Sequential
    from dltutor.engine.layers import Dense

    question = next(q for q in load_banks()["03"] if q.id == "03-iters-mnist")
    model = Sequential([Dense(1)], input_shape=(1,), seed=0)
    model.compile(loss="mse", optimizer="sgd")
    zeros = np.zeros((3500, 1), dtype=np.float32)
    steps = [r for r in model.fit(zeros, zeros, epochs=1, batch_size=64) if r.kind == "step"]
    assert question.answer == len(steps) == -(-3500 // 64) == 55


# -- lesson 06: Glorot's std is not √(1/n) -----------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_glorot_uses_fan_in_and_fan_out(lang: str) -> None:
    from dltutor.engine import initializers

    w = initializers.get("glorot_normal")((784, 100), np.random.default_rng(0), 784, 100)
    assert round(float(w.std()), 3) == round(float(np.sqrt(2 / (784 + 100))), 3) == 0.048
    assert round(float(np.sqrt(1 / 784)), 3) == 0.036
    states("06-init-batchnorm", lang, "lecun_normal", "√(2/(n_in + n_out))", "0.048")


# -- lesson 00: axis and keepdims --------------------------------------------------------------
def test_keepdims_is_what_lets_rows_divide_by_their_sum() -> None:
    s = np.arange(1.0, 321.0).reshape(32, 10)
    rows = s / s.sum(axis=1, keepdims=True)
    assert np.allclose(rows.sum(axis=1), 1)
    with pytest.raises(ValueError):
        _ = s / s.sum(axis=1)
    question = next(q for q in load_banks()["00"] if q.id == "00-axis-keepdims")
    assert question.answer == 2
