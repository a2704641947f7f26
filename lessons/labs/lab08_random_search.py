"""08-random-search: sample learning rate × weight decay on a log scale, score on validation."""

from __future__ import annotations

import numpy as np

from dltutor.engine.layers import Dense
from dltutor.lessons.words import Words

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


WORDS = Words(
    "lab 08-random-search",
    {
        "en": {
            "lab_title": "Random search over learning rate and weight decay",
            "lab_summary": (
                "Sample hyper-parameters on a log scale, train briefly, and score each "
                "on the validation split."
            ),
            "knob_trials": "Number of random trials.",
            "knob_epochs": "Epochs per trial.",
            "knob_train_size": "Training samples per trial.",
            "trials": "trials: log10 lr (x) × log10 weight decay (y); x = val acc ≥ 80%",
            "curve": "validation accuracy, best first",
            "val_acc": "val acc",
            "rank": "rank",
            "table": "top 5 trials",
            "lr": "lr",
            "wd": "weight decay",
            "done": (
                "Best: lr {lr:.2g}, weight decay {wd:.2g} → {acc:.1%} on validation. "
                "{trials} random trials tried {distinct} learning rates; a grid with the "
                "same budget tries only {grid}. Narrow the ranges around the good region "
                "and search again."
            ),
            "step": "trial {i}: lr {lr:.2g}, wd {wd:.2g} → {acc:.1%}",
        },
        "ja": {
            "lab_title": "学習率と荷重減衰のランダムサーチ",
            "lab_summary": (
                "ハイパーパラメータを対数スケールでランダムに選び、"
                "短く学習して検証データで評価します。"
            ),
            "knob_trials": "試行の回数。",
            "knob_epochs": "1 試行あたりのエポック数。",
            "knob_train_size": "1 試行の訓練データ数。",
            "trials": "試行：log10 学習率（横）× log10 荷重減衰（縦）、x = 検証正解率 80% 以上",
            "curve": "検証正解率（良い順）",
            "val_acc": "検証正解率",
            "rank": "順位",
            "table": "上位 5 試行",
            "lr": "学習率",
            "wd": "荷重減衰",
            "done": (
                "最良：学習率 {lr:.2g}、荷重減衰 {wd:.2g} → 検証正解率 {acc:.1%}。"
                "ランダムな {trials} 回の試行で {distinct} 通りの学習率を試しました。"
                "同じ回数のグリッドサーチでは {grid} 通りだけです。良い領域のまわりに範囲を絞って、"
                "もう一度探しましょう。"
            ),
            "step": "試行 {i}：学習率 {lr:.2g}、荷重減衰 {wd:.2g} → {acc:.1%}",
        },
    },
)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
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
                txt["trials"],
                np.zeros((2, 2)),
                (*LR_RANGE, *WD_RANGE),
                pts,
                good,
                classes=True,
            ),
            Curves(
                txt["curve"],
                {txt["val_acc"]: [r[2] for r in ranked]},
                xlabel=txt["rank"],
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
            plots.append(Table(txt["table"], [txt["lr"], txt["wd"], txt["val_acc"]], rows))
            # a 3×3-style grid with the same budget tries only √trials distinct learning rates
            metrics["grid_distinct_lr"] = int(np.floor(np.sqrt(trials)))
        yield Frame(
            step=t + 1,
            total=trials,
            plots=plots,
            metrics=metrics,
            final=final,
            message=(
                txt["done"].format(
                    lr=metrics["best_lr"],
                    wd=metrics["best_weight_decay"],
                    acc=best[2],
                    trials=trials,
                    distinct=metrics["distinct_lr"],
                    grid=metrics["grid_distinct_lr"],
                )
                if final
                else txt["step"].format(i=t + 1, lr=10**log_lr, wd=10**log_wd, acc=acc)
            ),
        )


LAB = Lab(
    id="08-random-search",
    lesson="08",
    words=WORDS,
    knobs=(
        int_knob("trials", 16, 2, 200),
        int_knob("epochs", 5, 1, 100),
        int_knob("train_size", 500, 100, 1400),
    ),
    run_fn=run,
    quick={"trials": 10, "epochs": 4, "train_size": 400},
)
