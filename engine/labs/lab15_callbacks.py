"""15-callbacks: early stopping and reduce-LR-on-plateau watching a live run."""

from __future__ import annotations

import numpy as np

from ..callbacks import EarlyStopping, ReduceLROnPlateau
from ..layers import Dense
from ._common import digits, sequential
from .base import Curves, Frame, Lab, Table, float_knob, int_knob


def run(knobs, rng):
    x, y = digits()
    order = rng.permutation(len(x))
    n = knobs["train_size"]
    tr, va = order[:n], order[n : n + 400]
    seed = int(rng.integers(0, 2**31 - 1))
    model = sequential(
        [Dense(100, activation="relu"), Dense(100, activation="relu"), Dense(10)],
        64,
        seed,
        "softmax_cross_entropy",
        "adam",
        knobs["lr"],
    )
    stopper = EarlyStopping(
        monitor="val_loss", patience=knobs["patience"], restore_best_weights=True
    )
    reducer = ReduceLROnPlateau(
        monitor="val_loss", factor=knobs["factor"], patience=knobs["lr_patience"]
    )
    epochs = knobs["epochs"]
    curves = {"train loss": [], "val loss": []}
    lrs: list[float] = []
    last = None
    for record in model.fit(
        x[tr],
        y[tr],
        epochs=epochs,
        batch_size=32,
        validation_data=(x[va], y[va]),
        seed=seed,
        callbacks=[reducer, stopper],
    ):
        if record.kind != "epoch":
            continue
        last = record
        curves["train loss"].append(float(record.loss))
        curves["val loss"].append(float(record.val_loss))
        lrs.append(float(record.lr))
        best = int(np.argmin(curves["val loss"])) + 1
        yield Frame(
            step=record.epoch,
            total=epochs,
            plots=[
                Curves(
                    "loss per epoch",
                    {k: list(v) for k, v in curves.items()},
                    xlabel="epoch",
                    logy=True,
                ),
                Curves(
                    "learning rate (ReduceLROnPlateau)",
                    {"lr": list(lrs)},
                    xlabel="epoch",
                    logy=True,
                ),
            ],
            metrics={
                "epoch": record.epoch,
                "val_loss": float(record.val_loss),
                "lr": float(record.lr),
                "best_epoch": best,
            },
            record=record,
            message=record.stop_reason
            or f"epoch {record.epoch}: val loss {record.val_loss:.3f}, best at epoch {best}",
        )
    best = int(np.argmin(curves["val loss"])) + 1
    stopped = bool(last is not None and last.stopped)
    restored = model.evaluate(x[va], y[va])["loss"]
    rows = [
        ["epochs run", f"{len(lrs)} of {epochs}"],
        ["stopped early", f"yes: {last.stop_reason}" if stopped else "no"],
        ["best epoch (val loss)", f"{best} ({min(curves['val loss']):.3f})"],
        ["val loss after restoring the best weights", f"{restored:.3f}"],
        [
            "learning-rate cuts",
            ", ".join(f"epoch {e} → {lr:.2g}" for e, lr in reducer.reductions) or "none",
        ],
    ]
    yield Frame(
        step=epochs if stopped else len(lrs),
        total=epochs,
        final=True,
        plots=[
            Curves("loss per epoch", curves, xlabel="epoch", logy=True),
            Curves("learning rate (ReduceLROnPlateau)", {"lr": lrs}, xlabel="epoch", logy=True),
            Table("callbacks", ["", ""], rows),
        ],
        metrics={
            "epochs_run": len(lrs),
            "stopped_early": stopped,
            "best_epoch": best,
            "lr_cuts": len(reducer.reductions),
            "best_val_loss": float(min(curves["val loss"])),
            "restored_val_loss": float(restored),
            "final_lr": lrs[-1],
            "first_lr": lrs[0],
        },
        message=(
            "The validation loss stopped improving, so the learning rate was cut and then training "
            "stopped; the weights of the best epoch were put back."
            if stopped
            else "Training ran to the end: the validation loss kept improving."
        ),
    )


LAB = Lab(
    id="15-callbacks",
    lesson="15",
    title_en="Early stopping and reduce-LR-on-plateau",
    title_ja="Early stopping と学習率の自動調整",
    summary_en="A net that overfits a small set: callbacks cut the learning rate, stop early and restore the best weights.",
    summary_ja="小さなデータで過学習するネット。コールバックが学習率を下げ、早期終了し、最良の重みに戻す。",
    knobs=(
        int_knob("epochs", 60, 2, 500, "Most epochs to run.", "最大エポック数。"),
        int_knob(
            "patience",
            6,
            0,
            50,
            "EarlyStopping: epochs without improvement before stopping.",
            "EarlyStopping：改善しないまま待つエポック数。",
        ),
        int_knob(
            "lr_patience",
            2,
            0,
            50,
            "ReduceLROnPlateau: epochs before cutting the rate.",
            "ReduceLROnPlateau：学習率を下げるまでのエポック数。",
        ),
        float_knob(
            "factor",
            0.3,
            0.01,
            0.99,
            "ReduceLROnPlateau: multiply the rate by this.",
            "ReduceLROnPlateau：学習率に掛ける係数。",
        ),
        float_knob(
            "lr", 0.01, 1e-5, 0.1, "Adam's starting learning rate.", "Adam の最初の学習率。"
        ),
        int_knob(
            "train_size",
            300,
            50,
            1300,
            "Training samples (small, so it overfits).",
            "訓練データ数（少ないので過学習する）。",
        ),
    ),
    run_fn=run,
)
