"""05-optimizer-curves: the same network trained on MNIST with each optimizer (DLFS chapter 6);
loss per step, test accuracy per epoch."""

from __future__ import annotations

import numpy as np

from dltutor.engine import optimizers
from dltutor.engine.layers import Dense
from dltutor.engine.training import EpochRecord
from dltutor.lessons.words import Words

from ._common import sequential, train_test_images
from .base import Curves, Frame, Lab, Table, choice_knob, float_knob, int_knob

# DLFS chapter 6's MNIST comparison: SGD 0.01, Momentum 0.01, AdaGrad 0.01, Adam 0.001
TEXTBOOK_LR = {
    "sgd": 0.01,
    "momentum": 0.01,
    "nesterov": 0.01,
    "adagrad": 0.01,
    "rmsprop": 0.001,
    "adam": 0.001,
}
SHOWN = ("sgd", "momentum", "adagrad", "rmsprop", "adam")

WORDS = Words(
    "lab 05-optimizer-curves",
    {
        "en": {
            "lab_title": "Optimizers compared on real data",
            "lab_summary": (
                "Train the same MLP with SGD, Momentum, AdaGrad, RMSProp and Adam and "
                "compare the loss curves."
            ),
            "knob_optimizer": "One optimizer or all of them.",
            "knob_lr": "Learning rate; 0 uses each optimizer's textbook rate.",
            "knob_epochs": "Passes over the training data.",
            "knob_batch_size": "Mini-batch size.",
            "knob_hidden": "Units per hidden layer.",
            "knob_layers": "Hidden layers.",
            "knob_data": "Data set: MNIST digits, as in the book, or Fashion-MNIST if installed.",
            "knob_train_size": "Training images.",
            "fashion": "Fashion-MNIST, {n} images",
            "mnist": "MNIST, {n} images",
            "loss": "training loss per step ({label})",
            "acc": "test accuracy per epoch",
            "step": "step",
            "epoch": "epoch",
            "table": "final",
            "optimizer": "optimizer",
            "lr": "lr",
            "train_loss": "train loss (last epoch)",
            "test_acc": "test accuracy",
            "message": (
                "Lowest training loss to highest: {order}. Plain SGD learns slowest at "
                "the textbook rates."
            ),
        },
        "ja": {
            "lab_title": "実データでオプティマイザを比べる",
            "lab_summary": (
                "同じ MLP を SGD・Momentum・AdaGrad・RMSProp・Adam で学習し、損失の曲線を比べます。"
            ),
            "knob_optimizer": "1 つのオプティマイザ、またはすべて。",
            "knob_lr": "学習率。0 なら各手法の教科書の値。",
            "knob_epochs": "エポック数。",
            "knob_batch_size": "ミニバッチのサイズ。",
            "knob_hidden": "隠れ層のユニット数。",
            "knob_layers": "隠れ層の数。",
            "knob_data": (
                "データセット（本と同じ MNIST の手書き数字、"
                "またはインストールされていれば Fashion-MNIST）。"
            ),
            "knob_train_size": "訓練画像の枚数。",
            "fashion": "Fashion-MNIST {n} 枚",
            "mnist": "MNIST {n} 枚",
            "loss": "ステップごとの訓練損失（{label}）",
            "acc": "エポックごとのテスト正解率",
            "step": "ステップ",
            "epoch": "エポック",
            "table": "最終結果",
            "optimizer": "最適化手法",
            "lr": "学習率",
            "train_loss": "訓練損失（最後のエポック）",
            "test_acc": "テスト正解率",
            "message": (
                "訓練損失の小さい順：{order}。教科書どおりの学習率では素の SGD が最も遅くなります。"
            ),
        },
    },
)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    names = SHOWN if knobs["optimizer"] == "all" else (knobs["optimizer"],)
    xtr, ytr, xte, yte = train_test_images(knobs["data"], knobs["train_size"], rng, flatten=True)
    loss_title = txt["loss"].format(label=txt[knobs["data"]].format(n=len(xtr)))
    seed = int(rng.integers(0, 2**31 - 1))
    epochs, batch = knobs["epochs"], knobs["batch_size"]
    runs = {}
    for n in names:
        layers = [
            Dense(knobs["hidden"], activation="relu", kernel_initializer="he_normal")
            for _ in range(knobs["layers"])
        ]
        model = sequential(
            [*layers, Dense(10)],
            xtr.shape[1],
            seed,
            "softmax_cross_entropy",
            n,
            knobs["lr"] or TEXTBOOK_LR[n],
        )
        runs[n] = model.fit(
            xtr, ytr, epochs=epochs, batch_size=batch, validation_data=(xte, yte), seed=seed
        )
    losses = {n: [] for n in names}
    val_acc = {n: [] for n in names}
    steps_per_epoch = int(np.ceil(len(xtr) / batch))
    total = epochs * steps_per_epoch
    live = set(names)
    step = 0
    while live:
        for n in list(live):
            record = next(runs[n], None)
            while record is not None and isinstance(record, EpochRecord):
                val_acc[n].append(float(record.val_metrics["accuracy"]))
                record = next(runs[n], None)
            if record is None:
                live.discard(n)
                continue
            losses[n].append(float(record.loss))
        step += 1
        if step % max(1, steps_per_epoch // 2) == 0 or not live:
            yield Frame(
                step=min(step, total),
                total=total,
                plots=[
                    Curves(
                        loss_title,
                        {n: list(v) for n, v in losses.items()},
                        xlabel=txt["step"],
                        logy=True,
                        smoothing=0.6,
                    ),
                    Curves(
                        txt["acc"],
                        {n: list(v) for n, v in val_acc.items()},
                        xlabel=txt["epoch"],
                    ),
                ],
                metrics={
                    f"{n}_loss": float(np.mean(v[-steps_per_epoch:]))
                    for n, v in losses.items()
                    if v
                },
            )
    k = steps_per_epoch
    final_loss = {n: float(np.mean(v[-k:])) for n, v in losses.items()}
    rows = [
        [n, f"{knobs['lr'] or TEXTBOOK_LR[n]:g}", f"{final_loss[n]:.3f}", f"{val_acc[n][-1]:.1%}"]
        for n in names
    ]
    metrics = {f"{n}_loss": final_loss[n] for n in names} | {
        f"{n}_test_acc": val_acc[n][-1] for n in names
    }
    order = sorted(names, key=final_loss.get)
    yield Frame(
        step=total,
        total=total,
        final=True,
        plots=[
            Curves(loss_title, losses, xlabel=txt["step"], logy=True, smoothing=0.6),
            Curves(txt["acc"], val_acc, xlabel=txt["epoch"]),
            Table(
                txt["table"],
                [txt["optimizer"], txt["lr"], txt["train_loss"], txt["test_acc"]],
                rows,
            ),
        ],
        metrics=metrics,
        message=txt["message"].format(order=", ".join(order)),
    )


LAB = Lab(
    id="05-optimizer-curves",
    lesson="05",
    words=WORDS,
    knobs=(
        choice_knob("optimizer", "all", ("all", *optimizers.NAMES)),
        float_knob("lr", 0.0, 0.0, 1.0),
        int_knob("epochs", 8, 1, 100),
        int_knob("batch_size", 64, 8, 1024),
        int_knob("hidden", 100, 8, 512),
        int_knob("layers", 3, 1, 6),
        int_knob("train_size", 2000, 100, 3500),
        choice_knob("data", "mnist", ("mnist", "fashion")),
    ),
    run_fn=run,
    quick={"epochs": 3, "hidden": 50, "layers": 2},
)
