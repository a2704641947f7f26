"""06-batchnorm: the same deep net with and without batch normalisation, trained on 1,000 MNIST
digits as in DLFS chapter 6."""

from __future__ import annotations

from dltutor.engine.layers import BatchNormalization, Dense, ReLU
from dltutor.engine.training import EpochRecord
from dltutor.lessons.words import Words

from ._common import mnist, sequential
from .base import Curves, Frame, Lab, Table, choice_knob, float_knob, int_knob


def build(batchnorm: bool, knobs, seed: int):
    layers = []
    for _ in range(knobs["layers"]):
        layers.append(Dense(knobs["hidden"], kernel_initializer=knobs["init_std"]))
        if batchnorm:
            layers.append(BatchNormalization(momentum=0.9))
        layers.append(ReLU())
    layers.append(Dense(10))
    return sequential(layers, 784, seed, "softmax_cross_entropy", knobs["optimizer"], knobs["lr"])


WORDS = Words(
    "lab 06-batchnorm",
    {
        "en": {
            "lab_title": "Training with and without batch normalisation",
            "lab_summary": (
                "A deep ReLU net with a poor weight scale: batch norm makes it learn "
                "fast, without it it stalls."
            ),
            "knob_init_std": "Standard deviation of the initial weights.",
            "knob_layers": "Hidden layers.",
            "knob_hidden": "Units per hidden layer.",
            "knob_epochs": "Passes over the training data.",
            "knob_train_size": "MNIST training images.",
            "knob_batch_size": "Mini-batch size.",
            "knob_optimizer": "Optimizer.",
            "knob_lr": "Learning rate.",
            "with": "with batch norm",
            "without": "without",
            "curve": "training accuracy on {n} MNIST images (weights std {std:g})",
            "epoch_label": "epoch",
            "table": "after training",
            "model": "model",
            "train_acc": "train acc",
            "test_acc": "test acc",
            "to80": "epochs to 80%",
            "done": (
                "Batch norm re-centres and re-scales each layer's inputs per mini-batch, "
                "so the deep net learns quickly even from a poor weight scale; without "
                "it, learning stalls."
            ),
            "epoch": "epoch {epoch}",
        },
        "ja": {
            "lab_title": "Batch Normalization あり・なしの学習",
            "lab_summary": (
                "重みのスケールが悪い深い ReLU ネットです。Batch Norm "
                "があれば速く学習し、なければ停滞します。"
            ),
            "knob_init_std": "重みの初期値の標準偏差。",
            "knob_layers": "隠れ層の数。",
            "knob_hidden": "隠れ層のユニット数。",
            "knob_epochs": "エポック数。",
            "knob_train_size": "MNIST 訓練画像の枚数。",
            "knob_batch_size": "ミニバッチのサイズ。",
            "knob_optimizer": "オプティマイザ。",
            "knob_lr": "学習率。",
            "with": "Batch Norm あり",
            "without": "なし",
            "curve": "MNIST 訓練画像 {n} 枚での正解率（重みの標準偏差 {std:g}）",
            "epoch_label": "エポック",
            "table": "学習後",
            "model": "モデル",
            "train_acc": "訓練正解率",
            "test_acc": "テスト正解率",
            "to80": "80% までのエポック数",
            "done": (
                "Batch Normalization はミニバッチごとに各層の入力を平均 0・分散 1 "
                "にそろえ直すので、"
                "重みの初期値のスケールが悪くても深いネットワークが速く学習します。"
                "なしでは学習が停滞します。"
            ),
            "epoch": "エポック {epoch}",
        },
    },
)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    xtr, ytr = mnist("train", knobs["train_size"], rng, flatten=True)
    xte, yte = mnist("test", flatten=True)
    seed = int(rng.integers(0, 2**31 - 1))
    models = {"with_batch_norm": build(True, knobs, seed), "without": build(False, knobs, seed)}
    shown = {"with_batch_norm": txt["with"], "without": txt["without"]}
    epochs = knobs["epochs"]
    runs = {
        k: m.fit(xtr, ytr, epochs=epochs, batch_size=knobs["batch_size"], seed=seed)
        for k, m in models.items()
    }
    train_acc = {k: [] for k in models}
    test_acc = {k: [] for k in models}
    for epoch in range(1, epochs + 1):
        for k, model in models.items():
            for record in runs[k]:
                if isinstance(record, EpochRecord):
                    break
            train_acc[k].append(model.evaluate(xtr, ytr)["accuracy"])
            test_acc[k].append(model.evaluate(xte, yte)["accuracy"])
        final = epoch == epochs
        plots = [
            Curves(
                txt["curve"].format(n=len(xtr), std=knobs["init_std"]),
                {shown[k]: list(v) for k, v in train_acc.items()},
                xlabel=txt["epoch_label"],
            )
        ]
        metrics = {f"{k}_train_acc": v[-1] for k, v in train_acc.items()}
        metrics |= {f"{k}_test_acc": v[-1] for k, v in test_acc.items()}
        # epochs until 80% training accuracy: how much faster batch norm learns
        for k, v in train_acc.items():
            reached = next((i + 1 for i, a in enumerate(v) if a >= 0.8), None)
            metrics[f"{k}_epochs_to_80"] = float(reached) if reached else float("nan")
        if final:
            rows = [
                [
                    shown[k],
                    f"{train_acc[k][-1]:.1%}",
                    f"{test_acc[k][-1]:.1%}",
                    metrics[f"{k}_epochs_to_80"],
                ]
                for k in models
            ]
            plots.append(
                Table(
                    txt["table"],
                    [txt["model"], txt["train_acc"], txt["test_acc"], txt["to80"]],
                    rows,
                )
            )
        yield Frame(
            step=epoch,
            total=epochs,
            plots=plots,
            metrics=metrics,
            final=final,
            message=txt["done"] if final else txt["epoch"].format(epoch=epoch),
        )


LAB = Lab(
    id="06-batchnorm",
    lesson="06",
    words=WORDS,
    knobs=(
        float_knob("init_std", 0.01, 1e-4, 2.0),
        int_knob("layers", 5, 1, 10),
        int_knob("hidden", 100, 10, 300),
        int_knob("epochs", 10, 1, 200),
        int_knob("train_size", 1000, 100, 3500),
        int_knob("batch_size", 50, 8, 500),
        choice_knob("optimizer", "sgd", ("sgd", "momentum", "adam")),
        float_knob("lr", 0.05, 1e-5, 1.0),
    ),
    run_fn=run,
    quick={"epochs": 4, "train_size": 600},
)
