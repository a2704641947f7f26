import numpy as np

from dltutor.engine.text import charlm
from dltutor.lessons.exercises.checking import show

DRAWS = 3000


def _like(p, t):
    with np.errstate(divide="ignore"):
        logp = np.log(p)
    shifted = np.exp(p / t - (p / t).max())
    return [
        ("multiplied", charlm.reweight(p, 1 / t)),
        ("not-normalised", np.exp(logp / t)),
        ("not-normalised", np.exp(logp / t - (logp / t).max())),
        ("no-log", shifted / shifted.sum()),
        ("no-log", p / t),
    ]


def _frequencies(sample, p, t, seed):
    rng = np.random.default_rng(seed)
    draws = np.array([sample(p.copy(), t, rng) for _ in range(DRAWS)])
    return draws, np.bincount(draws.astype(int), minlength=len(p))[: len(p)] / DRAWS


def check(ns, c):
    reweight, sample = ns["reweight"], ns["sample"]
    p = np.array([0.5, 0.3, 0.2])
    for t, hint in ((0.5, 1), (1.0, 1), (2.0, 3)):
        with c.step(f"reweight(p, {t})  p = [0.5, 0.3, 0.2]", hint=hint):
            got = reweight(p.copy(), t)
            c.compare(got, charlm.reweight(p, t), inputs={"p": p}, like=_like(p, t))
    q = c.rng.dirichlet(np.ones(6))
    q[4] = 0.0
    q /= q.sum()
    with c.step("reweight(p, 0.7)  p: (6,), p[4] = 0", hint=1):
        got = reweight(q.copy(), 0.7)
        c.compare(got, charlm.reweight(q, 0.7), inputs={"p": q}, like=_like(q, 0.7))
    small = np.array([0.1, 0.2, 0.3, 0.4], dtype=np.float32)
    with c.step("reweight(p, 0.25)  float32", hint=1):
        got = reweight(small.copy(), 0.25)
        c.compare(
            got,
            charlm.reweight(small, 0.25),
            inputs={"p": small},
            like=_like(small, 0.25),
            rtol=1e-4,
            atol=1e-6,
        )
    for t in (0.2, 1.0, 5.0):
        with c.step(f"sample(p, {t}, rng) × {DRAWS}: np.bincount / {DRAWS}", hint=2):
            draws, freq = _frequencies(sample, p, t, seed=7)
            expected = charlm.reweight(p, t)
            c.require(
                all(isinstance(d, int | np.integer) for d in draws[:5])
                and draws.dtype.kind in "iu",
                kind="property",
                got=str(draws[:5]),
                expected="int",
            )
            tolerance = 5 * np.sqrt(expected * (1 - expected) / DRAWS) + 1e-3
            if not np.all(np.abs(freq - expected) <= tolerance):
                greedy = np.eye(len(p))[p.argmax()]
                ignored = np.all(np.abs(freq - p) <= 5 * np.sqrt(p * (1 - p) / DRAWS) + 1e-3)
                mistake = (
                    "greedy"
                    if np.allclose(freq, greedy)
                    else "ignores-temperature"
                    if ignored
                    else None
                )
                c.fail(
                    mistake,
                    kind="property",
                    inputs={"p": show(p), "temperature": show(t)},
                    got=str(freq.round(3)),
                    expected=str(expected.round(3)),
                )
    with c.step(
        "[sample(p, 1.0, default_rng(3)) × 50] == [sample(p, 1.0, default_rng(3)) × 50]", hint=2
    ):
        runs = []
        for _ in range(2):
            rng = np.random.default_rng(3)
            runs.append([sample(p.copy(), 1.0, rng) for _ in range(50)])
        c.require(
            runs[0] == runs[1], "global-rng", got=str(runs[1][:10]), expected=str(runs[0][:10])
        )
