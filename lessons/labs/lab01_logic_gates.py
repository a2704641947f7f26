"""01-logic-gates: AND, OR, NAND with one hand-set perceptron; XOR needs two layers."""

from __future__ import annotations

import itertools

import numpy as np

from dltutor.lessons.words import Words

from .base import Boundary, Frame, Lab, Table, bool_knob, choice_knob, float_knob

INPUTS = np.array([[0, 0], [1, 0], [0, 1], [1, 1]], dtype=float)
TARGETS = {
    "and": np.array([0, 0, 0, 1]),
    "or": np.array([0, 1, 1, 1]),
    "nand": np.array([1, 1, 1, 0]),
    "xor": np.array([0, 1, 1, 0]),
}
# DLFS chapter 2's hand-set weights (w1, w2, b)
HAND = {"and": (0.5, 0.5, -0.7), "or": (0.5, 0.5, -0.2), "nand": (-0.5, -0.5, 0.7)}
EXTENT = (-0.5, 1.5, -0.5, 1.5)

WORDS = Words(
    "lab 01-logic-gates",
    {
        "en": {
            "lab_title": "Logic gates with perceptrons",
            "lab_summary": (
                "Hand-set weights make AND, OR and NAND; no single perceptron makes XOR, "
                "two layers do."
            ),
            "knob_gate": "Which gate to build.",
            "knob_custom": "Use your own w1, w2, b instead of the textbook ones.",
            "knob_w1": "Weight of x1 (with --set custom=on).",
            "knob_w2": "Weight of x2 (with --set custom=on).",
            "knob_b": "Bias: how easily the unit fires.",
            "start": "{gate} with {how}",
            "ok": "ok",
            "wrong": "WRONG",
            "result": (
                "{gate} ({how}): {correct}/4 right. The best single perceptron on a "
                "weight grid gets {single}/4 (w1={w1:g}, w2={w2:g}, b={b:g})."
            ),
            "xor": (" XOR is not linearly separable: one line cannot split it, two layers can."),
            "table": "{gate} truth table",
            "target": "target",
            "output": "output",
            "boundary": "{gate}: where the network outputs 1",
        },
        "ja": {
            "lab_title": "パーセプトロンで論理回路",
            "lab_summary": (
                "手で決めた重みで AND・OR・NAND を作ります。XOR は単一のパーセプトロンでは作れず、"
                "2 層で作れます。"
            ),
            "knob_gate": "作る論理回路。",
            "knob_custom": "教科書の値ではなく、自分で決めた w1, w2, b を使います。",
            "knob_w1": "x1 の重み（custom=on のとき）。",
            "knob_w2": "x2 の重み（custom=on のとき）。",
            "knob_b": "バイアス：ユニットの発火のしやすさ。",
            "start": "{gate}：{how}",
            "ok": "正しい",
            "wrong": "誤り",
            "result": (
                "{gate}（{how}）：4 通り中 {correct} 通りが正解です。重みを格子状に探したとき、"
                "1 つのパーセプトロンで最も良いのは 4 通り中 {single} 通りです（w1={w1:g}, "
                "w2={w2:g}, b={b:g}）。"
            ),
            "xor": (
                "XOR は線形分離できません。1 本の直線では分けられませんが、2 層なら分けられます。"
            ),
            "table": "{gate} の真理値表",
            "target": "正解",
            "output": "出力",
            "boundary": "{gate}：ネットワークが 1 を出力する領域",
        },
    },
)


def perceptron(x: np.ndarray, w1: float, w2: float, b: float) -> np.ndarray:
    """y = 1 if w1·x1 + w2·x2 + b > 0 else 0."""
    return (x[:, 0] * w1 + x[:, 1] * w2 + b > 0).astype(int)


def xor_two_layers(x: np.ndarray) -> np.ndarray:
    """XOR = AND(NAND(x1, x2), OR(x1, x2)): two layers of perceptrons."""
    s = np.stack([perceptron(x, *HAND["nand"]), perceptron(x, *HAND["or"])], axis=1)
    return perceptron(s.astype(float), *HAND["and"])


def best_single(target: np.ndarray) -> tuple[int, tuple[float, float, float]]:
    """Exhaustive search of one perceptron's weights on a grid: the best truth-table score."""
    values = np.round(np.arange(-1.0, 1.01, 0.1), 2)
    best, best_w = -1, (0.0, 0.0, 0.0)
    for w1, w2, b in itertools.product(values, values, values):
        score = int((perceptron(INPUTS, w1, w2, b) == target).sum())
        if score > best:
            best, best_w = score, (float(w1) + 0.0, float(w2) + 0.0, float(b) + 0.0)
    return best, best_w


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    gate = knobs["gate"]
    target = TARGETS[gate]
    if knobs["custom"]:
        weights = (knobs["w1"], knobs["w2"], knobs["b"])
        fn = lambda x: perceptron(x, *weights)  # noqa: E731
        how = f"w1={weights[0]:g}, w2={weights[1]:g}, b={weights[2]:g}"
    elif gate == "xor":
        fn, how = xor_two_layers, "AND(NAND, OR)"
    else:
        weights = HAND[gate]
        fn = lambda x: perceptron(x, *weights)  # noqa: E731
        how = f"w1={weights[0]:g}, w2={weights[1]:g}, b={weights[2]:g}"
    yield Frame(step=0, total=2, message=txt["start"].format(gate=gate.upper(), how=how))
    out = fn(INPUTS)
    single, single_w = best_single(target)
    xs = np.linspace(EXTENT[0], EXTENT[1], 41)
    gx, gy = np.meshgrid(xs, xs)
    grid = fn(np.stack([gx.ravel(), gy.ravel()], axis=1)).reshape(gx.shape).astype(float)
    rows = [
        [int(a), int(b), int(want), int(o), txt["ok"] if o == want else txt["wrong"]]
        for (a, b), want, o in zip(INPUTS, target, out, strict=True)
    ]
    correct = int((out == target).sum())
    metrics = {
        "correct": correct,
        "best_single_perceptron": single,
        "two_layer_xor_correct": int((xor_two_layers(INPUTS) == TARGETS["xor"]).sum()),
    }
    w1, w2, b = single_w
    message = txt["result"].format(
        gate=gate.upper(), how=how, correct=correct, single=single, w1=w1, w2=w2, b=b
    )
    if gate == "xor":
        message += txt["xor"]
    yield Frame(
        step=2,
        total=2,
        final=True,
        metrics=metrics,
        message=message,
        plots=[
            Table(
                txt["table"].format(gate=gate.upper()),
                ["x1", "x2", txt["target"], txt["output"], ""],
                rows,
            ),
            Boundary(
                txt["boundary"].format(gate=gate.upper()),
                grid,
                EXTENT,
                INPUTS,
                target,
                classes=True,
            ),
        ],
    )


LAB = Lab(
    id="01-logic-gates",
    lesson="01",
    words=WORDS,
    knobs=(
        choice_knob("gate", "xor", ("and", "or", "nand", "xor")),
        bool_knob("custom", False),
        float_knob("w1", 0.5, -2, 2),
        float_knob("w2", 0.5, -2, 2),
        float_knob("b", -0.7, -2, 2),
    ),
    run_fn=run,
)
