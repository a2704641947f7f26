"""Generators for lessons 00–02: broadcasting, perceptrons, dense layers and softmax."""

from __future__ import annotations

import math
from typing import Any

from dltutor.lessons.quiz.generators.base import (
    Draft,
    fmt,
    generator,
    numeric,
    pick,
    signed,
    single,
)


def engine_step(a: float) -> int:
    """The perceptron's activation from the engine: 1 where a > 0."""
    from dltutor.engine.functions import step_function

    return int(step_function(a))


def engine_dense_params(n_in: int, units: int) -> int:
    import numpy as np

    from dltutor.engine.layers import Dense

    layer = Dense(units)
    layer.build((None, n_in), np.random.default_rng(0))
    return layer.count_params()


def engine_softmax(x: list[float]) -> list[float]:
    import numpy as np

    from dltutor.engine.functions import softmax

    return [float(v) for v in softmax(np.asarray([x], dtype=np.float64))[0]]


@generator(
    "00-gen-broadcast", lesson="00", section="broadcasting", summary="shape of a broadcast sum"
)
def broadcast_shape(rng: Any) -> Draft:
    import numpy as np

    a0 = int(rng.integers(2, 7))
    a1 = int(rng.integers(2, 6))
    a1 += a1 >= a0  # a1 != a0: every candidate below is a different shape
    variant = int(rng.integers(4))
    a, b = [((a0, a1), (a1,)), ((a0, 1), (a1,)), ((a0, 1), (1, a1)), ((a0, a1), (a0,))][variant]
    try:
        result: tuple[int, ...] | None = tuple(int(v) for v in np.broadcast_shapes(a, b))
    except ValueError:
        result = None
    right = str(result) if result else "error"
    rest = sorted({str((a0, a1)), str((a1, a0)), str((a0,)), str((a0, a0))} - {right})
    others = rest[:3] if result is None else ["error", *rest[:2]]  # "error" is the tempting one
    shapes = {key: key for key in (right, *others)}
    if result is None:
        en_e = (
            f"Align from the right: {a[-1]} against {b[-1]} differ and neither is 1, so NumPy "
            f"raises an error. To add a vector of length {b[0]} along the first axis, reshape "
            f"it to ({b[0]}, 1)."
        )
        ja_e = (
            f"右からそろえると {a[-1]} と {b[-1]} が異なり、どちらも 1 ではないのでエラーに"
            f"なります。長さ {b[0]} のベクトルを最初の軸に沿って足すには ({b[0]}, 1) に "
            "reshape します。"
        )
    else:
        en_e = (
            "Align the shapes from the right, padding the shorter one with 1s on the left; each "
            f"pair must be equal or contain a 1, which is stretched: {a} and {b} give {result}."
        )
        ja_e = (
            "形状を右からそろえ、短い方の左側を 1 で埋めます。各軸は等しいか一方が 1 でなければ"
            f"ならず、1 の軸は引き伸ばされます。{a} と {b} の結果は {result} です。"
        )
    return single(
        right,
        others,
        en={
            "prompt": f"a has shape {a} and b has shape {b}. What is the shape of a + b?",
            "choices": shapes | {"error": "an error: the shapes do not broadcast"},
            "explanation": en_e,
        },
        ja={
            "prompt": f"a の形状が {a}、b の形状が {b} のとき、a + b の形状はどれですか。",
            "choices": shapes | {"error": "エラー（ブロードキャストできない）"},
            "explanation": ja_e,
        },
    )


def _tenths(rng: Any, low: int, high: int) -> float:
    """A multiple of 0.1 in [low/10, high/10], never 0."""
    value = 0
    while value == 0:
        value = int(rng.integers(low, high + 1))
    return value / 10


