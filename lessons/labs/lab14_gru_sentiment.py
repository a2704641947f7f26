"""14-gru-sentiment: a small GRU learns SST-2 sentence sentiment live (a subset, a few epochs)."""

from __future__ import annotations

import numpy as np

from dltutor.engine.functions import sigmoid
from dltutor.engine.layers import GRU, Dense, Embedding
from dltutor.engine.training import EpochRecord
from dltutor.lessons.words import Words

from .base import Curves, Frame, Lab, LabError, Table, TextSamples, float_knob, int_knob

MAXLEN = 24


def load(n_train: int, n_dev: int, rng):
    from dltutor.engine.text.corpus import DataError
    from dltutor.engine.text.sst2 import load_sst2

    try:
        texts, labels = load_sst2("train")
        dev_texts, dev_labels = load_sst2("dev")
    except (DataError, OSError) as error:
        raise LabError(
            f"SST-2 is not available ({error}); set DLTUTOR_DATA_DIR to the folder that holds sst2/"
        ) from None
    # whole sentences only: SST-2's train split also holds many short phrases
    full = np.array([i for i, t in enumerate(texts) if len(t.split()) >= 6])
    pick = rng.choice(full, size=min(n_train, len(full)), replace=False)
    dev = rng.permutation(len(dev_texts))[:n_dev]
    return ([texts[i] for i in pick], labels[pick], [dev_texts[i] for i in dev], dev_labels[dev])


