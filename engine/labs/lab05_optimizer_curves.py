"""05-optimizer-curves: the same network trained with each optimizer; loss per step."""

from __future__ import annotations

import numpy as np

from .. import optimizers
from ..layers import Dense
from ._common import digits, fashion_subset, is_epoch, sequential, split
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


def load(name: str, rng):
    if name in ("fashion", "auto"):
        data = fashion_subset(2000, 1000)
        if data is not None:
            xtr, ytr, xte, yte = data
            return (
                "Fashion-MNIST (2,000)",
                xtr.reshape(len(xtr), -1),
                ytr,
                xte.reshape(len(xte), -1),
                yte,
            )
        if name == "fashion":
            from .base import LabError

            raise LabError(
                "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist); use --set data=digits"
            )
    x, y = digits()
    xtr, ytr, xte, yte = split(x, y, 0.2, rng)
    return "digits 8×8", xtr, ytr, xte, yte


def run(knobs, rng):
    names = SHOWN if knobs["optimizer"] == "all" else (knobs["optimizer"],)
    label, xtr, ytr, xte, yte = load(knobs["data"], rng)
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
            while record is not None and is_epoch(record):
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
                        f"training loss per step ({label})",
                        {n: list(v) for n, v in losses.items()},
                        xlabel="step",
                        logy=True,
                        smoothing=0.6,
                    ),
                    Curves(
                        "test accuracy per epoch",
                        {n: list(v) for n, v in val_acc.items()},
                        xlabel="epoch",
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
            Curves(
                f"training loss per step ({label})", losses, xlabel="step", logy=True, smoothing=0.6
            ),
            Curves("test accuracy per epoch", val_acc, xlabel="epoch"),
            Table("final", ["optimizer", "lr", "train loss (last epoch)", "test accuracy"], rows),
        ],
        metrics=metrics,
        message=f"Lowest training loss to highest: {', '.join(order)}. Plain SGD learns slowest at the textbook rates.",
    )


LAB = Lab(
    id="05-optimizer-curves",
    lesson="05",
    title_en="Optimizers compared on real data",
    title_ja="実データでオプティマイザを比べる",
    summary_en="Train the same MLP with SGD, Momentum, AdaGrad, RMSProp and Adam and compare the loss curves.",
    summary_ja="同じ MLP を SGD・Momentum・AdaGrad・RMSProp・Adam で学習し、損失の曲線を比べる。",
    knobs=(
        choice_knob(
            "optimizer",
            "all",
            ("all", *optimizers.NAMES),
            "One optimizer or all of them.",
            "1 つのオプティマイザ、またはすべて。",
        ),
        float_knob(
            "lr",
            0.0,
            0.0,
            1.0,
            "Learning rate; 0 uses each optimizer's textbook rate.",
            "学習率。0 なら各手法の教科書の値。",
        ),
        int_knob("epochs", 8, 1, 100, "Passes over the training data.", "エポック数。"),
        int_knob("batch_size", 64, 8, 1024, "Mini-batch size.", "ミニバッチのサイズ。"),
        int_knob("hidden", 100, 8, 512, "Units per hidden layer.", "隠れ層のユニット数。"),
        int_knob("layers", 3, 1, 6, "Hidden layers.", "隠れ層の数。"),
        choice_knob(
            "data",
            "auto",
            ("auto", "digits", "fashion"),
            "Data set: Fashion-MNIST subset if installed, else digits.",
            "データセット（Fashion-MNIST があればその一部、なければ digits）。",
        ),
    ),
    run_fn=run,
    quick={"epochs": 3, "hidden": 50, "layers": 2},
)