@generator(
    "01-gen-perceptron-output",
    lesson="01",
    section="weights-and-bias",
    summary="a perceptron's output",
)
def perceptron_output(rng: Any) -> Draft:
    while True:
        w1, w2, b = _tenths(rng, -10, 10), _tenths(rng, -10, 10), _tenths(rng, -10, 10)
        x1, x2 = int(rng.integers(2)), int(rng.integers(2))
        a = round(w1 * x1 + w2 * x2 + b, 10)
        if abs(a) >= 0.05:  # a clear side of the threshold
            break
    y = engine_step(a)
    work = f"{signed(w1)}·{x1} + {signed(w2)}·{x2} + {signed(b)} = {fmt(a)}"
    side = ">" if y else "≤"
    return numeric(
        y,
        en={
            "prompt": (
                f"A perceptron has weights w₁ = {fmt(w1)}, w₂ = {fmt(w2)} and bias b = {fmt(b)}; "
                f"it outputs 1 when w₁x₁ + w₂x₂ + b > 0, else 0. What does it output for "
                f"x = ({x1}, {x2})?"
            ),
            "explanation": (
                f"w₁x₁ + w₂x₂ + b = {work} {side} 0, so y = {y}. The bias is added whatever the "
                "input; an input of 0 switches its weight off."
            ),
        },
        ja={
            "prompt": (
                f"重み w₁ = {fmt(w1)}、w₂ = {fmt(w2)}、バイアス b = {fmt(b)} のパーセプトロンは、"
                "w₁x₁ + w₂x₂ + b > 0 のとき 1、それ以外は 0 を出力します。"
                f"x = ({x1}, {x2}) のときの出力はいくつですか。"
            ),
            "explanation": (
                f"w₁x₁ + w₂x₂ + b = {work} {side} 0 なので y = {y} です。バイアスは入力に"
                "関係なく足されます。入力が 0 なら、その重みは効きません。"
            ),
        },
    )


_GATES = {(0, 0, 0, 1): "and", (0, 1, 1, 1): "or", (1, 1, 1, 0): "nand", (1, 0, 0, 0): "nor"}
_GATE_WORDS = {"and": "AND", "or": "OR", "nand": "NAND", "nor": "NOR", "xor": "XOR"}


@generator("01-gen-gate", lesson="01", section="logic-gates", summary="which gate a perceptron is")
def gate(rng: Any) -> Draft:
    inputs = ((0, 0), (1, 0), (0, 1), (1, 1))
    while True:
        w = float(pick(rng, (0.5, 1.0, -0.5, -1.0)))
        b = _tenths(rng, -20, 20)
        sums = [round(w * x1 + w * x2 + b, 10) for x1, x2 in inputs]
        outputs = tuple(engine_step(a) for a in sums)
        if outputs in _GATES and min(abs(a) for a in sums) >= 0.05:
            break
    right = _GATES[outputs]
    table = "; ".join(
        f"({x1}, {x2}): {fmt(a)} → {y}"
        for (x1, x2), a, y in zip(inputs, sums, outputs, strict=True)
    )
    return single(
        right,
        [k for k in _GATE_WORDS if k != right],
        en={
            "prompt": (
                f"A perceptron has w₁ = w₂ = {fmt(w)} and b = {fmt(b)} (output 1 when "
                "w₁x₁ + w₂x₂ + b > 0). Which logic gate is it?"
            ),
            "choices": _GATE_WORDS,
            "explanation": (
                f"Compute w₁x₁ + w₂x₂ + b for the four inputs: {table}. That truth table is "
                f"{_GATE_WORDS[right]}. XOR is never the answer: no single line separates its "
                "1s from its 0s."
            ),
        },
        ja={
            "prompt": (
                f"w₁ = w₂ = {fmt(w)}、b = {fmt(b)} のパーセプトロン（w₁x₁ + w₂x₂ + b > 0 のとき "
                "1 を出力）はどの論理回路ですか。"
            ),
            "choices": _GATE_WORDS,
            "explanation": (
                f"4 つの入力について w₁x₁ + w₂x₂ + b を計算します：{table}。この真理値表は "
                f"{_GATE_WORDS[right]} です。XOR にはなりません。1 と 0 を 1 本の直線で"
                "分けられないからです。"
            ),
        },
    )


