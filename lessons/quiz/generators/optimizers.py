"""Generators for lessons 05–07: optimizer steps, initial weights and dropout."""

from __future__ import annotations

import math
from typing import Any

from dltutor.lessons.quiz.generators.base import Draft, fmt, generator, numeric, pick, signed


def engine_optimizer_steps(name: str, w0: float, grads: list[float], **kwargs: Any) -> float:
    import numpy as np

    from dltutor.engine import optimizers

    opt = getattr(optimizers, name)(**kwargs)
    w = np.array([w0], dtype=np.float64)
    for g in grads:
        opt.step([(w, np.array([g], dtype=np.float64))])
    return float(w[0])


def engine_init_std(kind: str, fan_in: int) -> float:
    from dltutor.engine import initializers

    return float(initializers.he_std(fan_in) if kind == "he" else initializers.xavier_std(fan_in))


def engine_dropout(rate: float, x: float, training: bool) -> float:
    """What the engine's (inverted) Dropout passes on for a unit that outputs `x`; in
    training, the value of a kept unit."""
    import numpy as np

    from dltutor.engine.layers import Dropout

    layer = Dropout(rate, seed=0)
    layer.build((None, 4096), np.random.default_rng(0))
    out = layer.forward(np.full((1, 4096), x, dtype=np.float64), training=training)
    return float(out[out != 0][0])


@generator("05-gen-momentum", lesson="05", section="momentum", summary="two momentum steps")
def momentum_steps(rng: Any) -> Draft:
    lr = float(pick(rng, (0.1, 0.1, 0.2, 0.5)))
    w0 = float(int(rng.integers(-3, 4)))
    g1 = float(int(rng.integers(1, 6)) * pick(rng, (1, -1)))
    g2 = float(int(rng.integers(1, 6)) * pick(rng, (1, -1)))
    w2 = engine_optimizer_steps("Momentum", w0, [g1, g2], lr=lr, momentum=0.9)
    v1 = -lr * g1
    w1 = w0 + v1
    v2 = 0.9 * v1 - lr * g2
    f = fmt
    work = (
        f"v₁ = 0.9·0 − {f(lr)}·({f(g1)}) = {f(v1)}, w₁ = {f(w0)} + ({f(v1)}) = {f(w1)}; "
        f"v₂ = 0.9·({f(v1)}) − {f(lr)}·({f(g2)}) = {f(v2)}, w₂ = {f(w1)} + ({f(v2)}) = {f(w2)}"
    )
    plain = f(w0 - lr * g1 - lr * g2)
    return numeric(
        round(w2, 4),
        en={
            "prompt": (
                f"Momentum SGD with learning rate η = {f(lr)} and momentum μ = 0.9 starts at "
                f"w = {f(w0)} with velocity v = 0. The gradients of the first two steps are "
                f"{f(g1)} and {f(g2)}. What is w after the two steps? (v ← μv − η·g, w ← w + v)"
            ),
            "explanation": (
                f"{work}. The second step carries 0.9 of the first step's velocity: when the "
                "gradients agree the steps grow, when they alternate they damp out. Plain SGD "
                f"would end at {plain}."
            ),
        },
        ja={
            "prompt": (
                f"学習率 η = {f(lr)}、モーメンタム μ = 0.9 の Momentum が、w = {f(w0)}、速度 v = 0 "
                f"から始まります。最初の 2 ステップの勾配は {f(g1)} と {f(g2)} です。"
                "2 ステップ後の w はいくつですか。（v ← μv − η·g、w ← w + v）"
            ),
            "explanation": (
                f"{work} です。2 ステップ目には 1 ステップ目の速度の 0.9 倍が引き継がれます。"
                "勾配の向きがそろえば歩幅が大きくなり、交互に入れ替われば打ち消されます。"
                f"普通の SGD なら {plain} で止まります。"
            ),
        },
        tolerance=0.001,
    )


