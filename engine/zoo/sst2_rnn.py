"""Recipe: `sst2-rnn`, SST-2 sentiment with Embedding(mask_zero) -> Bidirectional LSTM -> Dense.

Data: GLUE SST-2 train (67,349 phrases) for training, dev (872 sentences) for evaluation.
Training uses `model.train_step` on length-bucketed batches (see `length_buckets`), about
4x faster than padding every phrase to MAX_LEN. The vocabulary comes from train only (tokens seen at least twice). Dev is the evaluation
split here (GLUE's test labels are hidden), so the few hyper-parameters (sizes, epochs, lr)
were chosen on dev and the epoch kept is the best on dev; dev is never trained on.

Preprocessing at inference: `WordTokenizer` (lower-case, PTB-like split), ids from the
vocabulary JSON (0 = padding, 1 = unknown), cut/padded at the end to `MAX_LEN` tokens.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

NAME = "sst2-rnn"
MAX_LEN = 40
EMBED = 96
UNITS = 64
EPOCHS = 4
BATCH = 64
LR = 2e-3
MIN_FREQ = 2


def build_model(vocab_size: int, seed: int = 0, embed: int = EMBED, units: int = UNITS):
    from dltutor.engine.layers import LSTM, Bidirectional, Dense, Dropout, Embedding
    from dltutor.engine.model import Sequential

    return Sequential(
        [
            Embedding(vocab_size, embed, mask_zero=True, name="embedding"),
            Bidirectional(LSTM(units), name="bilstm"),
            Dropout(0.4, name="dropout"),
            Dense(2, name="classifier"),
        ],
        input_shape=(MAX_LEN,),
        seed=seed,
        name=NAME,
    )


def length_buckets(lengths: np.ndarray, batch: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Batches of similar length (sorted with random tie-breaks, batch order shuffled): each
    batch is then cut to its longest sentence, so little time goes into padding. Masking
    makes the result independent of how much padding a batch carries."""
    order = np.lexsort((rng.random(len(lengths)), lengths))
    batches = [order[i : i + batch] for i in range(0, len(order), batch)]
    return [batches[i] for i in rng.permutation(len(batches))]


def train(
    data_dir=None, out_dir="models_onnx", seed: int = 0, quick: bool = False, progress=None
) -> dict:
    from dltutor.engine.optimizers import Adam
    from dltutor.engine.text import WordTokenizer, load_sst2
    from dltutor.engine.text.sst2 import LABELS
    from dltutor.engine.zoo.events import say
    from dltutor.engine.zoo.publish import publish

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    say(progress, stage="data", message="reading SST-2 train and dev")
    texts, labels = load_sst2("train", data_dir)
    dev, dev_y = load_sst2("dev", data_dir)
    epochs, batch = EPOCHS, BATCH
    if quick:
        rng = np.random.default_rng(seed)
        idx = rng.permutation(len(texts))[:400]
        texts, labels = [texts[i] for i in idx], labels[idx]
        dev, dev_y = dev[:64], dev_y[:64]
        epochs = 1
    tok = WordTokenizer(min_freq=1 if quick else MIN_FREQ).fit(texts)
    x = tok.encode_batch(texts, MAX_LEN)
    xd = tok.encode_batch(dev, MAX_LEN)
    say(
        progress,
        stage="data",
        message=f"{len(texts)} train / {len(dev)} dev sentences, vocabulary {len(tok)}",
    )

    model = build_model(
        len(tok), seed=seed, embed=16 if quick else EMBED, units=8 if quick else UNITS
    )
    model.compile(loss="softmax_cross_entropy", optimizer=Adam(LR), metrics=["accuracy"])
    t0 = time.perf_counter()
    best_acc, best_w, best_epoch, history = -1.0, None, 0, []
    lengths = (x != 0).sum(axis=1)
    rng = np.random.default_rng(seed)
    for epoch in range(1, epochs + 1):
        batches = length_buckets(lengths, batch, rng)
        if quick:
            batches = batches[:5]
        loss_sum, seen, t_ep = 0.0, 0, time.perf_counter()
        for b, idx in enumerate(batches, start=1):
            width = max(int(lengths[idx].max()), 1)
            loss, metrics = model.train_step(x[idx, :width], labels[idx])
            if not np.isfinite(loss):
                raise FloatingPointError(
                    f"loss became {loss} at epoch {epoch} step {b}: learning rate too high?"
                )
            loss_sum += loss * len(idx)
            seen += len(idx)
            if b % 100 == 0 or quick:
                say(
                    progress,
                    stage="train",
                    message=f"epoch {epoch} step {b}/{len(batches)} loss {loss_sum / seen:.4f}",
                    epoch=epoch,
                    epochs=epochs,
                    step=b,
                    steps=len(batches),
                    loss=loss_sum / seen,
                    metrics=dict(metrics),
                )
        result = model.evaluate(xd, dev_y)
        acc = float(result["accuracy"])
        history.append(
            {
                "epoch": epoch,
                "loss": round(loss_sum / seen, 5),
                "val_loss": round(result["loss"], 5),
                "val_accuracy": round(acc, 5),
                "seconds": round(time.perf_counter() - t_ep, 1),
            }
        )
        say(
            progress,
            stage="evaluate",
            message=f"epoch {epoch}: train loss {loss_sum / seen:.4f}, "
            f"dev accuracy {acc:.4f} ({time.perf_counter() - t_ep:.0f}s)",
            epoch=epoch,
            epochs=epochs,
            loss=loss_sum / seen,
            metrics={"val_accuracy": acc},
        )
        if acc > best_acc:
            best_acc, best_w, best_epoch = acc, model.get_weights(), epoch
    seconds = time.perf_counter() - t0
    model.set_weights(best_w)
    model.save_weights(out / f"{NAME}.weights.npz")

    return publish(
        NAME,
        model,
        out,
        task="text-classification",
        labels=list(LABELS),
        input_spec={"name": "tokens", "dtype": "int64", "shape": ["batch", MAX_LEN]},
        preprocessing={
            "kind": "text",
            "tokenizer": "word",
            "lowercase": True,
            "split": "dltutor.engine.text.tokenizers.word_split",
            "maxlen": MAX_LEN,
            "padding": "post",
            "truncating": "post",
            "pad_id": 0,
            "unk_id": 1,
        },
        dataset={
            "name": "SST-2 (GLUE)",
            "split": "dev",
            "n": len(dev),
            "train": f"train ({len(texts)} phrases)",
            "source": "GLUE benchmark SST-2 (Socher et al. 2013)",
            "licence": "see the GLUE benchmark terms",
        },
        eval_x=xd,
        eval_y=dev_y,
        metric="accuracy",
        parity_x=xd[:64],
        vocab=tok.to_dict(),
        seed=seed,
        quick=quick,
        progress=progress,
        training={
            "epochs": epochs,
            "best_epoch": best_epoch,
            "optimizer": "Adam",
            "lr": LR,
            "batch_size": batch,
            "embed": EMBED,
            "units": UNITS,
            "maxlen": MAX_LEN,
            "selection": "epoch with the best dev accuracy (dev is the evaluation split)",
            "val_accuracy": round(best_acc, 5),
            "history": history,
            "seconds": round(seconds, 1),
        },
    )
