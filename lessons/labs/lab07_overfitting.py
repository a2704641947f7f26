"""07-overfitting: a 7-layer net (6 hidden + output) overfits 300 training samples; weight decay
and dropout close the train/test gap. The data are 300 MNIST digits, as in DLFS chapter 6, or
two interleaved half-moons with heavy noise, where memorising the training points shows as a
ragged decision boundary."""

from __future__ import annotations

import numpy as np

from dltutor.engine.functions import softmax
from dltutor.engine.layers import Dense, Dropout
from dltutor.engine.training import EpochRecord
from dltutor.lessons.words import Words

from ._common import grid_points, mnist, sequential
from .base import Boundary, Curves, Frame, Lab, Table, choice_knob, float_knob, int_knob

EXTENT = (-1.6, 2.6, -1.4, 1.9)


def moons(n: int, noise: float, rng: np.random.Generator):
    """scikit-learn's make_moons, drawn from our generator."""
    from sklearn.datasets import make_moons

    x, y = make_moons(n, noise=noise, random_state=int(rng.integers(0, 2**31 - 1)))
    return x.astype(np.float32), y.astype(np.int64)


def load(knobs, rng: np.random.Generator):
    """(x_train, y_train, x_test, y_test, classes) for the chosen data."""
    n = knobs["train_size"]
    if knobs["data"] == "moons":
        xtr, ytr = moons(n, knobs["noise"], rng)
        xte, yte = moons(1000, knobs["noise"], rng)
        return xtr, ytr, xte, yte, 2
    xtr, ytr = mnist("train", n, rng, flatten=True)
    xte, yte = mnist("test", flatten=True)
    return xtr, ytr, xte, yte, 10


def build(kind: str, knobs, seed: int, inputs: int, classes: int):
    layers = []
    for i in range(knobs["layers"]):
        layers.append(Dense(knobs["hidden"], activation="relu", kernel_initializer="he_normal"))
        if kind == "dropout":
            layers.append(Dropout(knobs["dropout"], seed=seed + i))
    layers.append(Dense(classes))
    wd = knobs["weight_decay"] if kind == "weight decay" else 0.0
    return sequential(
        layers,
        inputs,
        seed,
        "softmax_cross_entropy",
        knobs["optimizer"],
        knobs["lr"],
        weight_decay=wd,
    )