@generator(
    "02-gen-dense-params",
    lesson="02",
    section="layers-as-matrices",
    summary="Dense parameter count",
)
def dense_params(rng: Any) -> Draft:
    n_in = int(pick(rng, (2, 3, 10, 50, 64, 100, 128, 784)))
    units = int(pick(rng, (3, 10, 16, 32, 50, 100, 256)))
    count = engine_dense_params(n_in, units)
    return numeric(
        count,
        en={
            "prompt": (
                f"A fully-connected (Dense / Affine) layer takes {n_in} inputs and has {units} "
                "units, with a bias. How many trainable parameters does it have?"
            ),
            "explanation": (
                f"W has shape ({n_in}, {units}): {n_in}·{units} = {n_in * units} weights, one "
                f"per input-unit pair, plus one bias per unit ({units}): "
                f"{n_in * units} + {units} = {count}. Forgetting the biases gives "
                f"{n_in * units}; the batch size never enters, because the same W is used for "
                "every sample."
            ),
        },
        ja={
            "prompt": (
                f"入力が {n_in} 個、ユニットが {units} 個でバイアスありの全結合層（Dense / Affine）"
                "の学習可能なパラメータはいくつですか。"
            ),
            "explanation": (
                f"W の形状は ({n_in}, {units}) で、入力とユニットの組ごとに 1 つずつ "
                f"{n_in}·{units} = {n_in * units} 個の重みがあります。これにユニットごとの"
                f"バイアス {units} 個を足して {n_in * units} + {units} = {count} です。"
                f"バイアスを忘れると {n_in * units} になります。同じ W をすべてのサンプルに"
                "使うので、バッチサイズは関係しません。"
            ),
        },
    )


@generator("02-gen-softmax", lesson="02", section="output-layer", summary="softmax of a vector")
def softmax_probability(rng: Any) -> Draft:
    x = [int(v) for v in rng.integers(-1, 3, size=3)]
    k = int(rng.integers(3))
    p = engine_softmax(x)
    shifted = [v - max(x) for v in x]
    exps = [math.exp(v) for v in shifted]
    total = sum(exps)
    vec = "(" + ", ".join(str(v) for v in x) + ")"
    work = (
        f"x − max = ({', '.join(str(v) for v in shifted)}); "
        f"exp → ({', '.join(fmt(e, 3) for e in exps)}); "
        f"sum = {' + '.join(fmt(e, 3) for e in exps)} = {fmt(total, 3)}; "
        f"y{k + 1} = {fmt(exps[k], 3)} / {fmt(total, 3)} ≈ {fmt(p[k], 3)}"
    )
    return numeric(
        round(p[k], 3),
        en={
            "prompt": (
                f"What is the softmax output for element {k + 1} of x = {vec}? "
                "Give it to two decimal places or better."
            ),
            "explanation": (
                f"{work}. Subtracting the max changes nothing mathematically (it cancels in the "
                "ratio) but keeps exp from overflowing. Softmax is not x / sum(x): the "
                "exponential makes larger inputs win by more, and negative inputs still get a "
                "positive probability."
            ),
        },
        ja={
            "prompt": (
                f"x = {vec} のソフトマックス関数の出力のうち、{k + 1} 番目の値はいくつですか。"
                "小数第 2 位まで（またはそれ以上の精度で）答えてください。"
            ),
            "explanation": (
                f"{work} です。最大値を引いても比の中で打ち消し合うので結果は変わりませんが、"
                "exp のオーバーフローを防げます。ソフトマックスは x / sum(x) ではありません。"
                "指数関数により大きな入力ほど大きく強調され、負の入力にも正の確率が割り当て"
                "られます。"
            ),
        },
        tolerance=0.006,
    )
