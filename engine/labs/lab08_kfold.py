"""08-kfold: K-fold validation of a small regression net on the diabetes data, scored by MAE."""

from __future__ import annotations

import numpy as np

from ..data.sklearn_sets import load_diabetes
from ..data.split import Standardizer, kfold_indices
from ..layers import Dense
from ._common import sequential
from .base import Curves, Frame, Lab, Table, float_knob, int_knob


def run(knobs, rng):
    x, y = load_diabetes()
    y = y.reshape(-1, 1)
    k, epochs = knobs["k"], knobs["epochs"]
    seed = int(rng.integers(0, 2**31 - 1))
    maes, baselines = [], []
    curves: dict[str, list[float]] = {}
    for fold, (tr, va) in enumerate(kfold_indices(len(x), k, shuffle=True, seed=seed)):
        scaler = Standardizer().fit(x[tr])  # statistics of the training folds only
        xtr, xva = scaler.transform(x[tr]), scaler.transform(x[va])
        mean, scale = float(y[tr].mean()), float(y[tr].std())
        ytr = ((y[tr] - mean) / scale).astype(np.float32)
        model = sequential(
            [
                Dense(knobs["hidden"], activation="relu"),
                Dense(knobs["hidden"], activation="relu"),
                Dense(1),
            ],
            x.shape[1],
            seed + fold,
            "mse",
            "adam",
            knobs["lr"],
            metrics=(),
        )
        history = []
        for record in model.fit(xtr, ytr, epochs=epochs, batch_size=16, seed=seed + fold):
            if record.kind == "epoch":
                pred = model.predict(xva) * scale + mean
                history.append(float(np.abs(pred - y[va]).mean()))
        curves[f"fold {fold + 1}"] = history
        maes.append(history[-1])
        baselines.append(float(np.abs(mean - y[va]).mean()))
        final = fold == k - 1
        rows = [
            [f"fold {i + 1}", f"{m:.1f}", f"{b:.1f}"]
            for i, (m, b) in enumerate(zip(maes, baselines, strict=True))
        ]
        rows.append(
            ["mean ± std", f"{np.mean(maes):.1f} ± {np.std(maes):.1f}", f"{np.mean(baselines):.1f}"]
        )
        yield Frame(
            step=fold + 1,
            total=k,
            plots=[
                Curves(
                    "validation MAE per epoch",
                    {n: list(v) for n, v in curves.items()},
                    xlabel="epoch",
                ),
                Table(
                    f"{k}-fold validation MAE (disease-progression units)",
                    ["fold", "network", "predict the mean"],
                    rows,
                ),
            ],
            metrics={
                "mean_mae": float(np.mean(maes)),
                "std_mae": float(np.std(maes)),
                "baseline_mae": float(np.mean(baselines)),
                "folds": len(maes),
            },
            final=final,
            message=(
                f"Each sample is validated once; the K scores differ by ±{np.std(maes):.1f}, which is why "
                "one hold-out split can mislead on a data set of 442 rows. Inputs were normalised with "
                "the training folds' statistics only."
                if final
                else f"fold {fold + 1}: MAE {maes[-1]:.1f}"
            ),
        )


LAB = Lab(
    id="08-kfold",
    lesson="08",
    title_en="K-fold validation on the diabetes data",
    title_ja="diabetes データでの K 分割交差検証",
    summary_en="Split 442 patients into K folds, train K times, and average the validation MAE.",
    summary_ja="442 人分のデータを K 個に分け、K 回学習して検証 MAE を平均する。",
    knobs=(
        int_knob("k", 4, 2, 10, "Number of folds K.", "分割数 K。"),
        int_knob("epochs", 40, 1, 500, "Epochs per fold.", "各分割のエポック数。"),
        int_knob("hidden", 16, 2, 128, "Units per hidden layer.", "隠れ層のユニット数。"),
        float_knob("lr", 0.003, 1e-5, 0.1, "Adam's learning rate.", "Adam の学習率。"),
    ),
    run_fn=run,
    quick={"epochs": 20},
)
