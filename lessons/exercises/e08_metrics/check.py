import numpy as np


def _pr(y, p):
    from sklearn.metrics import precision_score, recall_score

    return [
        precision_score(y, p, zero_division=0.0),
        recall_score(y, p, zero_division=0.0),
    ]


def check(ns, c):
    # imported here, in the check's child: scikit-learn is slow to import and pulls in more
    from sklearn.metrics import roc_auc_score

    precision_recall, roc_auc = ns["precision_recall"], ns["roc_auc"]
    y = c.rng.integers(0, 2, 30)
    cases = (
        ("y_true, y_pred: (30,) random", y, np.where(c.rng.random(30) < 0.8, y, 1 - y)),
        ("y_pred all 0", y, np.zeros(30, dtype=int)),
        (
            "y_true, y_pred: (8,)",
            np.array([1, 1, 1, 1, 0, 0, 0, 0]),
            np.array([1, 0, 0, 0, 1, 0, 0, 0]),
        ),
    )
    for name, yt, yp in cases:
        with c.step(f"precision_recall(y_true, y_pred)  {name}", hint=1):
            want = _pr(yt, yp)
            got = precision_recall(yt.copy(), yp.copy())
            got = list(got) if isinstance(got, tuple) else got
            c.compare(got, want, inputs={"y_true": yt, "y_pred": yp}, like={"swapped": want[::-1]})
    yt = c.rng.integers(0, 2, 40)
    scores = c.rng.random(40) * 0.4 + yt * 0.3
    with c.step("roc_auc(y_true, scores)  scores: (40,) float64 in [0, 0.7)", hint=2):
        like = {"hard-predictions": roc_auc_score(yt, (scores >= 0.5).astype(float))}
        c.compare(
            roc_auc(yt.copy(), scores.copy()),
            roc_auc_score(yt, scores),
            inputs={"y_true": yt, "scores": scores},
            like=like,
        )
    tied = np.round(scores, 1)
    with c.step("roc_auc(y_true, scores)  scores rounded to 0.1: ties", hint=3):
        pos, neg = tied[yt == 1], tied[yt == 0]
        strict = np.sum(pos[:, None] > neg[None, :]) / (len(pos) * len(neg))
        c.compare(
            roc_auc(yt.copy(), tied.copy()),
            roc_auc_score(yt, tied),
            inputs={"scores": tied},
            like={"ties-ignored": strict},
        )
    with c.step("roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])", hint=2):
        yt4, s4 = np.array([0, 0, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8])
        c.compare(roc_auc(yt4, s4.copy()), roc_auc_score(yt4, s4), like={"hard-predictions": 0.75})
