"""15-callbacks: early stopping and reduce-LR-on-plateau watching a live run."""

from __future__ import annotations

import numpy as np

from dltutor.engine.callbacks import EarlyStopping, ReduceLROnPlateau
from dltutor.engine.layers import Dense
from dltutor.engine.training import EpochRecord
from dltutor.lessons.words import Words

from ._common import digits, sequential
from .base import Curves, Frame, Lab, Table, float_knob, int_knob

WORDS = Words(
    "lab 15-callbacks",
    {
        "en": {
            "lab_title": "Early stopping and reduce-LR-on-plateau",
            "lab_summary": (
                "A net that overfits a small set: callbacks cut the learning rate, stop "
                "early and restore the best weights."
            ),
            "knob_epochs": "Most epochs to run.",
            "knob_patience": "EarlyStopping: epochs without improvement before stopping.",
            "knob_lr_patience": "ReduceLROnPlateau: epochs before cutting the rate.",
            "knob_factor": "ReduceLROnPlateau: multiply the rate by this.",
            "knob_lr": "Adam's starting learning rate.",
            "knob_train_size": "Training samples (small, so it overfits).",
            "train_loss": "train loss",
            "val_loss": "val loss",
            "loss_curve": "loss per epoch",
            "epoch": "epoch",
            "lr_curve": "learning rate (ReduceLROnPlateau)",
            "lr": "lr",
            "step": "epoch {epoch}: val loss {loss:.3f}, best at epoch {best}",
            "stop_reason": (
                "early stopping: {monitor} has not improved for {wait} epochs (best "
                "{best:.4g} at epoch {best_epoch})"
            ),
            "epochs_run": "epochs run",
            "of": "{run} of {total}",
            "stopped": "stopped early",
            "yes": "yes: {reason}",
            "no": "no",
            "best": "best epoch (val loss)",
            "restored": "val loss after restoring the best weights",
            "cuts": "learning-rate cuts",
            "cut": "epoch {epoch} → {lr:.2g}",
            "none": "none",
            "table": "callbacks",
            "done_stopped": (
                "The validation loss stopped improving, so the learning rate was cut and "
                "then training stopped; the weights of the best epoch were put back."
            ),
            "done_full": "Training ran to the end: the validation loss kept improving.",
        },
        "ja": {
            "lab_title": "早期終了と学習率の自動調整",
            "lab_summary": (
                "小さなデータで過学習するネットです。コールバックが学習率を下げ、早期終了し、"
                "最良の重みに戻します。"
            ),
            "knob_epochs": "最大エポック数。",
            "knob_patience": "EarlyStopping：止めるまでに待つ、改善のないエポック数。",
            "knob_lr_patience": "ReduceLROnPlateau：学習率を下げるまでに待つエポック数。",
            "knob_factor": "ReduceLROnPlateau：学習率に掛ける係数。",
            "knob_lr": "Adam の最初の学習率。",
            "knob_train_size": "訓練データ数（過学習するように少なめ）。",
            "train_loss": "訓練損失",
            "val_loss": "検証損失",
            "loss_curve": "エポックごとの損失",
            "epoch": "エポック",
            "lr_curve": "学習率（ReduceLROnPlateau）",
            "lr": "学習率",
            "step": "エポック {epoch}：検証損失 {loss:.3f}、最良はエポック {best}",
            "stop_reason": (
                "早期終了：{monitor} が {wait} エポック改善しませんでした（最良 {best:.4g}、"
                "エポック {best_epoch}）"
            ),
            "epochs_run": "実行したエポック数",
            "of": "{total} 中 {run}",
            "stopped": "早期終了",
            "yes": "はい（{reason}）",
            "no": "いいえ",
            "best": "最良のエポック（検証損失）",
            "restored": "最良の重みに戻した後の検証損失",
            "cuts": "学習率の引き下げ",
            "cut": "エポック {epoch} → {lr:.2g}",
            "none": "なし",
            "table": "コールバック",
            "done_stopped": (
                "検証損失が改善しなくなったので学習率を下げ、その後、訓練を止めました。"
                "重みは最良のエポックのものに戻してあります。"
            ),
            "done_full": "訓練は最後まで進みました。検証損失が改善し続けたためです。",
        },
    },
)


def stop_reason(record, stopper: EarlyStopping, txt) -> str | None:
    """Why training stopped, in the learner's language (None while it goes on)."""
    if not record.stop_reason:
        return None
    if stopper.stopped_epoch is None:
        return record.stop_reason
    return txt["stop_reason"].format(
        monitor=stopper.monitor, wait=stopper.wait, best=stopper.best, best_epoch=stopper.best_epoch
    )


def run(knobs, rng, lang="en"):

    txt = WORDS.of(lang)
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
    curves = {"train_loss": [], "val_loss": []}
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
        if not isinstance(record, EpochRecord):
            continue
        last = record
        curves["train_loss"].append(float(record.loss))
        curves["val_loss"].append(float(record.val_loss))
        lrs.append(float(record.lr))
        best = int(np.argmin(curves["val_loss"])) + 1
        yield Frame(
            step=record.epoch,
            total=epochs,
            plots=[
                Curves(
                    txt["loss_curve"],
                    {txt[k]: list(v) for k, v in curves.items()},
                    xlabel=txt["epoch"],
                    logy=True,
                ),
                Curves(
                    txt["lr_curve"],
                    {txt["lr"]: list(lrs)},
                    xlabel=txt["epoch"],
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
            message=stop_reason(record, stopper, txt)
            or txt["step"].format(epoch=record.epoch, loss=record.val_loss, best=best),
        )
    best = int(np.argmin(curves["val_loss"])) + 1
    stopped = bool(last is not None and last.stopped)
    restored = model.evaluate(x[va], y[va])["loss"]
    cuts = ", ".join(txt["cut"].format(epoch=e, lr=lr) for e, lr in reducer.reductions)
    rows = [
        [txt["epochs_run"], txt["of"].format(run=len(lrs), total=epochs)],
        [
            txt["stopped"],
            txt["yes"].format(reason=stop_reason(last, stopper, txt)) if stopped else txt["no"],
        ],
        [txt["best"], f"{best} ({min(curves['val_loss']):.3f})"],
        [txt["restored"], f"{restored:.3f}"],
        [txt["cuts"], cuts or txt["none"]],
    ]
    yield Frame(
        step=epochs if stopped else len(lrs),
        total=epochs,
        final=True,
        plots=[
            Curves(
                txt["loss_curve"],
                {txt[k]: v for k, v in curves.items()},
                xlabel=txt["epoch"],
                logy=True,
            ),
            Curves(txt["lr_curve"], {txt["lr"]: lrs}, xlabel=txt["epoch"], logy=True),
            Table(txt["table"], ["", ""], rows),
        ],
        metrics={
            "epochs_run": len(lrs),
            "stopped_early": stopped,
            "best_epoch": best,
            "lr_cuts": len(reducer.reductions),
            "best_val_loss": float(min(curves["val_loss"])),
            "restored_val_loss": float(restored),
            "final_lr": lrs[-1],
            "first_lr": lrs[0],
        },
        message=txt["done_stopped"] if stopped else txt["done_full"],
    )


LAB = Lab(
    id="15-callbacks",
    lesson="15",
    words=WORDS,
    knobs=(
        int_knob("epochs", 60, 2, 500),
        int_knob("patience", 6, 0, 50),
        int_knob("lr_patience", 2, 0, 50),
        float_knob("factor", 0.3, 0.01, 0.99),
        float_knob("lr", 0.01, 1e-5, 0.1),
        int_knob("train_size", 300, 50, 1300),
    ),
    run_fn=run,
)
