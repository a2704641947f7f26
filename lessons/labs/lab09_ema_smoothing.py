"""09-ema-smoothing: a noisy per-step loss curve smoothed with an exponential moving average."""

from __future__ import annotations

import numpy as np

from dltutor.engine.layers import Dense
from dltutor.engine.training import StepRecord
from dltutor.lessons.words import Words

from ._common import digits, sequential
from .base import Curves, Frame, Lab, float_knob, int_knob


def ema(values, smoothing: float, debias: bool = True) -> list[float]:
    """s_t = a·s_{t−1} + (1 − a)·x_t, divided by (1 − a^t) to undo the start-at-zero bias."""
    out, s = [], 0.0
    for t, v in enumerate(values, start=1):
        s = smoothing * s + (1 - smoothing) * v
        out.append(s / (1 - smoothing**t) if debias and smoothing > 0 else s)
    return out


def roughness(values) -> float:
    """Mean absolute change between neighbouring points: how jagged a curve is."""
    v = np.asarray(values, dtype=float)
    return float(np.abs(np.diff(v)).mean()) if len(v) > 1 else 0.0


WORDS = Words(
    "lab 09-ema-smoothing",
    {
        "en": {
            "lab_title": "Smoothing a noisy loss curve (EMA)",
            "lab_summary": (
                "Small batches give a jagged loss curve; an exponential moving average "
                "shows the trend."
            ),
            "knob_smoothing": "Weight a of the past in the EMA (0 = none).",
            "knob_steps": "Training steps to record.",
            "knob_batch_size": "Mini-batch size (smaller = noisier).",
            "knob_lr": "SGD learning rate.",
            "curve": "loss per step, EMA a={a:g}",
            "raw": "raw",
            "ema": "EMA {a:g}",
            "step_label": "step",
            "done": (
                "The EMA (weight {a:g} on the past) is {ratio:.1f}× smoother than the "
                "raw curve but lags behind it; without the bias correction it would "
                "start near 0."
            ),
            "step": "step {n}",
        },
        "ja": {
            "lab_title": "ノイズの多い損失曲線を指数移動平均でならす",
            "lab_summary": (
                "小さなバッチでは損失曲線がギザギザになります。指数移動平均をとると傾向が見えます。"
            ),
            "knob_smoothing": "EMA の過去の重み a（0 なら平滑化なし）。",
            "knob_steps": "記録する学習ステップ数。",
            "knob_batch_size": "ミニバッチのサイズ（小さいほどノイズが多い）。",
            "knob_lr": "SGD の学習率。",
            "curve": "ステップごとの損失、EMA a={a:g}",
            "raw": "生の値",
            "ema": "EMA {a:g}",
            "step_label": "ステップ",
            "done": (
                "EMA（過去の重み {a:g}）は生の曲線より {ratio:.1f} 倍なめらかですが、"
                "少し遅れてついてきます。バイアス補正がなければ 0 付近から始まってしまいます。"
            ),
            "step": "ステップ {n}",
        },
    },
)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    x, y = digits()
    seed = int(rng.integers(0, 2**31 - 1))
    model = sequential(
        [Dense(32, activation="relu"), Dense(10)],
        64,
        seed,
        "softmax_cross_entropy",
        "sgd",
        knobs["lr"],
    )
    steps = knobs["steps"]
    batch = knobs["batch_size"]
    epochs = int(np.ceil(steps * batch / len(x)))
    raw: list[float] = []
    a = knobs["smoothing"]
    for record in model.fit(x, y, epochs=epochs, batch_size=batch, seed=seed, max_steps=steps):
        if not isinstance(record, StepRecord):
            continue
        raw.append(float(record.loss))
        if len(raw) % 10 == 0 or len(raw) == steps:
            smooth = ema(raw, a)
            final = len(raw) == steps
            metrics = {
                "raw_roughness": roughness(raw),
                "smooth_roughness": roughness(smooth),
                "raw_last": raw[-1],
                "smooth_last": smooth[-1],
            }
            if final:
                plain = ema(raw, a, debias=False)
                metrics["start_bias"] = float(smooth[0] - plain[0])
            yield Frame(
                step=len(raw),
                total=steps,
                plots=[
                    Curves(
                        txt["curve"].format(a=a),
                        {txt["raw"]: list(raw), txt["ema"].format(a=a): smooth},
                        xlabel=txt["step_label"],
                    )
                ],
                metrics=metrics,
                final=final,
                message=(
                    txt["done"].format(
                        a=a,
                        ratio=metrics["raw_roughness"] / max(metrics["smooth_roughness"], 1e-12),
                    )
                    if final
                    else txt["step"].format(n=len(raw))
                ),
            )


LAB = Lab(
    id="09-ema-smoothing",
    lesson="09",
    words=WORDS,
    knobs=(
        float_knob("smoothing", 0.9, 0.0, 0.999),
        int_knob("steps", 300, 10, 5000),
        int_knob("batch_size", 8, 1, 256),
        float_knob("lr", 0.1, 1e-4, 1.0),
    ),
    run_fn=run,
)
