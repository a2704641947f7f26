import numpy as np

from dltutor.engine import functions as F

H = 1e-4


def _cubic(x):
    return float(np.sum(x**3 + 0.5 * x**2))


def _forward_gradient(f, x):
    grad = np.zeros_like(x)
    base = f(x)
    for i in np.ndindex(x.shape):
        keep = x[i]
        x[i] = keep + H
        grad[i] = (f(x) - base) / H
        x[i] = keep
    return grad


def _final(result):
    """The book returns x; a version that also returns the history returns (x, history)."""
    return result[0] if isinstance(result, tuple) else result


def check(ns, c):
    diff, grad, descent = ns["numerical_diff"], ns["numerical_gradient"], ns["gradient_descent"]

    def quadratic(x):
        return 0.01 * x**2 + 0.1 * x

    def cube(x):
        return x**3

    for name, f, x in (("0.01x² + 0.1x", quadratic, 5.0), ("x³", cube, 1.0)):
        with c.step(f"numerical_diff(f, {x})  f(x) = {name}", hint=1):
            want = F.numerical_diff(f, x)
            like = {
                "forward-difference": (f(x + H) - f(x)) / H,
                "tiny-h": 0.0,
                "no-2h": 2 * want,
            }
            c.compare(diff(f, x), want, inputs={"x": x}, like=like, rtol=1e-6)
    x = np.array([3.0, -4.0, 0.5])
    with c.step("numerical_gradient(f, x)  f = Σ x³ + ½x², x: (3,)", hint=2):
        keep = x.copy()
        got = grad(_cubic, x)
        c.require(np.array_equal(x, keep), "not-restored", got=str(x), expected=str(keep))
        like = {"forward-difference": _forward_gradient(_cubic, keep.copy())}
        c.compare(
            got, F.numerical_gradient(_cubic, keep.copy()), inputs={"x": keep}, like=like, rtol=1e-6
        )
    m = c.rng.standard_normal((2, 3))
    with c.step(
        "numerical_gradient(f, x)  f = Σ x³ + ½x², x: (2, 3)",
        hint=2,
        errors={"out of bounds": "flat-only"},
    ):
        keep = m.copy()
        got = grad(_cubic, m)
        c.require(np.array_equal(m, keep), "not-restored", got=str(m), expected=str(keep))
        c.compare(got, F.numerical_gradient(_cubic, keep.copy()), inputs={"x": keep}, rtol=1e-6)

    def bowl(x):
        return float(np.sum(x**2))

    start = np.array([-3.0, 4.0])
    with c.step("gradient_descent(f, init_x=[-3, 4], lr=0.1, step_num=100)  f = x0² + x1²", hint=3):
        got = _final(descent(bowl, start.copy(), lr=0.1, step_num=100))
        want = F.gradient_descent(bowl, start, 0.1, 100)[0]
        like = {
            "ascent": F.gradient_descent(lambda v: -bowl(v), start, 0.1, 100)[0],
            "one-step": F.gradient_descent(bowl, start, 0.1, 1)[0],
        }
        c.compare(got, want, inputs={"init_x": start}, like=like, rtol=1e-4, atol=1e-6)
    with c.step("gradient_descent(f, init_x=[1, 2], lr=0.01, step_num=5)  f = x0² + x1²", hint=3):
        start = np.array([1.0, 2.0])
        got = _final(descent(bowl, start.copy(), lr=0.01, step_num=5))
        like = {"one-step": F.gradient_descent(bowl, start, 0.01, 1)[0]}
        c.compare(
            got, F.gradient_descent(bowl, start, 0.01, 5)[0], inputs={"init_x": start}, like=like
        )
