"""08-random-search: sample learning rate × weight decay on a log scale, score on validation."""

from __future__ import annotations

import numpy as np

from ..layers import Dense
from ._common import digits, sequential
from .base import Boundary, Curves, Frame, Lab, Table, int_knob

LR_RANGE = (-4.0, 0.0)  # log10 learning rate
WD_RANGE = (-6.0, -1.0)  # log10 weight decay


def trial(lr: float, wd: float, data, epochs: int, seed: int) -> float:
    xtr, ytr, xva, yva = data
    model = sequential(
        [Dense(50, activation="relu"), Dense(50, activation="relu"), Dense(10)],
        64,
        seed,
        "softmax_cross_entropy",
        "sgd",
        lr,
        weight_decay=wd,
    )
    try:
        for _ in model.fit(xtr, ytr, epochs=epochs, batch_size=50, seed=seed):
            pass
    except ArithmeticError:  # diverged: the worst possible score
        return 0.0
    return float(model.evaluate(xva, yva)["accuracy"])


def run(knobs, rng):
    x, y = digits()
    order = rng.permutation(len(x))
    n = knobs["train_size"]
    tr, va = order[:n], order[n : n + 300]
    data = (x[tr], y[tr], x[va], y[va])  # the test split is never touched while searching
    trials = knobs["trials"]
    seed = int(rng.integers(0, 2**31 - 1))
    results: list[tuple[float, float, float]] = []
    for t in range(trials):
        log_lr = rng.uniform(*LR_RANGE)
        log_wd = rng.uniform(*WD_RANGE)
        acc = trial(10**log_lr, 10**log_wd, data, knobs["epochs"], seed)
        results.append((log_lr, log_wd, acc))
        ranked = sorted(results, key=lambda r: -r[2])
        pts = np.array([[r[0], r[1]] for r in results])
        good = np.array([int(r[2] >= 0.8) for r in results])
        best = ranked[0]
        final = t == trials - 1
        plots = [
            Boundary(
                "trials: log10 lr (x) × log10 weight decay (y); x = val acc ≥ 80%",
                np.zeros((2, 2)),
                (*LR_RANGE, *WD_RANGE),
                pts,
                good,
                classes=True,
            ),
            Curves(
                "validation accuracy, best first",
                {"val acc": [r[2] for r in ranked]},
                xlabel="rank",
            ),
        ]
        metrics = {
            "best_val_acc": best[2],
            "best_lr": float(10 ** best[0]),
            "best_weight_decay": float(10 ** best[1]),
            "worst_val_acc": ranked[-1][2],
            "distinct_lr": len({round(r[0], 6) for r in results}),
        }
        if final:
            rows = [[f"{10 ** r[0]:.2e}", f"{10 ** r[1]:.2e}", f"{r[2]:.1%}"] for r in ranked[:5]]
            plots.append(Table("top 5 trials", ["lr", "weight decay", "val acc"], rows))
            # a 3×3-style grid with the same budget tries only √trials distinct learning rates
            metrics["grid_distinct_lr"] = int(np.floor(np.sqrt(trials)))
        yield Frame(
            step=t + 1,
            total=trials,
            plots=plots,
            metrics=metrics,
            final=final,
            message=(
                f"Best: lr {metrics['best_lr']:.2g}, weight decay {metrics['best_weight_decay']:.2g} → "
                f"{best[2]:.1%} on validation. {trials} random trials tried {metrics['distinct_lr']} "
                f"learning rates; a grid with the same budget tries only {metrics['grid_distinct_lr']}. "
                "Narrow the ranges around the good region and search again."
                if final
                else f"trial {t + 1}: lr {10**log_lr:.2g}, wd {10**log_wd:.2g} → {acc:.1%}"
            ),
        )


LAB = Lab(
    id="08-random-search",
    lesson="08",
    title_en="Random search over learning rate and weight decay",
    title_ja="学習率と Weight decay のランダムサーチ",
    summary_en="Sample hyper-parameters on a log scale, train briefly, and score each on the validation split.",
    summary_ja="ハイパーパラメータを対数スケールでランダムに選び、短く学習して検証データで評価する。",
    knobs=(
        int_knob("trials", 16, 2, 200, "Number of random trials.", "試行の回数。"),
        int_knob("epochs", 5, 1, 100, "Epochs per trial.", "1 試行あたりのエポック数。"),
        int_knob(
            "train_size", 500, 100, 1400, "Training samples per trial.", "1 試行の訓練データ数。"
        ),
    ),
    run_fn=run,
    quick={"trials": 10, "epochs": 4, "train_size": 400},
)
