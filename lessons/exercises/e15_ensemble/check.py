import numpy as np

from dltutor.engine import functions as F


def _probs(rng, m, n, k):
    return F.softmax(rng.standard_normal((m, n, k)) * 2)


def _like(probs, w):
    like = [
        ("wrong-axis", probs.mean(axis=1)),
        ("wrong-axis", probs.mean(axis=2)),
        ("wrong-axis", probs.mean()),
    ]
    if w is not None:
        like += [
            ("weights-not-normalised", np.tensordot(w, probs, axes=1)),
            ("weights-not-normalised", np.tensordot(w, probs, axes=1) / len(w)),
            ("weights-ignored", probs.mean(axis=0)),
        ]
    return like


def check(ns, c):
    ensemble_average = ns["ensemble_average"]
    labels = np.array([0, 1, 1, 0, 1])
    p_a = np.array([0.6, 0.4, 0.9, 0.3, 0.8])
    p_b = np.array([0.2, 0.7, 0.4, 0.6, 0.9])
    lesson = np.stack([np.stack([1 - p, p], axis=1) for p in (p_a, p_b)])
    cases = (
        ("probs: (2, 5, 2)", lesson, None, 1),
        ("probs: (2, 5, 2), weights = [0.7, 0.3]", lesson, np.array([0.7, 0.3]), 2),
        ("probs: (3, 4, 5)", _probs(c.rng, 3, 4, 5), None, 1),
        ("probs: (3, 4, 5), weights = [2, 1, 1]", _probs(c.rng, 3, 4, 5), np.array([2.0, 1, 1]), 3),
        ("probs: (4, 1, 3), weights: (4,)", _probs(c.rng, 4, 1, 3), c.rng.uniform(0.5, 3, 4), 3),
    )
    for label, probs, w, hint in cases:
        with c.step(
            f"ensemble_average(probs{'' if w is None else ', weights'})  {label}", hint=hint
        ):
            expected = np.average(probs, axis=0, weights=w)
            args = () if w is None else (w.copy(),)
            got = ensemble_average(probs.copy(), *args)
            c.compare(got, expected, inputs={"probs": probs, "weights": w}, like=_like(probs, w))
    with c.step("ensemble_average([p_a, p_b])  list of (5, 2)", hint=1):
        got = ensemble_average([lesson[0].copy(), lesson[1].copy()])
        c.compare(got, lesson.mean(axis=0), inputs={"probs": lesson}, like=_like(lesson, None))
    with c.step("(ensemble_average(probs).argmax(1) == labels).mean() == 1.0", hint=1):
        accuracy = float(
            (np.asarray(ensemble_average(lesson.copy())).argmax(axis=1) == labels).mean()
        )
        c.compare(accuracy, 1.0, inputs={"probs": lesson, "labels": labels})
