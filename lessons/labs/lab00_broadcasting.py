"""00-broadcasting: NumPy broadcasting rules on two shapes, and why vectorised code is fast."""

from __future__ import annotations

import time

import numpy as np

from dltutor.lessons.words import Words

from .base import Curves, Frame, Images, Lab, Table, choice_knob, int_knob

WORDS = Words(
    "lab 00-broadcasting",
    {
        "en": {
            "lab_title": "NumPy broadcasting playground",
            "lab_summary": (
                "Add arrays of two shapes and see how NumPy stretches axes of size 1 — or refuses."
            ),
            "knob_a": "Shape of a (rows x columns).",
            "knob_b": "Shape of b.",
            "knob_n": "Numbers in the speed test.",
            "match": "axis {axis}: {x} and {y} match",
            "stretch": "axis {axis}: {x} and {y} → the 1 is stretched to {n}",
            "differ": "axis {axis}: {x} and {y} differ and neither is 1 → error",
            "rule": "rule (shapes aligned on the right)",
            "stretched": "a, b (stretched) and a + b",
            "sum_title": "sum of squares of {n:,} numbers",
            "way": "way",
            "seconds": "seconds",
            "result": "result",
            "py_loop": "Python loop",
            "np_dot": "np.dot (C loop)",
            "seconds_log": "seconds (log)",
            "python_loop": "python loop",
            "message": (
                "Shapes are compared from the last axis: equal sizes match, a 1 is "
                "stretched. The vectorised sum was {speedup:.0f}× faster than the Python "
                "loop."
            ),
        },
        "ja": {
            "lab_title": "NumPy のブロードキャスト",
            "lab_summary": (
                "形状の異なる 2 つの配列を足し、"
                "サイズ 1 の軸がどう引き伸ばされるか（またはエラーになるか）を見ます。"
            ),
            "knob_a": "a の形状（行 x 列）。",
            "knob_b": "b の形状。",
            "knob_n": "速度比較に使う数の個数。",
            "match": "軸 {axis}：{x} と {y} は一致します",
            "stretch": "軸 {axis}：{x} と {y} → 1 の側が {n} に引き伸ばされます",
            "differ": "軸 {axis}：{x} と {y} は異なり、どちらも 1 ではありません → エラー",
            "rule": "規則（形状を右端でそろえて比較）",
            "stretched": "a、b（引き伸ばし後）と a + b",
            "sum_title": "{n:,} 個の数の二乗和",
            "way": "方法",
            "seconds": "秒",
            "result": "結果",
            "py_loop": "Python のループ",
            "np_dot": "np.dot（C のループ）",
            "seconds_log": "秒（対数）",
            "python_loop": "Python のループ",
            "message": (
                "形状は最後の軸から比べます。大きさが同じなら一致し、1 は引き伸ばされます。"
                "ベクトル化した和の計算は Python のループの {speedup:.0f} 倍の速さでした。"
            ),
        },
    },
)

SHAPES = ("3x4", "3x1", "1x4", "4", "1", "2x3x4", "2x1x4", "4x3", "3")


def parse(shape: str) -> tuple[int, ...]:
    return tuple(int(p) for p in shape.split("x"))


def explain(
    a: tuple[int, ...], b: tuple[int, ...], lang: str = "en"
) -> tuple[tuple[int, ...] | None, list[str]]:
    """Compare the shapes from the right, as NumPy does; say what happens to each axis."""
    txt = WORDS.of(lang)
    n = max(len(a), len(b))
    pa, pb = (1,) * (n - len(a)) + a, (1,) * (n - len(b)) + b
    steps, out = [], []
    for axis, (x, y) in enumerate(zip(pa, pb, strict=True)):
        if x == y:
            steps.append(txt["match"].format(axis=axis, x=x, y=y))
            out.append(x)
        elif x == 1 or y == 1:
            steps.append(txt["stretch"].format(axis=axis, x=x, y=y, n=max(x, y)))
            out.append(max(x, y))
        else:
            steps.append(txt["differ"].format(axis=axis, x=x, y=y))
            return None, steps
    return tuple(out), steps


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    a_shape, b_shape = parse(knobs["a"]), parse(knobs["b"])
    a = np.arange(int(np.prod(a_shape)), dtype=np.float32).reshape(a_shape)
    b = (np.arange(int(np.prod(b_shape)), dtype=np.float32) * 10).reshape(b_shape)
    expected, steps = explain(a_shape, b_shape, lang)
    try:
        result = a + b
        got = result.shape
        error = ""
    except ValueError as exc:
        result, got, error = None, None, str(exc)
    rows = [[s] for s in steps] + [
        [f"a + b → {got}" if got is not None else f"a + b → ValueError: {error}"]
    ]
    plots = [Table(f"a{a_shape} + b{b_shape}", [txt["rule"]], rows)]
    if result is not None and result.ndim == 2:
        plots.append(
            Images(
                txt["stretched"],
                [("a", np.broadcast_to(a, got)), ("b", np.broadcast_to(b, got)), ("a + b", result)],
                size=min(16, max(got[1] * 2, 4)),
            )
        )
    yield Frame(step=1, total=2, plots=list(plots))
    # why NumPy is fast: one C loop instead of a Python loop
    n = knobs["n"]
    x = rng.standard_normal(n).astype(np.float32)
    t0 = time.perf_counter()
    total = 0.0
    for v in x.tolist():
        total += v * v
    loop_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    vec = float(np.dot(x, x))
    vec_s = max(time.perf_counter() - t0, 1e-9)
    plots.append(
        Table(
            txt["sum_title"].format(n=n),
            [txt["way"], txt["seconds"], txt["result"]],
            [
                [txt["py_loop"], f"{loop_s:.4f}", f"{total:.1f}"],
                [txt["np_dot"], f"{vec_s:.6f}", f"{vec:.1f}"],
            ],
        )
    )
    plots.append(
        Curves(
            txt["seconds_log"],
            {txt["python_loop"]: [loop_s], "numpy": [vec_s]},
            xlabel="",
            logy=True,
        )
    )
    yield Frame(
        step=2,
        total=2,
        final=True,
        plots=plots,
        metrics={
            "broadcast_ok": got is not None,
            "rule_agrees": (expected == got),
            "result_ndim": len(got) if got else 0,
            "loop_s": loop_s,
            "numpy_s": vec_s,
            "speedup": loop_s / vec_s,
        },
        message=txt["message"].format(speedup=loop_s / vec_s),
    )


LAB = Lab(
    id="00-broadcasting",
    lesson="00",
    words=WORDS,
    knobs=(
        choice_knob("a", "3x4", SHAPES),
        choice_knob("b", "1x4", SHAPES),
        int_knob("n", 200_000, 1000, 5_000_000),
    ),
    run_fn=run,
)