@generator("05-gen-adam-step", lesson="05", section="adam", summary="Adam's first step")
def adam_first_step(rng: Any) -> Draft:
    lr = float(pick(rng, (0.1, 0.01, 0.001)))
    w0 = float(pick(rng, (0.5, 1.0, -1.0, 2.0, -0.25)))
    g = float(pick(rng, (0.001, 0.02, 0.5, 3.0, 40.0))) * float(pick(rng, (1, -1)))
    w1 = engine_optimizer_steps("Adam", w0, [g], lr=lr)
    f = fmt
    step = math.copysign(lr, g)  # η·g/|g|: the sign of the gradient
    update = f"w = {f(w0)} − {signed(step, 6)} = " + (
        f"{f(w0)} + {f(lr)} = {f(w1, 6)}" if g < 0 else f"{f(w1, 6)}"
    )
    work = f"η·m̂/√v̂ = η·g/|g| = {f(step, 6)}"
    return numeric(
        round(w1, 6),
        en={
            "prompt": (
                f"Adam (β₁ = 0.9, β₂ = 0.999, learning rate {f(lr)}, with bias correction) "
                f"takes its first step from w = {f(w0)}; the gradient is {f(g, 3)}. "
                "What is w after this step?"
            ),
            "explanation": (
                "m = 0.1·g and v = 0.001·g²; bias correction divides by 1 − 0.9 and 1 − 0.999, "
                f"so m̂ = g and v̂ = g². {work}, so {update}. The first Adam step has the size "
                "of the learning rate whatever the gradient's scale; SGD would have moved by "
                f"η·g = {f(lr * g, 6)}."
            ),
        },
        ja={
            "prompt": (
                f"Adam（β₁ = 0.9、β₂ = 0.999、学習率 {f(lr)}、バイアス補正あり）が w = {f(w0)} "
                f"から最初の 1 ステップを進みます。勾配は {f(g, 3)} です。更新後の w はいくつですか。"
            ),
            "explanation": (
                "m = 0.1·g、v = 0.001·g² で、バイアス補正によりそれぞれ 1 − 0.9、1 − 0.999 で"
                f"割るので m̂ = g、v̂ = g² です。{work} なので {update} です。"
                "Adam の最初の 1 歩は勾配の大きさに関係なく学習率と同じ大きさです。"
                f"SGD なら η·g = {f(lr * g, 6)} だけ動きます。"
            ),
        },
        tolerance=max(lr * 0.02, 1e-5),
    )


@generator("06-gen-init-std", lesson="06", section="xavier-and-he", summary="Xavier / He std")
def init_std(rng: Any) -> Draft:
    n = int(pick(rng, (25, 50, 64, 100, 128, 200, 256, 400, 784, 1024)))
    he = bool(rng.integers(2))
    std = engine_init_std("he" if he else "xavier", n)
    act = "ReLU" if he else "sigmoid"
    name = "He" if he else "Xavier"
    formula = f"√(2/{n})" if he else f"√(1/{n})"
    other = fmt(math.sqrt(1 / n) if he else math.sqrt(2 / n), 4)
    return numeric(
        round(std, 5),
        en={
            "prompt": (
                f"A layer with {n} inputs per unit uses the {act} activation. With the usual "
                "initialisation for that activation, what standard deviation should the initial "
                "weights have?"
            ),
            "explanation": (
                f"{name} initialisation suits {act}: std = {formula} = {fmt(std, 4)}. "
                + (
                    "ReLU zeroes half of its inputs, so He doubles the variance to keep the "
                    f"signal's spread from layer to layer; Xavier would give {other} and the "
                    "activations would shrink."
                    if he
                    else "Xavier keeps the spread of a sigmoid/tanh layer's outputs steady; "
                    f"He's √(2/n) = {other} is meant for ReLU."
                )
            ),
        },
        ja={
            "prompt": (
                f"1 ユニットあたり {n} 個の入力を持つ層が {act} 活性化関数を使います。その活性化"
                "関数に適した標準的な初期値を使うとき、重みの標準偏差はいくつにしますか。"
            ),
            "explanation": (
                f"{act} には {name} の初期値が適しており、標準偏差は {formula} = {fmt(std, 4)} "
                "です。"
                + (
                    "ReLU は入力の半分を 0 にするので、He の初期値は分散を 2 倍にして層ごとの"
                    f"広がりを保ちます。Xavier だと {other} になり、活性化が層ごとに縮みます。"
                    if he
                    else "Xavier の初期値は sigmoid や tanh の層の出力の広がりを一定に保ちます。"
                    f"He の √(2/n) = {other} は ReLU 向けです。"
                )
            ),
        },
        tolerance=0.0006,
    )