WORDS = Words(
    "lab 14-gru-sentiment",
    {
        "en": {
            "lab_title": "A GRU learns sentiment (SST-2)",
            "lab_summary": (
                "Train Embedding → GRU → Dense on a few thousand SST-2 sentences and "
                "watch the dev accuracy."
            ),
            "knob_epochs": "Passes over the training sentences.",
            "knob_train_size": "Training sentences (a random subset).",
            "knob_dev_size": "Validation sentences from the dev split.",
            "knob_vocab": "Vocabulary size (most frequent words).",
            "knob_embed": "Embedding size.",
            "knob_units": "GRU units.",
            "knob_batch_size": "Mini-batch size.",
            "knob_lr": "Adam's learning rate.",
            "loss_curve": "loss per step",
            "loss": "loss",
            "step": "step",
            "acc_curve": "accuracy per epoch",
            "train": "train",
            "dev": "dev",
            "epoch": "epoch",
            "train_sentences": "train sentences",
            "vocabulary": "vocabulary",
            "dev_acc": "dev accuracy",
            "samples": "P(positive) for new sentences",
            "table": "result",
            "message": (
                "Embedding → GRU → Dense(1) with a sigmoid: the GRU reads the words in "
                "order and its last state decides. Padding is masked, so short sentences "
                "are not diluted by zeros."
            ),
        },
        "ja": {
            "lab_title": "GRU で感情分析を学習する（SST-2）",
            "lab_summary": (
                "数千の SST-2 の文で Embedding → GRU → Dense を学習し、検証データの正解率を見ます。"
            ),
            "knob_epochs": "エポック数（訓練文を何周するか）。",
            "knob_train_size": "訓練に使う文の数（ランダムな一部）。",
            "knob_dev_size": "dev 分割から使う検証文の数。",
            "knob_vocab": "語彙の大きさ（頻度の高い単語から）。",
            "knob_embed": "埋め込みの次元。",
            "knob_units": "GRU のユニット数。",
            "knob_batch_size": "ミニバッチのサイズ。",
            "knob_lr": "Adam の学習率。",
            "loss_curve": "ステップごとの損失",
            "loss": "損失",
            "step": "ステップ",
            "acc_curve": "エポックごとの正解率",
            "train": "訓練",
            "dev": "検証",
            "epoch": "エポック",
            "train_sentences": "訓練文の数",
            "vocabulary": "語彙の大きさ",
            "dev_acc": "検証正解率",
            "samples": "新しい文が肯定的である確率 P(positive)",
            "table": "結果",
            "message": (
                "Embedding → GRU → Dense(1) と sigmoid：GRU は単語を順に読み、"
                "最後の状態で判定します。パディングはマスクされるので、"
                "短い文が 0 で薄まることはありません。"
            ),
        },
    },
)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    from dltutor.engine.model import Sequential
    from dltutor.engine.text.tokenizers import WordTokenizer, pad_sequences

    tr_texts, ytr, dev_texts, ydev = load(knobs["train_size"], knobs["dev_size"], rng)
    tok = WordTokenizer(max_tokens=knobs["vocab"]).fit(tr_texts)
    xtr = pad_sequences([tok.encode(t) for t in tr_texts], MAXLEN).astype(np.float32)
    xdev = pad_sequences([tok.encode(t) for t in dev_texts], MAXLEN).astype(np.float32)
    ytr = ytr.reshape(-1, 1).astype(np.float32)
    ydev = ydev.reshape(-1, 1).astype(np.float32)
    seed = int(rng.integers(0, 2**31 - 1))
    model = Sequential(
        [Embedding(tok.vocab_size, knobs["embed"], mask_zero=True), GRU(knobs["units"]), Dense(1)],
        input_shape=(None, MAXLEN),
        seed=seed,
    )
    model.compile(
        loss="binary_cross_entropy", optimizer="adam", lr=knobs["lr"], metrics=["binary_accuracy"]
    )
    epochs, batch = knobs["epochs"], knobs["batch_size"]
    steps_per_epoch = int(np.ceil(len(xtr) / batch))
    total = epochs * steps_per_epoch
    losses: list[float] = []
    acc = {"train": [], "dev": []}
    examples = [
        "a gorgeous , witty and moving film .",
        "the plot is dull and the acting is worse .",
        "not bad at all , surprisingly fun .",
    ]
    ex_x = pad_sequences([tok.encode(t) for t in examples], MAXLEN).astype(np.float32)
    for record in model.fit(
        xtr, ytr, epochs=epochs, batch_size=batch, validation_data=(xdev, ydev), seed=seed
    ):
        if isinstance(record, EpochRecord):
            acc["train"].append(float(record.metrics["binary_accuracy"]))
            acc["dev"].append(float(record.val_metrics["binary_accuracy"]))
            continue
        losses.append(float(record.loss))
        if record.step % max(1, steps_per_epoch // 4) and record.step != total:
            continue
        yield Frame(
            step=record.step,
            total=total,
            plots=[
                Curves(
                    txt["loss_curve"],
                    {txt["loss"]: list(losses)},
                    xlabel=txt["step"],
                    smoothing=0.8,
                ),
                Curves(
                    txt["acc_curve"],
                    {txt[k]: list(v) for k, v in acc.items()},
                    xlabel=txt["epoch"],
                ),
            ],
            metrics={"loss": losses[-1]} | ({"dev_acc": acc["dev"][-1]} if acc["dev"] else {}),
            record=record,
        )
    probs = sigmoid(model.predict(ex_x).ravel().astype(np.float64))  # logits → P(positive)
    rows = [
        [txt["train_sentences"], len(xtr)],
        [txt["vocabulary"], tok.vocab_size],
        [txt["dev_acc"], f"{acc['dev'][-1]:.1%}"],
    ]
    yield Frame(
        step=total,
        total=total,
        final=True,
        plots=[
            Curves(txt["loss_curve"], {txt["loss"]: losses}, xlabel=txt["step"], smoothing=0.8),
            Curves(txt["acc_curve"], {txt[k]: v for k, v in acc.items()}, xlabel=txt["epoch"]),
            TextSamples(
                txt["samples"],
                [(f"{p:.2f}", t) for p, t in zip(probs, examples, strict=True)],
            ),
            Table(txt["table"], ["", ""], rows),
        ],
        metrics={
            "train_acc": acc["train"][-1],
            "dev_acc": acc["dev"][-1],
            "first_loss": float(np.mean(losses[:10])),
            "last_loss": float(np.mean(losses[-10:])),
        }
        | {f"p_example_{i}": float(p) for i, p in enumerate(probs)},
        message=txt["message"],
    )


LAB = Lab(
    id="14-gru-sentiment",
    lesson="14",
    words=WORDS,
    knobs=(
        int_knob("epochs", 3, 1, 30),
        int_knob("train_size", 2500, 200, 30000),
        int_knob("dev_size", 400, 50, 872),
        int_knob("vocab", 2000, 100, 20000),
        int_knob("embed", 24, 4, 128),
        int_knob("units", 24, 4, 128),
        int_knob("batch_size", 32, 8, 256),
        float_knob("lr", 0.005, 1e-5, 0.1),
    ),
    run_fn=run,
    quick={"epochs": 2, "train_size": 1200, "dev_size": 200},
    needs=("SST-2 data",),
)
