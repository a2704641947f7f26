import numpy as np

from dltutor.engine.data import split

CASES = ((10, 5), (10, 3), (10, 4), (7, 7), (23, 4))


def check(ns, c):
    kfold_indices = ns["kfold_indices"]
    for n, k in CASES:
        with c.step(f"kfold_indices({n}, {k})", hint=1 if n % k else 2):
            folds = list(kfold_indices(n, k))
            c.require(
                len(folds) == k, kind="property", got=f"{len(folds)} folds", expected=f"{k} folds"
            )
            vals = [np.asarray(v) for _, v in folds]
            sizes = sorted(len(v) for v in vals)
            want = sorted(len(v) for _, v in split.kfold_indices(n, k, shuffle=False))
            wrong = [
                ("drops-remainder", [n // k] * k),
                ("remainder-in-last", sorted([n // k] * (k - 1) + [n // k + n % k])),
            ]
            c.compare(sizes, want, inputs={"n": n, "k": k, "fold sizes": sizes}, like=wrong)
            every = np.sort(np.concatenate(vals))
            c.require(
                np.array_equal(every, np.arange(n)),
                kind="property",
                got="validation folds overlap or miss samples",
                expected=f"each of 0 … {n - 1} in exactly one fold",
            )
            for train, val in folds:
                rest = np.setdiff1d(np.arange(n), val)
                got = np.sort(np.asarray(train))
                c.require(
                    np.array_equal(got, rest),
                    kind="property",
                    got=f"train_idx {got.tolist()} for val_idx {np.asarray(val).tolist()}",
                    expected=f"train_idx {rest.tolist()}",
                )