@generator("07-gen-dropout-scaling", lesson="07", section="dropout", summary="dropout scaling")
def dropout_scaling(rng: Any) -> Draft:
    rate = float(pick(rng, (0.2, 0.25, 0.4, 0.5)))
    x = float(pick(rng, (1.0, 2.0, 3.0, 4.0, 6.0, 8.0)))
    variant = int(rng.integers(3))
    f = fmt
    keep = 1 - rate
    if variant == 0:  # inverted dropout, training: kept units scaled up
        answer = engine_dropout(rate, x, training=True)
        en_p = (
            f"Inverted dropout with rate {f(rate)} is used (as in Keras). During training, a "
            f"unit that outputs {f(x)} and is kept: what value does the dropout layer pass on?"
        )
        ja_p = (
            f"ドロップアウト率 {f(rate)} の inverted dropout（Keras の方式）を使います。訓練中、"
            f"出力 {f(x)} のユニットが残されたとき、ドロップアウト層はいくつを出力しますか。"
        )
        en_e = (
            f"Kept units are divided by the keep probability 1 − {f(rate)} = {f(keep)}: "
            f"{f(x)} / {f(keep)} = {f(answer)}. This keeps the expected output equal to {f(x)}, "
            "so nothing has to change at inference, where every unit is on and the layer passes "
            "values through unchanged."
        )
        ja_e = (
            f"残したユニットは残す確率 1 − {f(rate)} = {f(keep)} で割るので、{f(x)} / {f(keep)} "
            f"= {f(answer)} です。こうすると出力の期待値が {f(x)} のままなので、すべてのユニット"
            "を使う推論時には何も変えず、そのまま値を通すだけで済みます。"
        )
    elif variant == 1:  # inverted dropout at inference: identity
        answer = engine_dropout(rate, x, training=False)
        en_p = (
            f"Inverted dropout with rate {f(rate)} is used (as in Keras). At inference, a unit "
            f"outputs {f(x)}: what value does the dropout layer pass on?"
        )
        ja_p = (
            f"ドロップアウト率 {f(rate)} の inverted dropout（Keras の方式）を使います。推論時に"
            f"ユニットが {f(x)} を出力すると、ドロップアウト層はいくつを出力しますか。"
        )
        en_e = (
            f"{f(answer)}: with inverted dropout the rescaling by 1/(1 − p) already happened in "
            f"training, so at inference the layer is the identity. Multiplying by {f(keep)} is "
            "the rule for the original (non-inverted) dropout of DLFS, which does not scale in "
            "training."
        )
        ja_e = (
            f"{f(answer)} です。inverted dropout では 1/(1 − p) 倍の調整を訓練中に済ませているので、"
            f"推論時のドロップアウト層は何もしません。{f(keep)} を掛けるのは、訓練中に"
            "スケーリングしない元の（DLFS の）ドロップアウトの場合です。"
        )
    else:  # original dropout (DLFS): scale at inference
        answer = x * keep
        en_p = (
            f"Dropout as in DLFS (no scaling in training) drops units with ratio {f(rate)}. At "
            f"inference every unit is on; a unit outputs {f(x)}. What value does the layer pass "
            "on?"
        )
        ja_p = (
            f"DLFS のドロップアウト（訓練中はスケーリングしない）が比率 {f(rate)} でユニットを"
            f"消去します。推論時はすべてのユニットを使い、あるユニットの出力は {f(x)} です。"
            "層はいくつを出力しますか。"
        )
        en_e = (
            f"In training only a share 1 − {f(rate)} = {f(keep)} of the units was on, so at "
            f"inference each output is multiplied by {f(keep)}: {f(x)} · {f(keep)} = "
            f"{f(answer)}, matching what the next layer saw on average. Inverted dropout moves "
            "this scaling into training instead."
        )
        ja_e = (
            f"訓練中は 1 − {f(rate)} = {f(keep)} の割合のユニットしか働いていなかったので、"
            f"推論時は出力に {f(keep)} を掛けて {f(x)} · {f(keep)} = {f(answer)} とし、次の層が"
            "訓練中に平均して受け取っていた大きさに合わせます。inverted dropout はこの"
            "スケーリングを訓練側に移した方式です。"
        )
    return numeric(
        round(answer, 4),
        en={"prompt": en_p, "explanation": en_e},
        ja={"prompt": ja_p, "explanation": ja_e},
        tolerance=0.01,
    )
