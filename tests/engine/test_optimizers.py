"""Optimizer update rules against hand-computed steps, and learning-rate schedules."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dltutor.engine import optimizers, schedules


def run(opt, grads, p0=(1.0, -2.0)):
    p = np.array(p0)
    for g in grads:
        opt.step([(p, np.array(g))])
    return p


G1, G2 = (0.5, -1.0), (0.25, 2.0)


def test_sgd():
    np.testing.assert_allclose(
        run(optimizers.SGD(0.1), [G1, G2]), [1 - 0.05 - 0.025, -2 + 0.1 - 0.2]
    )


def test_momentum():
    # v1 = -lr·g1; v2 = 0.9·v1 − lr·g2; p = p0 + v1 + v2
    v1 = -0.1 * np.array(G1)
    v2 = 0.9 * v1 - 0.1 * np.array(G2)
    np.testing.assert_allclose(
        run(optimizers.Momentum(0.1, 0.9), [G1, G2]), np.array([1.0, -2.0]) + v1 + v2
    )


def test_nesterov():
    g1, g2 = np.array(G1), np.array(G2)
    v1 = -0.1 * g1
    p1 = np.array([1.0, -2.0]) + 0.9 * v1 - 0.1 * g1
    v2 = 0.9 * v1 - 0.1 * g2
    p2 = p1 + 0.9 * v2 - 0.1 * g2
    np.testing.assert_allclose(run(optimizers.Nesterov(0.1, 0.9), [G1, G2]), p2)


def test_adagrad():
    g1, g2 = np.array(G1), np.array(G2)
    h1 = g1**2
    p1 = np.array([1.0, -2.0]) - 0.1 * g1 / (np.sqrt(h1) + 1e-7)
    h2 = h1 + g2**2
    p2 = p1 - 0.1 * g2 / (np.sqrt(h2) + 1e-7)
    np.testing.assert_allclose(run(optimizers.AdaGrad(0.1), [G1, G2]), p2)


def test_rmsprop():
    g1, g2 = np.array(G1), np.array(G2)
    h1 = 0.1 * g1**2
    p1 = np.array([1.0, -2.0]) - 0.01 * g1 / (np.sqrt(h1) + 1e-7)
    h2 = 0.9 * h1 + 0.1 * g2**2
    p2 = p1 - 0.01 * g2 / (np.sqrt(h2) + 1e-7)
    np.testing.assert_allclose(run(optimizers.RMSProp(0.01, rho=0.9), [G1, G2]), p2)


def test_adam_with_bias_correction():
    g1, g2 = np.array(G1), np.array(G2)
    lr, b1, b2, eps = 0.1, 0.9, 0.999, 1e-7
    # First step: m̂ = g, v̂ = g², so the step is lr·sign(g) (up to ε).
    p1 = np.array([1.0, -2.0]) - lr * g1 / (np.abs(g1) + eps)
    np.testing.assert_allclose(run(optimizers.Adam(lr), [G1]), p1)
    m = (1 - b1) * g1
    v = (1 - b2) * g1**2
    m = b1 * m + (1 - b1) * g2
    v = b2 * v + (1 - b2) * g2**2
    p2 = p1 - lr * (m / (1 - b1**2)) / (np.sqrt(v / (1 - b2**2)) + eps)
    np.testing.assert_allclose(run(optimizers.Adam(lr), [G1, G2]), p2)


def test_state_is_per_parameter_and_created_on_first_use():
    opt = optimizers.Momentum(0.1, 0.9)
    a, b = np.array([1.0]), np.array([1.0])
    opt.step([(a, np.array([1.0]))])
    opt.step([(a, np.array([1.0])), (b, np.array([1.0]))])
    assert a[0] == pytest.approx(1 - 0.1 - 0.19)
    assert b[0] == pytest.approx(1 - 0.1)


def test_float32_parameters_stay_float32():
    p = np.ones(3, dtype=np.float32)
    for name in optimizers.NAMES:
        optimizers.get(name).step([(p, np.ones(3, dtype=np.float32))])
        assert p.dtype == np.float32


@pytest.mark.parametrize(
    "schedule, expected",
    [
        (schedules.Constant(0.1), [0.1, 0.1, 0.1]),
        (schedules.StepDecay(0.1, drop=0.5, every=2), [0.1, 0.1, 0.05]),
        (schedules.ExponentialDecay(0.1, rate=0.5, steps=2), [0.1, 0.1 * 0.5**0.5, 0.05]),
        (schedules.CosineDecay(0.1, total=2), [0.1, 0.05, 0.0]),
    ],
)
def test_schedules(schedule, expected):
    assert [schedule(i) for i in range(3)] == pytest.approx(expected)


def test_optimizer_follows_its_schedule():
    opt = optimizers.SGD(schedules.StepDecay(1.0, drop=0.1, every=1))
    p = run(opt, [(1.0, 1.0), (1.0, 1.0)], p0=(0.0, 0.0))
    np.testing.assert_allclose(p, [-1.1, -1.1])
    assert opt.lr == pytest.approx(0.01)
    assert math.isclose(opt.iterations, 2)


def test_bad_arguments():
    with pytest.raises(ValueError, match="learning rate"):
        optimizers.SGD(-1)
    with pytest.raises(ValueError, match="unknown optimizer"):
        optimizers.get("lion")


def test_initializers_draw_with_the_documented_std():
    from dltutor.engine import initializers

    rng = np.random.default_rng(0)
    n = 400
    he = initializers.get("he_normal")((n, 300), rng, n, 300)
    xavier = initializers.get("xavier")((n, 300), rng, n, 300)
    assert he.std() == pytest.approx(np.sqrt(2 / n), rel=0.02)
    assert xavier.std() == pytest.approx(np.sqrt(1 / n), rel=0.02)
    assert initializers.get(0.01)((n, 300), rng, n, 300).std() == pytest.approx(0.01, rel=0.02)
    assert not initializers.get("zeros")((3, 3), rng, 3, 3).any()
    limit = np.sqrt(6 / (n + 300))
    g = initializers.get("glorot_uniform")((n, 300), rng, n, 300)
    assert g.max() <= limit and g.min() >= -limit


def test_l1_and_l2_penalties_and_gradients():
    from dltutor.engine.regularizers import L1, L2

    w = np.array([1.0, -2.0, 0.5])
    g = np.zeros(3)
    L2(0.1).add_grad(w, g)
    np.testing.assert_allclose(g, 0.1 * w)
    assert L2(0.1).penalty(w) == pytest.approx(0.05 * (1 + 4 + 0.25))
    g = np.zeros(3)
    L1(0.1).add_grad(w, g)
    np.testing.assert_allclose(g, [0.1, -0.1, 0.1])
    assert L1(0.1).penalty(w) == pytest.approx(0.35)