WORDS = Words(
    "lab 07-overfitting",
    {
        "en": {
            "lab_title": "Overfitting, weight decay and dropout",
            "lab_summary": (
                "Overfit 300 MNIST digits (or noisy half-moons) with a 7-layer net, then "
                "add weight decay or dropout and watch the gap."
            ),
            "knob_regularizer": "Which runs to show.",
            "knob_dropout": "Dropout rate after each hidden layer.",
            "knob_weight_decay": "L2 strength λ (penalty λ/2·ΣW²).",
            "knob_epochs": "Passes over the training data.",
            "knob_train_size": "Training samples.",
            "knob_noise": "Noise of the half-moons (data=moons).",
            "knob_data": (
                "MNIST digits, as in the book, or 2-D half-moons with a boundary map "
                "(for them set optimizer=adam, lr=0.003, weight_decay=0.003, dropout=0.3, "
                "batch_size=50, epochs=120)."
            ),
            "mnist": "MNIST",
            "moons": "half-moons",
            "knob_layers": "Hidden layers (plus the output layer).",
            "knob_hidden": "Units per hidden layer.",
            "knob_batch_size": "Mini-batch size.",
            "knob_optimizer": "Optimizer.",
            "knob_lr": "Learning rate.",
            "none": "none",
            "weight decay": "weight decay",
            "dropout": "dropout",
            "train": "{kind} train",
            "test": "{kind} test",
            "curve": "accuracy ({data}): {n} training samples vs {m} held out",
            "epoch": "epoch",
            "boundary": "{kind}: P(class 1)",
            "table": "train − test gap (mean of the last 5 epochs)",
            "regularizer": "regularizer",
            "train_acc": "train acc",
            "test_acc": "test acc",
            "gap": "gap",
            "done": (
                "Without regularisation the network memorises its few training samples "
                "(on the half-moons its boundary bends around noisy points): high "
                "training accuracy, a wide gap to the held-out data. Weight decay and "
                "dropout keep the weights small or the units from co-adapting, and the "
                "gap shrinks."
            ),
            "gap_line": "{kind} gap {gap:+.1%}",
        },
        "ja": {
            "lab_title": "過学習と荷重減衰・ドロップアウト",
            "lab_summary": (
                "MNIST の手書き数字 300 枚（またはノイズの多い半月形データ）"
                "を 7 層のネットワークで過学習させ、荷重減衰やドロップアウトで差を縮めます。"
            ),
            "knob_regularizer": "表示する実験。",
            "knob_dropout": "各隠れ層の後のドロップアウト率。",
            "knob_weight_decay": "L2 正則化の強さ λ（ペナルティ λ/2·ΣW²）。",
            "knob_epochs": "エポック数。",
            "knob_train_size": "訓練データの数。",
            "knob_noise": "半月形データのノイズの大きさ（data=moons のとき）。",
            "knob_data": (
                "本と同じ MNIST の手書き数字か、決定境界を描ける 2 次元の半月形データです"
                "（半月形では optimizer=adam、lr=0.003、weight_decay=0.003、dropout=0.3、"
                "batch_size=50、epochs=120 に設定してください）。"
            ),
            "mnist": "MNIST",
            "moons": "半月形データ",
            "knob_layers": "隠れ層の数（出力層は別）。",
            "knob_hidden": "隠れ層のユニット数。",
            "knob_batch_size": "ミニバッチのサイズ。",
            "knob_optimizer": "オプティマイザ。",
            "knob_lr": "学習率。",
            "none": "正則化なし",
            "weight decay": "荷重減衰",
            "dropout": "ドロップアウト",
            "train": "{kind} 訓練",
            "test": "{kind} テスト",
            "curve": "正解率（{data}）：訓練データ {n} 件と取り分けた {m} 件",
            "epoch": "エポック",
            "boundary": "{kind}：P(クラス 1)",
            "table": "訓練とテストの差（最後の 5 エポックの平均）",
            "regularizer": "正則化",
            "train_acc": "訓練正解率",
            "test_acc": "テスト正解率",
            "gap": "差",
            "done": (
                "正則化がないと、ネットワークは少ない訓練データを丸暗記します（半月形データでは、"
                "ノイズの多い点に合わせて決定境界が曲がります）。訓練正解率は高く、取り分けた"
                "データとの差が大きくなります。荷重減衰（Weight decay）は重みを小さく保ち、"
                "ドロップアウトはユニットどうしのもたれ合いを防ぐので、差が縮まります。"
            ),
            "gap_line": "{kind} の差 {gap:+.1%}",
        },
    },
)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    xtr, ytr, xte, yte, classes = load(knobs, rng)
    n, boundaries = len(xtr), knobs["data"] == "moons"
    kinds = (
        ("none", "weight decay", "dropout")
        if knobs["regularizer"] == "compare"
        else (knobs["regularizer"],)
    )
    seed = int(rng.integers(0, 2**31 - 1))
    epochs = knobs["epochs"]
    curves = {k: {"train": [], "test": []} for k in kinds}
    models = {k: build(k, knobs, seed, xtr.shape[1], classes) for k in kinds}
    runs = {
        k: models[k].fit(xtr, ytr, epochs=epochs, batch_size=knobs["batch_size"], seed=seed)
        for k in kinds
    }
    grid_x, g = grid_points(EXTENT, 50)
    every = max(1, epochs // 20)
    measured: list[float] = []  # the epochs whose accuracies are measured
    for epoch in range(1, epochs + 1):
        for k in kinds:
            for record in runs[k]:
                if isinstance(record, EpochRecord):
                    break
        shown = epoch % every == 0 or epoch == epochs
        if not shown and epoch <= epochs - 5:  # the last 5 epochs are all measured: the gap
            continue
        measured.append(float(epoch))
        for k in kinds:
            curves[k]["train"].append(models[k].evaluate(xtr, ytr)["accuracy"])
            curves[k]["test"].append(models[k].evaluate(xte, yte)["accuracy"])
        if not shown:
            continue
        series = {}
        for k in kinds:
            series[txt["train"].format(kind=txt[k])] = list(curves[k]["train"])
            series[txt["test"].format(kind=txt[k])] = list(curves[k]["test"])
        last = min(5, len(measured))
        gaps = {
            k: float(np.mean(np.array(c["train"][-last:]) - np.array(c["test"][-last:])))
            for k, c in curves.items()
        }
        key = {k: k.replace(" ", "_") for k in kinds}
        metrics = {f"gap_{key[k]}": g_ for k, g_ in gaps.items()}
        metrics |= {f"train_acc_{key[k]}": curves[k]["train"][-1] for k in kinds}
        metrics |= {f"test_acc_{key[k]}": curves[k]["test"][-1] for k in kinds}
        title = txt["curve"].format(data=txt[knobs["data"]], n=n, m=len(xte))
        plots = [Curves(title, series, xlabel=txt["epoch"], x=list(measured))]
        for k in kinds if boundaries else ():
            logits = models[k].predict(grid_x)  # the model ends in Dense(2): logits
            prob = softmax(logits.astype(np.float64))[:, 1].reshape(g, g)
            plots.append(
                Boundary(txt["boundary"].format(kind=txt[k]), prob, EXTENT, xtr[:150], ytr[:150])
            )
        final = epoch == epochs
        if final:
            rows = [
                [
                    txt[k],
                    f"{curves[k]['train'][-1]:.1%}",
                    f"{curves[k]['test'][-1]:.1%}",
                    f"{gaps[k]:+.1%}",
                ]
                for k in kinds
            ]
            plots.append(
                Table(
                    txt["table"],
                    [txt["regularizer"], txt["train_acc"], txt["test_acc"], txt["gap"]],
                    rows,
                )
            )
        yield Frame(
            step=epoch,
            total=epochs,
            plots=plots,
            metrics=metrics,
            final=final,
            message=(
                txt["done"]
                if final
                else "; ".join(
                    txt["gap_line"].format(kind=txt[k], gap=g_) for k, g_ in gaps.items()
                )
            ),
        )


LAB = Lab(
    id="07-overfitting",
    lesson="07",
    words=WORDS,
    knobs=(
        choice_knob("regularizer", "compare", ("compare", "none", "weight decay", "dropout")),
        float_knob("dropout", 0.2, 0.0, 0.9),
        float_knob("weight_decay", 0.1, 0.0, 1.0),
        int_knob("epochs", 200, 1, 1000),
        int_knob("train_size", 300, 30, 3000),
        choice_knob("data", "mnist", ("mnist", "moons")),
        float_knob("noise", 0.35, 0.0, 1.0),
        int_knob("layers", 6, 1, 10),
        int_knob("hidden", 100, 10, 300),
        int_knob("batch_size", 100, 8, 300),
        choice_knob("optimizer", "sgd", ("sgd", "momentum", "adam", "rmsprop")),
        float_knob("lr", 0.01, 1e-5, 1.0),
    ),
    run_fn=run,
    quick={"epochs": 100},
)
