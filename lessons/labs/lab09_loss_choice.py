"""09-loss-choice: last-layer activation and loss for three tasks, each trained briefly."""

from __future__ import annotations

import numpy as np

from dltutor.engine.data.sklearn_sets import load_breast_cancer, load_diabetes
from dltutor.engine.data.split import Standardizer
from dltutor.engine.layers import Dense
from dltutor.engine.training import EpochRecord
from dltutor.lessons.words import Words

from ._common import digits, sequential, split
from .base import Curves, Frame, Lab, Table, choice_knob, int_knob

# the tasks in the order they run; each one's data, output layer and loss are words
TASKS = ("binary", "multiclass", "regression")
WORDS = Words(
    "lab 09-loss-choice",
    {
        "en": {
            "data_binary": "breast cancer (2 classes)",
            "act_binary": "sigmoid (1 unit)",
            "loss_binary": "binary cross-entropy",
            "data_multiclass": "digits (10 classes, one label)",
            "act_multiclass": "softmax (10 units)",
            "loss_multiclass": "categorical cross-entropy",
            "data_regression": "diabetes progression (a number)",
            "act_regression": "none (1 unit)",
            "loss_regression": "mean squared error",
            "lab_title": "Choosing the last activation and the loss",
            "lab_summary": (
                "Train a binary classifier, a 10-class classifier and a regressor, each "
                "with its matching head and loss."
            ),
            "knob_task": "Which task(s) to train.",
            "knob_epochs": "Epochs per task.",
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
            "message": (
                "Binary: sigmoid + binary cross-entropy. One label among many: softmax + "
                "categorical cross-entropy (sparse form for integer labels). A number: "
                "no activation + MSE, with MAE as the readable metric. (The engine folds "
                "sigmoid/softmax into the loss for stability.)"
            ),
        },
        "ja": {
            "data_binary": "乳がん（2 クラス）",
            "act_binary": "sigmoid（1 ユニット）",
            "loss_binary": "2 値の交差エントロピー",
            "data_multiclass": "手書き数字（10 クラス、ラベル 1 つ）",
            "act_multiclass": "softmax（10 ユニット）",
            "loss_multiclass": "カテゴリカル交差エントロピー",
            "data_regression": "糖尿病の進行度（数値）",
            "act_regression": "なし（1 ユニット）",
            "loss_regression": "平均二乗誤差",
            "lab_title": "最後の活性化関数と損失関数の選び方",
            "lab_summary": (
                "2 値分類・10 クラス分類・回帰を、それぞれに合う出力層と損失関数で学習します。"
            ),
            "knob_task": "学習するタスク。",
            "knob_epochs": "タスクごとのエポック数。",
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
            "message": (
                "2 値分類：sigmoid + 2 値の交差エントロピー。多数のラベルから 1 つ："
                "softmax + カテゴリカル交差エントロピー（整数ラベルなら sparse 版）。数値の予測："
                "活性化関数なし + 平均二乗誤差（MSE）で、読みやすい指標として MAE を使います。"
                "（エンジンは数値の安定のため、sigmoid/softmax を損失関数に組み込んでいます。）"
            ),
        },
    },
)


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
    txt = WORDS.of(lang)
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
            if isinstance(record, EpochRecord):
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
        data_name, act, loss_name = (txt[f"{part}_{task}"] for part in ("data", "act", "loss"))
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
    words=WORDS,
    knobs=(
        choice_knob("task", "all", ("all", *TASKS)),
        int_knob("epochs", 15, 1, 200),
    ),
    run_fn=run,
    quick={"epochs": 8},
)
