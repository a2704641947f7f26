"""Recipe: `shakespeare-char`, a character-level LSTM language model on tinyshakespeare.

Data: the first 90% of `tinyshakespeare/input.txt` trains, the last 10% is validation (the
split the metric is measured on). The character vocabulary comes from the training part
(0 = padding, 1 = unknown character; neither is ever sampled).

Model: Embedding(V, EMBED) -> LSTM(UNITS, return_sequences=True) -> TimeDistributed(Dense(V))
giving next-character logits at every position. Training: windows of SEQ characters at a
random offset each epoch, predicting the next character at every position, Adam with
global-norm gradient clipping. Validation: non-overlapping windows of EVAL_SEQ characters,
each started from a zero state, mean negative log-likelihood in nats per character.
The learning rate is halved whenever a validation check improves by less than 0.005.
Training stops when the validation bar is reached (with a small margin) or at the time
budget, keeping the best weights seen.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

NAME = "shakespeare-char"
EMBED = 32
UNITS = 256
SEQ = 64
EVAL_SEQ = 200
BATCH = 64
LR = 4e-3
CLIP = 5.0
MAX_EPOCHS = 30
STOP_AT = 1.57  # nats/char; the target is 1.60
MAX_SECONDS = 55 * 60.0
EVAL_EVERY = 300  # steps


def build_model(vocab_size: int, seed: int = 0, embed: int = EMBED, units: int = UNITS):
    from dltutor.engine.layers import LSTM, Dense, Embedding, TimeDistributed
    from dltutor.engine.model import Sequential

    return Sequential(
        [
            Embedding(vocab_size, embed, name="embedding"),
            LSTM(units, return_sequences=True, name="lstm"),
            TimeDistributed(Dense(vocab_size), name="head"),
        ],
        input_shape=(SEQ,),
        seed=seed,
        name=NAME,
    )


def _clipped_adam(lr: float, clip: float):
    from dltutor.engine.optimizers import Adam

    class ClippedAdam(Adam):
        """Adam after scaling all gradients so their global L2 norm is at most `clip`."""

        def step(self, params_and_grads):
            pg = list(params_and_grads)
            norm = float(np.sqrt(sum(float(np.vdot(g, g)) for _, g in pg)))
            if norm > clip:
                for _, g in pg:
                    g *= clip / norm
            super().step(pg)

    return ClippedAdam(lr)


def evaluate_nats(model, x: np.ndarray, y: np.ndarray, batch: int = 128) -> float:
    """Mean next-character negative log-likelihood (nats/char) of `model` on windows."""
    from dltutor.engine.zoo.publish import nats_per_char

    total, count = 0.0, 0
    for i in range(0, len(x), batch):
        yy = y[i : i + batch]
        total += nats_per_char(model.forward(x[i : i + batch], training=False), yy) * yy.size
        count += yy.size
    return total / max(count, 1)


def train(
    data_dir=None,
    out_dir="models_onnx",
    seed: int = 0,
    quick: bool = False,
    progress=None,
    max_seconds: float | None = None,
) -> dict:
    from dltutor.engine.losses import Loss
    from dltutor.engine.text import CharTokenizer, make_windows, read_corpus, split_corpus
    from dltutor.engine.zoo.events import say
    from dltutor.engine.zoo.publish import publish

    class SequenceCrossEntropy(Loss):
        """Softmax cross-entropy over (N, T, V) logits and (N, T) integer targets (nats/char)."""

        name = "sequence_softmax_cross_entropy"

        def forward(self, outputs, targets):
            z = outputs - outputs.max(axis=-1, keepdims=True)
            np.exp(z, out=z)
            z /= z.sum(axis=-1, keepdims=True)
            self.p, self.t = z, np.asarray(targets).astype(np.intp)
            picked = np.take_along_axis(z, self.t[..., None], axis=-1)
            return float(-np.log(np.maximum(picked, 1e-30)).mean())

        def backward(self):
            d = self.p
            np.put_along_axis(
                d,
                self.t[..., None],
                np.take_along_axis(d, self.t[..., None], axis=-1) - 1.0,
                axis=-1,
            )
            d /= self.t.size
            return d

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    budget = MAX_SECONDS if max_seconds is None else float(max_seconds)
    say(progress, stage="data", message="reading tinyshakespeare")
    text = read_corpus(data_dir=data_dir)
    train_text, val_text = split_corpus(text, 0.1)
    if quick:
        train_text, val_text = train_text[:20000], val_text[:4000]
    tok = CharTokenizer().fit([train_text])
    ids = tok.encode_array(train_text)
    vids = tok.encode_array(val_text)
    seq, eval_seq = (32, 64) if quick else (SEQ, EVAL_SEQ)
    xv, yv = make_windows(vids, eval_seq)
    say(
        progress,
        stage="data",
        message=f"{len(ids)} train / {len(vids)} validation characters, vocabulary {len(tok)}",
    )

    model = build_model(
        len(tok), seed=seed, embed=8 if quick else EMBED, units=16 if quick else UNITS
    )
    model.compile(loss=SequenceCrossEntropy(), optimizer=_clipped_adam(LR, CLIP))
    rng = np.random.default_rng(seed)
    t0 = time.perf_counter()
    best, best_w, history, step, stop = np.inf, model.get_weights(), [], 0, ""
    epochs = 1 if quick else MAX_EPOCHS
    for epoch in range(1, epochs + 1):
        off = int(rng.integers(0, seq))
        x, y = make_windows(ids[off:], seq)
        order = rng.permutation(len(x))
        batches = [order[i : i + BATCH] for i in range(0, len(order) - BATCH + 1, BATCH)]
        if quick:
            batches = batches[:5]
        run = 0.0
        for b, idx in enumerate(batches, start=1):
            loss, _ = model.train_step(x[idx], y[idx])
            if not np.isfinite(loss):
                raise FloatingPointError(
                    f"loss became {loss} at step {step}: learning rate too high?"
                )
            step += 1
            run = loss if run == 0.0 else 0.98 * run + 0.02 * loss
            if step % 25 == 0 or quick:
                say(
                    progress,
                    stage="train",
                    message=f"epoch {epoch} step {b}/{len(batches)} "
                    f"loss {run:.4f} ({time.perf_counter() - t0:.0f}s)",
                    epoch=epoch,
                    epochs=epochs,
                    step=b,
                    steps=len(batches),
                    loss=run,
                )
            last = b == len(batches)
            if step % EVAL_EVERY == 0 or last:
                val = evaluate_nats(model, xv, yv)
                history.append(
                    {
                        "epoch": epoch,
                        "step": step,
                        "train_loss": round(run, 4),
                        "val_nats_per_char": round(val, 4),
                        "seconds": round(time.perf_counter() - t0, 1),
                    }
                )
                say(
                    progress,
                    stage="evaluate",
                    message=f"step {step}: validation {val:.4f} nats/char",
                    epoch=epoch,
                    epochs=epochs,
                    loss=run,
                    metrics={"val_nats_per_char": val},
                )
                if val < best - 0.005:
                    best, best_w = val, model.get_weights()
                else:  # no real progress since the last check: halve the learning rate
                    model.optimizer.lr_scale *= 0.5
                    if val < best:
                        best, best_w = val, model.get_weights()
                if val <= STOP_AT:
                    stop = f"validation {val:.4f} <= {STOP_AT}"
                elif time.perf_counter() - t0 > budget:
                    stop = f"time budget {budget:.0f}s reached"
                if stop:
                    break
        if stop:
            break
    seconds = time.perf_counter() - t0
    model.set_weights(best_w)
    model.save_weights(out / f"{NAME}.weights.npz")

    return publish(
        NAME,
        model,
        out,
        task="text-generation",
        labels=None,
        input_spec={"name": "chars", "dtype": "int64", "shape": ["batch", "time"]},
        preprocessing={
            "kind": "text",
            "tokenizer": "char",
            "lowercase": False,
            "pad_id": 0,
            "unk_id": 1,
            "never_sample": [0, 1],
            "sampling": "softmax(logits / T); T = 0 is greedy",
        },
        dataset={
            "name": "tinyshakespeare (char-rnn)",
            "split": "last 10% of the corpus",
            "n": int(yv.size),
            "train": "first 90% of the corpus",
            "source": "https://github.com/karpathy/char-rnn (data/tinyshakespeare/input.txt)",
            "licence": "public domain (Shakespeare's plays)",
        },
        eval_x=xv,
        eval_y=yv,
        metric="nats_per_char",
        parity_x=xv[:8],
        vocab=tok.to_dict(),
        seed=seed,
        quick=quick,
        progress=progress,
        stateful=True,
        training={
            "optimizer": "Adam",
            "lr": LR,
            "clipnorm": CLIP,
            "batch_size": BATCH,
            "seq_len": seq,
            "embed": EMBED,
            "units": UNITS,
            "steps": step,
            "stopped": stop or "max epochs",
            "best_val_nats_per_char": round(float(best), 5),
            "eval": f"non-overlapping {eval_seq}-character windows from a zero state",
            "history": history,
            "seconds": round(seconds, 1),
        },
    )
