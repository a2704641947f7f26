"""08-kfold: K-fold validation of a small regression net on the diabetes data, scored by MAE."""

from __future__ import annotations

import numpy as np

from dltutor.engine.data.sklearn_sets import load_diabetes
from dltutor.engine.data.split import Standardizer, kfold_indices
from dltutor.engine.layers import Dense
from dltutor.engine.training import EpochRecord
from dltutor.lessons.words import Words

from ._common import sequential
from .base import Curves, Frame, Lab, Table, float_knob, int_knob

WORDS = Words(
    "lab 08-kfold",
    {
        "en": {
            "lab_title": "K-fold validation on the diabetes data",
            "lab_summary": (
                "Split 442 patients into K folds, train K times, and average the validation MAE."
            ),
            "knob_k": "Number of folds K.",
            "knob_epochs": "Epochs per fold.",
            "knob_hidden": "Units per hidden layer.",
            "knob_lr": "Adam's learning rate.",
            "fold": "fold {i}",
            "mean": "mean ± std",
            "curve": "validation MAE per epoch",
            "epoch": "epoch",
            "table": "{k}-fold validation MAE (disease-progression units)",
            "fold_col": "fold",
            "network": "network",
            "baseline": "predict the mean",
            "done": (
                "Each sample is validated once; the K scores differ by ±{std:.1f}, which "
                "is why one hold-out split can mislead on a data set of 442 rows. Inputs "
                "were normalised with the training folds' statistics only."
            ),
            "step": "fold {i}: MAE {mae:.1f}",
        },
        "ja": {
            "lab_title": "diabetes データでの K 分割交差検証",
            "lab_summary": "442 人分の患者データを K 個に分け、K 回学習して検証 MAE を平均します。",
            "knob_k": "分割数 K。",
            "knob_epochs": "各フォールドのエポック数。",
            "knob_hidden": "隠れ層のユニット数。",
            "knob_lr": "Adam の学習率。",
            "fold": "フォールド {i}",
            "mean": "平均 ± 標準偏差",
            "curve": "エポックごとの検証 MAE",
            "epoch": "エポック",
            "table": "{k} 分割交差検証の MAE（病気の進行度の単位）",
            "fold_col": "フォールド",
            "network": "ネットワーク",
            "baseline": "平均値を予測",
            "done": (
                "どのサンプルもちょうど 1 回ずつ検証に使われます。K 個のスコアは ±{std:.1f} "
                "ばらつきます。442 行しかないデータで、"
                "1 回のホールドアウト分割だけでは判断を誤りかねないのはこのためです。"
                "入力は訓練フォールドの統計量だけで正規化しました。"
            ),
            "step": "フォールド {i}：MAE {mae:.1f}",
        },
    },
)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
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
            if isinstance(record, EpochRecord):
                pred = model.predict(xva) * scale + mean
                history.append(float(np.abs(pred - y[va]).mean()))
        curves[txt["fold"].format(i=fold + 1)] = history
        maes.append(history[-1])
        baselines.append(float(np.abs(mean - y[va]).mean()))
        final = fold == k - 1
        rows = [
            [txt["fold"].format(i=i + 1), f"{m:.1f}", f"{b:.1f}"]
            for i, (m, b) in enumerate(zip(maes, baselines, strict=True))
        ]
        rows.append(
            [
                txt["mean"],
                f"{np.mean(maes):.1f} ± {np.std(maes):.1f}",
                f"{np.mean(baselines):.1f}",
            ]
        )
        yield Frame(
            step=fold + 1,
            total=k,
            plots=[
                Curves(
                    txt["curve"],
                    {n: list(v) for n, v in curves.items()},
                    xlabel=txt["epoch"],
                ),
                Table(
                    txt["table"].format(k=k),
                    [txt["fold_col"], txt["network"], txt["baseline"]],
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
                txt["done"].format(std=np.std(maes))
                if final
                else txt["step"].format(i=fold + 1, mae=maes[-1])
            ),
        )


LAB = Lab(
    id="08-kfold",
    lesson="08",
    words=WORDS,
    knobs=(
        int_knob("k", 4, 2, 10),
        int_knob("epochs", 40, 1, 500),
        int_knob("hidden", 16, 2, 128),
        float_knob("lr", 0.003, 1e-5, 0.1),
    ),
    run_fn=run,
    quick={"epochs": 20},
)
