"""02-softmax-overflow: exp overflows for large logits; subtracting the max fixes it."""

from __future__ import annotations

import numpy as np

from dltutor.engine.functions import softmax, softmax_naive
from dltutor.engine.layers.activations import softmax as engine_softmax
from dltutor.lessons.words import Words

from .base import Curves, Frame, Lab, Table, choice_knob, float_knob, int_knob

BASE = np.array([10.0, 0.0, -10.0])  # DLFS's [1010, 1000, 990] is BASE + 1000


WORDS = Words(
    "lab 02-softmax-overflow",
    {
        "en": {
            "lab_title": "Softmax overflow and the max trick",
            "lab_summary": (
                "Shift the logits up: naive exp overflows to inf/inf = nan, the stable "
                "form stays correct."
            ),
            "knob_shift": "Largest amount added to the logits [10, 0, -10].",
            "knob_steps": "Number of shifts tried between 0 and shift.",
            "knob_dtype": "Floating-point type.",
            "curve": "P(first class)",
            "naive": "naive exp(a)/Σexp",
            "stable": "stable (a − max)",
            "shift": "shift",
            "row_naive": "naive",
            "row_stable": "stable",
            "row_engine": "engine softmax",
            "table": "softmax at shift {top:g} ({dtype})",
            "values": "values",
            "message": (
                "{dtype}: exp(a) overflows once a > {limit:.1f}; the naive softmax "
                "{where}; subtracting the max keeps it exact (sum = 1)."
            ),
            "from": "turns to nan from shift {shift:.0f}",
            "never": "turns to nan (not reached)",
        },
        "ja": {
            "lab_title": "ソフトマックスのオーバーフローと最大値の引き算",
            "lab_summary": (
                "入力を大きくすると、素朴な実装は inf/inf = nan になります。"
                "最大値を引けば正しいままです。"
            ),
            "knob_shift": "入力 [10, 0, -10] に足す値の最大値。",
            "knob_steps": "0 から shift までに試すずらし幅の数。",
            "knob_dtype": "浮動小数点の型。",
            "curve": "P(最初のクラス)",
            "naive": "素朴な実装 exp(a)/Σexp",
            "stable": "安定な実装 (a − max)",
            "shift": "ずらし幅",
            "row_naive": "素朴な実装",
            "row_stable": "安定な実装",
            "row_engine": "エンジンの softmax",
            "table": "ずらし幅 {top:g} での softmax（{dtype}）",
            "values": "値",
            "message": (
                "{dtype} では a > {limit:.1f} で exp(a) がオーバーフローし、"
                "素朴な softmax は{where}。最大値を引けば正確なままです（和 = 1）。"
            ),
            "from": "ずらし幅 {shift:.0f} から nan になります",
            "never": "今回の範囲では nan になりません",
        },
    },
)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    dtype = np.float32 if knobs["dtype"] == "float32" else np.float64
    top, steps = knobs["shift"], knobs["steps"]
    shifts = np.linspace(0.0, top, steps)
    naive_p, stable_p, engine_p = [], [], []
    first_nan = None
    for i, s in enumerate(shifts):
        logits = (BASE + s).astype(dtype)[None, :]
        n = softmax_naive(logits)[0, 0]
        naive_p.append(float(n))
        stable_p.append(float(softmax(logits)[0, 0]))
        engine_p.append(float(engine_softmax(logits.copy())[0, 0]))
        if first_nan is None and not np.isfinite(n):
            first_nan = float(s)
        if (i + 1) % max(1, steps // 10) == 0 or i == steps - 1:
            yield Frame(
                step=i + 1,
                total=steps,
                plots=[
                    Curves(
                        txt["curve"],
                        {txt["naive"]: list(naive_p), txt["stable"]: list(stable_p)},
                        xlabel=txt["shift"],
                        x=list(shifts[: i + 1]),
                    )
                ],
                metrics={"shift": float(s)},
            )
    final_logits = (BASE + top).astype(dtype)[None, :]
    naive_final = softmax_naive(final_logits)[0]
    stable_final = softmax(final_logits)[0]
    engine_final = engine_softmax(final_logits.copy())[0]
    limit = float(np.log(np.finfo(dtype).max))
    rows = [
        ["logits", ", ".join(f"{v:g}" for v in final_logits[0])],
        [txt["row_naive"], ", ".join(f"{v:.4g}" for v in naive_final)],
        [txt["row_stable"], ", ".join(f"{v:.4g}" for v in stable_final)],
        [txt["row_engine"], ", ".join(f"{v:.4g}" for v in engine_final)],
    ]
    metrics = {
        "naive_nan": bool(not np.isfinite(naive_final).all()),
        "stable_sum": float(stable_final.sum()),
        "engine_sum": float(engine_final.sum()),
        "first_nan_shift": first_nan if first_nan is not None else float("nan"),
        "exp_overflow_at": limit,
    }
    yield Frame(
        step=steps,
        total=steps,
        final=True,
        plots=[
            Curves(
                txt["curve"],
                {txt["naive"]: naive_p, txt["stable"]: stable_p},
                xlabel=txt["shift"],
                x=list(shifts),
            ),
            Table(txt["table"].format(top=top, dtype=knobs["dtype"]), ["", txt["values"]], rows),
        ],
        metrics=metrics,
        message=txt["message"].format(
            dtype=knobs["dtype"],
            limit=limit,
            where=txt["from"].format(shift=first_nan) if first_nan is not None else txt["never"],
        ),
    )


LAB = Lab(
    id="02-softmax-overflow",
    lesson="02",
    words=WORDS,
    knobs=(
        float_knob("shift", 1000.0, 0.0, 5000.0),
        int_knob("steps", 101, 2, 2000),
        choice_knob("dtype", "float32", ("float32", "float64")),
    ),
    run_fn=run,
)
