"""12-transfer: reuse the shipped Fashion-MNIST conv base (frozen) for digits, vs from scratch."""

from __future__ import annotations

import numpy as np

from dltutor.engine.layers import Conv2D, Dense, Flatten, MaxPooling2D
from dltutor.engine.training import EpochRecord
from dltutor.lessons.words import Words

from ._common import digits, load_shipped, sequential
from .base import Curves, Frame, Lab, Table, int_knob


def to_28(x8: np.ndarray) -> np.ndarray:
    """8×8 digits → 28×28 (each pixel 3×3, a 2-pixel border), like the 28×28 training images."""
    big = np.kron(x8.reshape(-1, 8, 8), np.ones((3, 3), np.float32))
    out = np.zeros((len(x8), 1, 28, 28), np.float32)
    out[:, 0, 2:26, 2:26] = big
    return out


def base_features(model, x: np.ndarray) -> np.ndarray:
    """The conv base's output (everything up to and including Flatten), in inference mode."""
    flat_at = max(i for i, layer in enumerate(model.layers) if type(layer).__name__ == "Flatten")
    name = model.layers[flat_at].name
    feats = []
    for start in range(0, len(x), 200):
        acts = dict(model.layer_outputs(x[start : start + 200]))
        feats.append(acts[name])
    return np.concatenate(feats).astype(np.float32)


WORDS = Words(
    "lab 12-transfer",
    {
        "en": {
            "lab_title": "Transfer learning: reuse a conv base",
            "lab_summary": (
                "Freeze the shipped Fashion-MNIST conv base, train a new head on digits, "
                "compare with training from scratch."
            ),
            "knob_epochs": "Epochs for both models.",
            "knob_train_size": "Digits used for training (few, where transfer helps).",
            "extracting": "extracting features with the frozen conv base",
            "frozen": "frozen base + new head",
            "scratch": "small CNN from scratch",
            "curve": "test accuracy on digits ({n} training images)",
            "epoch": "epoch",
            "frozen_count": "{n:,} frozen",
            "table": "feature extraction vs from scratch",
            "model": "model",
            "reused": "reused weights",
            "trained": "trained weights",
            "test_acc": "test accuracy",
            "message": (
                "Feature extraction: the conv base learned on clothes is run once and "
                "frozen; only a small head is trained on its features. Next steps in "
                "fine-tuning would unfreeze the top of the base and train both with a "
                "low learning rate."
            ),
        },
        "ja": {
            "lab_title": "転移学習：畳み込みベースの再利用",
            "lab_summary": (
                "付属の Fashion-MNIST の畳み込みベースを凍結して digits 用の新しいヘッドを学習し、"
                "ゼロからの学習と比べます。"
            ),
            "knob_epochs": "両モデルのエポック数。",
            "knob_train_size": "訓練に使う digits の枚数（転移学習が効くのは少ないときです）。",
            "extracting": "凍結した畳み込みベースで特徴量を抽出しています",
            "frozen": "凍結したベース + 新しいヘッド",
            "scratch": "小さな CNN をゼロから",
            "curve": "手書き数字でのテスト正解率（訓練画像 {n} 枚）",
            "epoch": "エポック",
            "frozen_count": "{n:,}（凍結）",
            "table": "特徴抽出とゼロからの学習",
            "model": "モデル",
            "reused": "再利用した重み",
            "trained": "学習した重み",
            "test_acc": "テスト正解率",
            "message": (
                "特徴抽出では、衣類で学習した畳み込みベースを凍結し、データを 1 回だけ通します。"
                "その特徴量で学習するのは小さなヘッドだけです。ファインチューニングでは、"
                "次にベースの上のほうの層を解凍（凍結解除）し、小さな学習率で両方を学習します。"
            ),
        },
    },
)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    shipped, card = load_shipped("fashion-cnn")
    x, y = digits()
    order = rng.permutation(len(x))
    n = knobs["train_size"]
    tr, te = order[:n], order[n : n + 500]
    xtr, xte = to_28(x[tr]), to_28(x[te])
    ytr, yte = y[tr], y[te]
    yield Frame(step=0, total=2 * knobs["epochs"], message=txt["extracting"])
    ftr, fte = base_features(shipped, xtr), base_features(shipped, xte)
    seed = int(rng.integers(0, 2**31 - 1))
    head = sequential(
        [Dense(64, activation="relu"), Dense(10)],
        ftr.shape[1],
        seed,
        "softmax_cross_entropy",
        "adam",
        1e-3,
    )
    scratch = sequential(
        [
            Conv2D(16, 3, padding="same", activation="relu"),
            MaxPooling2D(2),
            Flatten(),
            Dense(64, activation="relu"),
            Dense(10),
        ],
        (1, 28, 28),
        seed,
        "softmax_cross_entropy",
        "adam",
        1e-3,
    )
    epochs = knobs["epochs"]
    curves = {"frozen": [], "scratch": []}
    runs = {
        "frozen": head.fit(
            ftr, ytr, epochs=epochs, batch_size=32, validation_data=(fte, yte), seed=seed
        ),
        "scratch": scratch.fit(
            xtr, ytr, epochs=epochs, batch_size=32, validation_data=(xte, yte), seed=seed
        ),
    }
    step = 0
    for _epoch in range(1, epochs + 1):
        for name, gen in runs.items():
            for record in gen:
                if isinstance(record, EpochRecord):
                    curves[name].append(float(record.val_metrics["accuracy"]))
                    break
            step += 1
        yield Frame(
            step=step,
            total=2 * epochs,
            plots=[
                Curves(
                    txt["curve"].format(n=n),
                    {txt[k]: list(v) for k, v in curves.items()},
                    xlabel=txt["epoch"],
                )
            ],
            metrics={
                "transfer_acc": curves["frozen"][-1],
                "scratch_acc": curves["scratch"][-1],
            },
        )
    base_params = sum(
        layer.count_params()
        for layer in shipped.layers[
            : max(i for i, la in enumerate(shipped.layers) if type(la).__name__ == "Flatten")
        ]
    )
    rows = [
        [
            txt["frozen"],
            txt["frozen_count"].format(n=base_params),
            f"{head.count_params():,}",
            f"{curves['frozen'][-1]:.1%}",
        ],
        [
            txt["scratch"],
            "0",
            f"{scratch.count_params():,}",
            f"{curves['scratch'][-1]:.1%}",
        ],
    ]
    yield Frame(
        step=2 * epochs,
        total=2 * epochs,
        final=True,
        plots=[
            Curves(
                txt["curve"].format(n=n),
                {txt[k]: v for k, v in curves.items()},
                xlabel=txt["epoch"],
            ),
            Table(
                txt["table"],
                [txt["model"], txt["reused"], txt["trained"], txt["test_acc"]],
                rows,
            ),
        ],
        metrics={
            "transfer_acc": curves["frozen"][-1],
            "scratch_acc": curves["scratch"][-1],
            "head_params": float(head.count_params()),
            "base_params": float(base_params),
        },
        message=txt["message"],
    )


LAB = Lab(
    id="12-transfer",
    lesson="12",
    words=WORDS,
    knobs=(
        int_knob("epochs", 5, 1, 50),
        int_knob("train_size", 300, 50, 1200),
    ),
    run_fn=run,
    needs=("fashion-cnn model",),
)
