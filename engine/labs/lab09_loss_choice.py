"""09-loss-choice: last-layer activation and loss for three tasks, each trained briefly."""

from __future__ import annotations

import numpy as np

from ..data.sklearn_sets import load_breast_cancer, load_diabetes
from ..data.split import Standardizer
from ..layers import Dense
from ._common import digits, sequential, split
from .base import Curves, Frame, Lab, Table, choice_knob, int_knob, texts

TASKS = {
    "binary": (
        "breast cancer (2 classes)",
        "sigmoid (1 unit)",
        "binary cross-entropy",
        "binary_accuracy",
    ),
    "multiclass": (
        "digits (10 classes, one label)",
        "softmax (10 units)",
        "categorical cross-entropy",
        "accuracy",
    ),
    "regression": ("diabetes progression (a number)", "none (1 unit)", "mean squared error", "mae"),
}
TASKS_JA = {
    "binary": ("乳がん（2 クラス）", "sigmoid（1 ユニット）", "2 値交差エントロピー"),
    "multiclass": (
        "手書き数字（10 クラス、ラベル 1 つ）",
        "softmax（10 ユニット）",
        "多クラス交差エントロピー",
    ),
    "regression": ("糖尿病の進行度（数値）", "なし（1 ユニット）", "平均二乗誤差"),
}
TEXT = {
    "en": {
        "mae": "MAE {score:.1f} (predicting the mean: {baseline:.1f})",
        "acc": "accuracy {score:.1%}",
        "table": "task → last layer → loss",
        "task": "task",
        "act": "last activation",
        "loss": "loss",
        "result": "test result",
        "curve": "training loss per epoch",
        "epoch": "epoch",
        "binary": "binary",
        "multiclass": "multiclass",
        "regression": "regression",
        "message": "Binary: sigmoid + binary cross-entropy. One label among many: softmax + "
        "categorical cross-entropy (sparse form for integer labels). A number: no activation + "
        "MSE, with MAE as the readable metric. (The engine folds sigmoid/softmax into the loss "
        "for stability.)",
    },
    "ja": {
        "mae": "MAE {score:.1f}（平均値を予測すると {baseline:.1f}）",
        "acc": "正解率 {score:.1%}",
        "table": "タスク → 出力層 → 損失関数",
        "task": "タスク",
        "act": "出力層の活性化関数",
        "loss": "損失関数",
        "result": "テストの結果",
        "curve": "エポックごとの訓練損失",
        "epoch": "エポック",
        "binary": "2 値分類",
        "multiclass": "多クラス分類",
        "regression": "回帰",
        "message": "2 値分類：sigmoid + 2 値交差エントロピー。多クラスから 1 つ：softmax + "
        "多クラス交差エントロピー（整数ラベルなら sparse 版）。数値の予測：活性化関数なし + "
        "平均二乗誤差（MSE）、読みやすい指標として MAE。（エンジンは数値の安定のため "
        "sigmoid/softmax を損失関数に組み込んでいる。）",
    },
}


def data(task: str, rng):
    if task == "binary":
        x, y = load_breast_cancer()
        y = y.reshape(-1, 1).astype(np.float32)
    elif task == "multiclass":
        x, y = digits()
    else:
        x, y = load_diabetes()
        y = y.reshape(-1, 1)
    xtr, ytr, xte, yte = split(x, y, 0.25, rng)
    scaler = Standardizer().fit(xtr)
    return scaler.transform(xtr), ytr, scaler.transform(xte), yte


def run(knobs, rng, lang="en"):
    txt = texts(TEXT, lang)
    tasks = list(TASKS) if knobs["task"] == "all" else [knobs["task"]]
    epochs = knobs["epochs"]
    rows, metrics, curves = [], {}, {}
    for k, task in enumerate(tasks):
        xtr, ytr, xte, yte = data(task, rng)
        seed = int(rng.integers(0, 2**31 - 1))
        if task == "binary":
            head, loss, metric = Dense(1), "binary_cross_entropy", "binary_accuracy"
        elif task == "multiclass":
            head, loss, metric = Dense(10), "softmax_cross_entropy", "accuracy"
        else:
            head, loss, metric = Dense(1), "mse", "mae"
        mean, scale = (float(ytr.mean()), float(ytr.std())) if task == "regression" else (0.0, 1.0)
        target = ((ytr - mean) / scale).astype(np.float32) if task == "regression" else ytr
        model = sequential(
            [Dense(32, activation="relu"), head],
            xtr.shape[1],
            seed,
            loss,
            "adam",
            0.01,
            metrics=(metric,),
        )
        history = []
        for record in model.fit(xtr, target, epochs=epochs, batch_size=32, seed=seed):
            if record.kind == "epoch":
                history.append(float(record.loss))
        curves[txt[task]] = history
        if task == "regression":
            pred = model.predict(xte) * scale + mean
            score = float(np.abs(pred - yte).mean())
            baseline = float(np.abs(mean - yte).mean())
            metrics["regression_mae"], metrics["regression_baseline_mae"] = score, baseline
            shown = txt["mae"].format(score=score, baseline=baseline)
        else:
            score = float(model.evaluate(xte, yte)[metric])
            metrics[f"{task}_accuracy"] = score
            shown = txt["acc"].format(score=score)
        data_name, act, loss_name = TASKS_JA[task] if lang == "ja" else TASKS[task][:3]
        rows.append([data_name, act, loss_name, shown])
        yield Frame(
            step=k + 1,
            total=len(tasks),
            plots=[
                Table(
                    txt["table"],
                    [txt["task"], txt["act"], txt["loss"], txt["result"]],
                    list(rows),
                ),
                Curves(
                    txt["curve"],
                    {t: list(v) for t, v in curves.items()},
                    xlabel=txt["epoch"],
                    logy=True,
                ),
            ],
            metrics=dict(metrics),
            final=k == len(tasks) - 1,
            message=txt["message"],
        )


LAB = Lab(
    id="09-loss-choice",
    lesson="09",
    title_en="Choosing the last activation and the loss",
    title_ja="最後の活性化関数と損失関数の選び方",
    summary_en="Train a binary classifier, a 10-class classifier and a regressor, each with its matching head and loss.",
    summary_ja="2 値分類・10 クラス分類・回帰を、それぞれに合う出力層と損失関数で学習する。",
    knobs=(
        choice_knob("task", "all", ("all", *TASKS), "Which task(s) to train.", "学習するタスク。"),
        int_knob("epochs", 15, 1, 200, "Epochs per task.", "タスクごとのエポック数。"),
    ),
    run_fn=run,
    quick={"epochs": 8},
)
