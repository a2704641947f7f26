"""10-cnn-train: a small CNN (conv → ReLU → pool → dense, like DLFS's SimpleConvNet) trained live
on MNIST digits; filters drawn as it learns."""

from __future__ import annotations

import numpy as np

from dltutor.engine.layers import Conv2D, Dense, Flatten, MaxPooling2D
from dltutor.engine.training import EpochRecord
from dltutor.lessons.words import Words

from ._common import sequential, train_test_images
from .base import (
    Curves,
    Frame,
    Images,
    Lab,
    Table,
    choice_knob,
    float_knob,
    int_knob,
)

WORDS = Words(
    "lab 10-cnn-train",
    {
        "en": {
            "lab_title": "Train a small CNN live",
            "lab_summary": (
                "Conv, ReLU, max pooling and a dense classifier on MNIST digits (or "
                "Fashion-MNIST), with its filters."
            ),
            "knob_epochs": "Passes over the training data.",
            "knob_filters": "Filters in the conv layer.",
            "knob_kernel": "Filter size.",
            "knob_hidden": "Units of the dense layer.",
            "knob_train_size": "Training images.",
            "knob_batch_size": "Mini-batch size.",
            "knob_optimizer": "Optimizer.",
            "knob_lr": "Learning rate.",
            "knob_data": "MNIST digits, as in the book, or Fashion-MNIST if installed.",
            "fashion": "Fashion-MNIST, {n} images",
            "mnist": "MNIST, {n} images",
            "filters": "first-layer filters ({n} filters, {k}×{k})",
            "maps": "feature maps of one test image",
            "input": "input",
            "map": "map {i}",
            "loss_curve": "loss per step ({label})",
            "loss": "loss",
            "step": "step",
            "acc_curve": "accuracy per epoch",
            "train": "train",
            "test": "test",
            "epoch": "epoch",
            "params": "parameters",
            "train_acc": "train accuracy",
            "test_acc": "test accuracy",
            "table": "result",
            "message": (
                "Conv → ReLU → pool → dense: the filters start as noise and turn into "
                "stroke and edge detectors."
            ),
        },
        "ja": {
            "lab_title": "小さな CNN をその場で学習する",
            "lab_summary": (
                "畳み込み・ReLU・Max プーリング・全結合の CNN を MNIST の手書き数字（または "
                "Fashion-MNIST）で学習し、フィルターも見ます。"
            ),
            "knob_epochs": "エポック数。",
            "knob_filters": "畳み込み層のフィルター数。",
            "knob_kernel": "フィルターのサイズ。",
            "knob_hidden": "全結合層のユニット数。",
            "knob_train_size": "訓練画像の数。",
            "knob_batch_size": "ミニバッチのサイズ。",
            "knob_optimizer": "オプティマイザ。",
            "knob_lr": "学習率。",
            "knob_data": (
                "本と同じ MNIST の手書き数字、またはインストールされていれば Fashion-MNIST。"
            ),
            "fashion": "Fashion-MNIST {n} 枚",
            "mnist": "MNIST {n} 枚",
            "filters": "第 1 層のフィルター（{n} 枚、{k}×{k}）",
            "maps": "テスト画像 1 枚の特徴マップ",
            "input": "入力",
            "map": "マップ {i}",
            "loss_curve": "ステップごとの損失（{label}）",
            "loss": "損失",
            "step": "ステップ",
            "acc_curve": "エポックごとの正解率",
            "train": "訓練",
            "test": "テスト",
            "epoch": "エポック",
            "params": "パラメータ数",
            "train_acc": "訓練正解率",
            "test_acc": "テスト正解率",
            "table": "結果",
            "message": (
                "畳み込み → ReLU → プーリング → 全結合。"
                "フィルターは最初はノイズですが、"
                "学習につれて線やエッジを検出するものに変わっていきます。"
            ),
        },
    },
)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    xtr, ytr, xte, yte = train_test_images(knobs["data"], knobs["train_size"], rng)
    loss_title = txt["loss_curve"].format(label=txt[knobs["data"]].format(n=len(xtr)))
    size = xtr.shape[-1]
    k = knobs["kernel"]
    seed = int(rng.integers(0, 2**31 - 1))
    model = sequential(
        [
            Conv2D(
                knobs["filters"],
                k,
                padding="same",
                activation="relu",
                kernel_initializer="he_normal",
            ),
            MaxPooling2D(2),
            Flatten(),
            Dense(knobs["hidden"], activation="relu"),
            Dense(10),
        ],
        xtr.shape[1:],
        seed,
        "softmax_cross_entropy",
        knobs["optimizer"],
        knobs["lr"],
    )
    conv = model.layers[0]
    epochs, batch = knobs["epochs"], knobs["batch_size"]
    steps_per_epoch = int(np.ceil(len(xtr) / batch))
    total = epochs * steps_per_epoch
    losses: list[float] = []
    train_acc: list[float] = []
    val_acc: list[float] = []
    sample = xte[:1]

    def filters() -> Images:
        kern = conv.params["kernel"]  # (KH, KW, C_in, F)
        return Images(
            txt["filters"].format(n=kern.shape[3], k=k),
            [(f"f{i}", kern[:, :, 0, i]) for i in range(min(kern.shape[3], 8))],
            signed=True,
            size=6,
        )

    def maps() -> Images:
        # a channels-first copy of the trained conv layer (the model runs it channels-last)
        probe = Conv2D(conv.filters, k, padding="same", activation="relu")
        probe.build((None, *xtr.shape[1:]), np.random.default_rng(0))
        for key, value in conv.params.items():
            probe.params[key][...] = value
        out = probe.forward(sample.astype(np.float32))
        return Images(
            txt["maps"],
            [(txt["input"], sample[0, 0])]
            + [(txt["map"].format(i=i), out[0, i]) for i in range(min(out.shape[1], 7))],
            size=min(size, 14),
        )

    for record in model.fit(
        xtr, ytr, epochs=epochs, batch_size=batch, validation_data=(xte, yte), seed=seed
    ):
        if isinstance(record, EpochRecord):
            train_acc.append(float(record.metrics["accuracy"]))
            val_acc.append(float(record.val_metrics["accuracy"]))
            continue
        losses.append(float(record.loss))
        step = record.step
        if step % max(1, steps_per_epoch // 3) == 0 or step == total:
            yield Frame(
                step=step,
                total=total,
                plots=[
                    Curves(
                        loss_title,
                        {txt["loss"]: list(losses)},
                        xlabel=txt["step"],
                        smoothing=0.8,
                    ),
                    Curves(
                        txt["acc_curve"],
                        {txt["train"]: list(train_acc), txt["test"]: list(val_acc)},
                        xlabel=txt["epoch"],
                    ),
                    filters(),
                ],
                metrics={
                    "loss": losses[-1],
                    "step": step,
                    "samples_per_s": float(record.samples_per_s),
                },
                record=record,
            )
    rows = [
        [txt["params"], model.count_params()],
        [txt["train_acc"], f"{train_acc[-1]:.1%}"],
        [txt["test_acc"], f"{val_acc[-1]:.1%}"],
    ]
    yield Frame(
        step=total,
        total=total,
        final=True,
        plots=[
            Curves(loss_title, {txt["loss"]: losses}, xlabel=txt["step"], smoothing=0.8),
            Curves(
                txt["acc_curve"],
                {txt["train"]: train_acc, txt["test"]: val_acc},
                xlabel=txt["epoch"],
            ),
            filters(),
            maps(),
            Table(txt["table"], ["", ""], rows),
        ],
        metrics={
            "first_loss": float(np.mean(losses[:5])),
            "last_loss": float(np.mean(losses[-5:])),
            "train_acc": train_acc[-1],
            "test_acc": val_acc[-1],
            "params": float(model.count_params()),
        },
        message=txt["message"],
    )


LAB = Lab(
    id="10-cnn-train",
    lesson="10",
    words=WORDS,
    knobs=(
        int_knob("epochs", 3, 1, 50),
        int_knob("filters", 8, 1, 64),
        int_knob("kernel", 5, 1, 7),
        int_knob("hidden", 32, 8, 256),
        int_knob("train_size", 1200, 100, 3500),
        int_knob("batch_size", 50, 8, 512),
        choice_knob("optimizer", "adam", ("sgd", "momentum", "adagrad", "rmsprop", "adam")),
        float_knob("lr", 0.003, 1e-5, 1.0),
        choice_knob("data", "mnist", ("mnist", "fashion")),
    ),
    run_fn=run,
    quick={"epochs": 2, "train_size": 600, "lr": 0.01},
)
