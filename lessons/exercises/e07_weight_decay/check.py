from functools import partial

from dltutor.engine.regularizers import L2
from dltutor.lessons.exercises.checking import numerical_grad


def _params(rng, sizes):
    params = {}
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True), start=1):
        params[f"W{i}"] = rng.standard_normal((n_in, n_out))
        params[f"b{i}"] = rng.standard_normal(n_out)
    return params


def _penalty(params, lam, keys):
    """λ/2 · Σ p² over `keys`, as the engine's L2 regulariser computes it."""
    return sum(L2(lam).penalty(params[k]) for k in keys)


def _penalty_with(params, key, value, lam, keys):
    return _penalty({**params, key: value}, lam, keys)


def check(ns, c):
    loss, grad = ns["weight_decay_loss"], ns["weight_decay_grad"]
    for sizes, lam in (((4, 3, 2), 0.1), ((5, 4, 4, 3), 0.01)):
        params = _params(c.rng, sizes)
        weights = [k for k in params if k.startswith("W")]
        want = _penalty(params, lam, weights)
        like = [
            ("no-half", 2 * want),
            ("decays-biases", _penalty(params, lam, params)),
            ("decays-biases", 2 * _penalty(params, lam, params)),
        ]
        shapes = ", ".join(f"{k}: {v.shape}" for k, v in params.items())
        with c.step(f"weight_decay_loss(params, lam={lam})  {shapes}", hint=1):
            got = loss({k: v.copy() for k, v in params.items()}, lam)
            c.compare(got, want, inputs={"lam": lam}, like=like)
        with c.step(f"weight_decay_grad(params, lam={lam}) = [[numerical]]", hint=2):
            got = grad({k: v.copy() for k, v in params.items()}, lam)
            c.require(
                isinstance(got, dict) and set(got) == set(params),
                kind="property",
                got=sorted(got) if isinstance(got, dict) else type(got).__name__,
                expected=sorted(params),
            )
            for key in params:
                p = params[key].copy()

                f = partial(_penalty_with, params, key, p, lam, weights)

                want_g = numerical_grad(f, p)
                wrong = [("decays-biases", lam * params[key]), ("no-half", 2 * want_g)]
                c.compare(got[key], want_g, inputs={"key": key, "lam": lam}, like=wrong)
