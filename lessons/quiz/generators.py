"""Parametric questions: fresh numbers each time (a seeded `numpy.random.Generator`), a
worked explanation in English and Japanese, and the answer computed by the engine where
it can (conv output shapes, parameter counts, softmax, optimizer steps, dropout,
initialisation). Each generator makes the same `Question` objects as the banks, of type
numeric or single, with `generated=True` and a stable id `NN-gen-name`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dltutor.lessons.quiz.model import Question, Wording


@dataclass(frozen=True)
class QuestionGenerator:
    id: str
    lesson: str
    section: str
    summary: str
    build: Callable[[Any], Question]

    def make(self, rng: Any) -> Question:
        """A fresh question drawn with `rng` (a `numpy.random.Generator`)."""
        return self.build(rng)


def _q(
    gen_id: str,
    lesson: str,
    section: str,
    kind: str,
    answer: Any,
    en: dict,
    ja: dict,
    tolerance: float = 0.0,
) -> Question:
    return Question(
        id=gen_id,
        lesson=lesson,
        type=kind,
        section=section,
        answer=answer,
        text={"en": Wording(**en), "ja": Wording(**ja)},
        tolerance=tolerance,
        generated=True,
        source="generator",
    )


def _pick(rng: Any, values: list | tuple) -> Any:
    return values[int(rng.integers(len(values)))]


def _fmt(x: float, digits: int = 4) -> str:
    text = f"{x:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# --- engine bridges (numpy and the engine are imported only when a question is made) ---


def engine_conv_output(
    h: int, w: int, fh: int, fw: int, stride: int, pad: int, channels: int = 1, filters: int = 1
) -> tuple[int, int]:
    """(OH, OW) from the engine: `functions.conv_output_size`, else `Conv2D.output_shape`."""
    try:
        from dltutor.engine.functions import conv_output_size

        return (
            int(conv_output_size(h, fh, stride, pad)),
            int(conv_output_size(w, fw, stride, pad)),
        )
    except ImportError:
        pass
    from dltutor.engine.layers import Conv2D

    shape = Conv2D(filters, (fh, fw), strides=stride, padding=pad).output_shape(
        (None, channels, h, w)
    )
    return int(shape[-2]), int(shape[-1])


def engine_conv_params(channels: int, filters: int, k: int, h: int = 8) -> int:
    import numpy as np

    from dltutor.engine.layers import Conv2D

    layer = Conv2D(filters, k)
    layer.build((None, channels, h, h), np.random.default_rng(0))
    return layer.count_params()


def engine_dense_params(n_in: int, units: int, use_bias: bool = True) -> int:
    import numpy as np

    from dltutor.engine.layers.core import Dense

    layer = Dense(units, use_bias=use_bias)
    layer.build((None, n_in), np.random.default_rng(0))
    return layer.count_params()


def engine_softmax(x: list[float]) -> list[float]:
    import numpy as np

    try:
        from dltutor.engine.functions import softmax
    except ImportError:
        from dltutor.engine.layers.activations import softmax
    return [float(v) for v in softmax(np.asarray([x], dtype=np.float64))[0]]


def engine_optimizer_steps(name: str, w0: float, grads: list[float], **kwargs: Any) -> float:
    import numpy as np

    from dltutor.engine import optimizers

    opt = getattr(optimizers, name)(**kwargs)
    w = np.array([w0], dtype=np.float64)
    for g in grads:
        opt.step([(w, np.array([g], dtype=np.float64))])
    return float(w[0])


def engine_dropout_train_scale(rate: float) -> float:
    """The factor the engine's Dropout applies to a kept unit in training."""
    import numpy as np

    from dltutor.engine.layers.core import Dropout

    layer = Dropout(rate, seed=0)
    layer.build((None, 4096), np.random.default_rng(0))
    out = layer.forward(np.ones((1, 4096), dtype=np.float64), training=True)
    kept = out[out != 0]
    return float(kept[0])


def engine_dropout_inference(rate: float, x: float) -> float:
    import numpy as np

    from dltutor.engine.layers.core import Dropout

    layer = Dropout(rate, seed=0)
    layer.build((None, 1), np.random.default_rng(0))
    return float(layer.forward(np.array([[x]], dtype=np.float64), training=False)[0, 0])


def engine_init_std(kind: str, fan_in: int) -> float:
    from dltutor.engine import initializers

    return float(initializers.he_std(fan_in) if kind == "he" else initializers.xavier_std(fan_in))


def ema(values: list[float], factor: float) -> list[float]:
    """DLwP's smooth_curve: the first point as is, then factor·previous + (1 − factor)·point."""
    out: list[float] = []
    for v in values:
        out.append(out[-1] * factor + v * (1 - factor) if out else v)
    return out


# --- the generators ------------------------------------------------------------------------


def conv_output(rng: Any) -> Question:
    while True:
        fh = int(_pick(rng, (3, 5, 7)))
        stride = int(_pick(rng, (1, 2, 2, 3)))
        pad = int(_pick(rng, (0, 1, 2)))
        h = int(rng.integers(6, 33))
        w = int(rng.integers(6, 33))
        if (
            (h + 2 * pad - fh) % stride == 0
            and (w + 2 * pad - fh) % stride == 0
            and h + 2 * pad >= fh
        ):
            break
    c = int(_pick(rng, (1, 3, 16)))
    oh, ow = engine_conv_output(h, w, fh, fh, stride, pad, channels=c)
    work = f"OH = (H + 2P − FH)/S + 1 = ({h} + 2·{pad} − {fh})/{stride} + 1 = {h + 2 * pad - fh}/{stride} + 1 = {oh}"
    return _q(
        "10-gen-conv-output",
        "10",
        "padding-and-stride",
        "numeric",
        float(oh),
        en={
            "prompt": (
                f"An input of shape (C, H, W) = ({c}, {h}, {w}) goes through a convolution "
                f"with {fh}×{fh} filters, padding P = {pad} and stride S = {stride}. "
                "What is the output height OH?"
            ),
            "explanation": (
                f"{work}. The same rule gives OW = ({w} + 2·{pad} − {fh})/{stride} + 1 = {ow}. "
                "Padding adds P rows on both sides (hence 2P); the filter needs FH rows, "
                "and every S-th position is used. The number of channels does not enter: "
                "it only sets the depth of each filter."
            ),
        },
        ja={
            "prompt": (
                f"形状 (C, H, W) = ({c}, {h}, {w}) の入力を、{fh}×{fh} のフィルター、"
                f"パディング P = {pad}、ストライド S = {stride} で畳み込みます。"
                "出力の高さ OH はいくつですか。"
            ),
            "explanation": (
                f"{work} です。同じ式で OW = ({w} + 2·{pad} − {fh})/{stride} + 1 = {ow} です。"
                "パディングは上下両側に P 行ずつ足されるので 2P、フィルターは FH 行を使い、"
                "S 行おきに位置をずらします。チャンネル数はフィルターの奥行きを決めるだけで、"
                "出力サイズには影響しません。"
            ),
        },
    )


def dense_params(rng: Any) -> Question:
    n_in = int(_pick(rng, (2, 3, 10, 50, 64, 100, 128, 784)))
    units = int(_pick(rng, (3, 10, 16, 32, 50, 100, 256)))
    count = engine_dense_params(n_in, units)
    return _q(
        "02-gen-dense-params",
        "02",
        "layers-as-matrices",
        "numeric",
        float(count),
        en={
            "prompt": (
                f"A fully-connected (Dense / Affine) layer takes {n_in} inputs and has {units} "
                "units, with a bias. How many trainable parameters does it have?"
            ),
            "explanation": (
                f"W has shape ({n_in}, {units}): {n_in}·{units} = {n_in * units} weights, one per "
                f"input-unit pair, plus one bias per unit ({units}): "
                f"{n_in * units} + {units} = {count}. Forgetting the biases gives {n_in * units}; "
                "the batch size never enters, because the same W is used for every sample."
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
                f"バイアスを忘れると {n_in * units} になります。同じ W をすべてのサンプルに使うので、"
                "バッチサイズは関係しません。"
            ),
        },
    )


def conv_params(rng: Any) -> Question:
    c = int(_pick(rng, (1, 3, 16, 32, 64)))
    f = int(_pick(rng, (8, 16, 30, 32, 64)))
    k = int(_pick(rng, (1, 3, 5)))
    count = engine_conv_params(c, f, k)
    per = k * k * c
    return _q(
        "10-gen-conv-params",
        "10",
        "filters-and-feature-maps",
        "numeric",
        float(count),
        en={
            "prompt": (
                f"A Conv2D layer with {f} filters of size {k}×{k} (with biases) is applied to an "
                f"input with {c} channels of size 28×28. How many trainable parameters does it have?"
            ),
            "explanation": (
                f"Each filter spans all {c} input channels: {k}·{k}·{c} = {per} weights, plus "
                f"one bias, so {per + 1} per filter; {f} filters give ({per} + 1)·{f} = {count}. "
                "The 28×28 image size does not matter: the same filter weights are shared over "
                "every position, which is why a conv layer has far fewer parameters than a "
                "dense one."
            ),
        },
        ja={
            "prompt": (
                f"{k}×{k} のフィルターを {f} 枚（バイアスあり）持つ Conv2D 層を、チャンネル数 {c}、"
                "大きさ 28×28 の入力に適用します。学習可能なパラメータはいくつですか。"
            ),
            "explanation": (
                f"各フィルターは入力の {c} チャンネルすべてにまたがるので、重みは "
                f"{k}·{k}·{c} = {per} 個、これにバイアス 1 個で 1 枚あたり {per + 1} 個です。"
                f"{f} 枚で ({per} + 1)·{f} = {count} になります。28×28 という画像の大きさは"
                "関係しません。同じフィルターの重みをすべての位置で共有するので、"
                "畳み込み層のパラメータは全結合層よりずっと少なくなります。"
            ),
        },
    )


def iterations_per_epoch(rng: Any) -> Question:
    batch = int(_pick(rng, (16, 32, 50, 64, 100, 128, 200, 250)))
    steps = int(rng.integers(4, 400))
    n = batch * steps
    epochs = int(_pick(rng, (1, 1, 2, 5, 10)))
    total = steps * epochs
    if epochs == 1:
        en_p = (
            f"A training set has {n:,} samples and the mini-batch size is {batch}. How many "
            "iterations (parameter updates) make one epoch?"
        )
        ja_p = (
            f"訓練データが {n:,} 個、ミニバッチのサイズが {batch} です。1 エポックは何イテレーション"
            "（パラメータの更新回数）ですか。"
        )
    else:
        en_p = (
            f"A training set has {n:,} samples, the mini-batch size is {batch} and training runs "
            f"for {epochs} epochs. How many iterations (parameter updates) is that in total?"
        )
        ja_p = (
            f"訓練データが {n:,} 個、ミニバッチのサイズが {batch} で、{epochs} エポック学習します。"
            "イテレーション（パラメータの更新回数）は合計いくつですか。"
        )
    work = f"{n:,} / {batch} = {steps}"
    return _q(
        "03-gen-iterations",
        "03",
        "training-loop",
        "numeric",
        float(total),
        en={
            "prompt": en_p,
            "explanation": (
                f"One epoch sees every sample once, one batch per update: {work} iterations per "
                "epoch"
                + (f", times {epochs} epochs = {total}." if epochs > 1 else ".")
                + " The answer is not the number of samples: each iteration uses a whole batch."
            ),
        },
        ja={
            "prompt": ja_p,
            "explanation": (
                f"1 エポックはすべてのサンプルを 1 回ずつ使うことで、1 回の更新に 1 バッチを使うので "
                f"{work} イテレーションです"
                + (
                    f"。{epochs} エポックでは {steps}·{epochs} = {total} です。"
                    if epochs > 1
                    else "。"
                )
                + "サンプル数そのものではありません。1 回のイテレーションでバッチ全体を使います。"
            ),
        },
    )


def softmax_probability(rng: Any) -> Question:
    x = [int(v) for v in rng.integers(-1, 3, size=3)]
    k = int(rng.integers(3))
    p = engine_softmax(x)
    answer = round(p[k], 3)
    m = max(x)
    shifted = [v - m for v in x]
    exps = [math.exp(v) for v in shifted]
    total = sum(exps)
    exp_text = " + ".join(_fmt(e, 3) for e in exps)
    vec = "(" + ", ".join(str(v) for v in x) + ")"
    work = (
        f"x − max = ({', '.join(str(v) for v in shifted)}); exp → ({', '.join(_fmt(e, 3) for e in exps)}); "
        f"sum = {exp_text} = {_fmt(total, 3)}; y{k + 1} = {_fmt(exps[k], 3)} / {_fmt(total, 3)} ≈ {_fmt(p[k], 3)}"
    )
    return _q(
        "02-gen-softmax",
        "02",
        "output-layer",
        "numeric",
        answer,
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
                "指数関数により大きな入力ほど大きく強調され、負の入力にも正の確率が割り当てられます。"
            ),
        },
        tolerance=0.006,
    )


def momentum_steps(rng: Any) -> Question:
    lr = float(_pick(rng, (0.1, 0.1, 0.2, 0.5)))
    mu = 0.9
    w0 = float(int(rng.integers(-3, 4)))
    g1 = float(int(rng.integers(1, 6)) * _pick(rng, (1, -1)))
    g2 = float(int(rng.integers(1, 6)) * _pick(rng, (1, -1)))
    w2 = engine_optimizer_steps("Momentum", w0, [g1, g2], lr=lr, momentum=mu)
    v1 = -lr * g1
    w1 = w0 + v1
    v2 = mu * v1 - lr * g2
    f = _fmt
    work = (
        f"v₁ = 0.9·0 − {f(lr)}·({f(g1)}) = {f(v1)}, w₁ = {f(w0)} + ({f(v1)}) = {f(w1)}; "
        f"v₂ = 0.9·({f(v1)}) − {f(lr)}·({f(g2)}) = {f(v2)}, w₂ = {f(w1)} + ({f(v2)}) = {f(w2)}"
    )
    return _q(
        "05-gen-momentum",
        "05",
        "momentum",
        "numeric",
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
                f"would end at {f(w0 - lr * g1 - lr * g2)}."
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
                f"普通の SGD なら {f(w0 - lr * g1 - lr * g2)} で止まります。"
            ),
        },
        tolerance=0.001,
    )


def adam_first_step(rng: Any) -> Question:
    lr = float(_pick(rng, (0.1, 0.01, 0.001)))
    w0 = float(_pick(rng, (0.5, 1.0, -1.0, 2.0, -0.25)))
    g = float(_pick(rng, (0.001, 0.02, 0.5, 3.0, 40.0))) * float(_pick(rng, (1, -1)))
    w1 = engine_optimizer_steps("Adam", w0, [g], lr=lr)
    f = _fmt
    sign = "+" if g < 0 else "−"
    return _q(
        "05-gen-adam-step",
        "05",
        "adam",
        "numeric",
        round(w1, 6),
        en={
            "prompt": (
                f"Adam (β₁ = 0.9, β₂ = 0.999, learning rate {f(lr)}, with bias correction) "
                f"takes its first step from w = {f(w0)}; the gradient is {f(g, 3)}. "
                "What is w after this step?"
            ),
            "explanation": (
                f"m = 0.1·g and v = 0.001·g²; bias correction divides by 1 − 0.9 and "
                f"1 − 0.999, so m̂ = g and v̂ = g². The step is η·m̂/√v̂ = η·g/|g| = "
                f"{sign}{f(lr)}: w = {f(w0)} {sign} {f(lr)} = {f(w1, 6)}. The first Adam step "
                "has the size of the learning rate whatever the gradient's scale; SGD would "
                f"have moved by η·g = {f(lr * g, 6)}."
            ),
        },
        ja={
            "prompt": (
                f"Adam（β₁ = 0.9、β₂ = 0.999、学習率 {f(lr)}、バイアス補正あり）が w = {f(w0)} "
                f"から最初の 1 ステップを進みます。勾配は {f(g, 3)} です。更新後の w はいくつですか。"
            ),
            "explanation": (
                f"m = 0.1·g、v = 0.001·g² で、バイアス補正によりそれぞれ 1 − 0.9、1 − 0.999 "
                f"で割るので m̂ = g、v̂ = g² です。更新量は η·m̂/√v̂ = η·g/|g| = {sign}{f(lr)} "
                f"となり、w = {f(w0)} {sign} {f(lr)} = {f(w1, 6)} です。Adam の最初の 1 歩は勾配の"
                f"大きさに関係なく学習率と同じ大きさです。SGD なら η·g = {f(lr * g, 6)} だけ動きます。"
            ),
        },
        tolerance=max(lr * 0.02, 1e-5),
    )


def dropout_scaling(rng: Any) -> Question:
    rate = float(_pick(rng, (0.2, 0.25, 0.4, 0.5)))
    x = float(_pick(rng, (1.0, 2.0, 3.0, 4.0, 6.0, 8.0)))
    variant = int(rng.integers(3))
    f = _fmt
    keep = 1 - rate
    if variant == 0:  # inverted dropout, training: kept units scaled up
        answer = x * engine_dropout_train_scale(rate)
        en_p = (
            f"Inverted dropout with rate {f(rate)} is used (as in Keras). During training, a unit "
            f"that outputs {f(x)} and is kept: what value does the dropout layer pass on?"
        )
        ja_p = (
            f"ドロップアウト率 {f(rate)} の inverted dropout（Keras の方式）を使います。訓練中、"
            f"出力 {f(x)} のユニットが残されたとき、ドロップアウト層はいくつを出力しますか。"
        )
        en_e = (
            f"Kept units are divided by the keep probability 1 − {f(rate)} = {f(keep)}: {f(x)} / {f(keep)} = "
            f"{f(answer)}. This keeps the expected output equal to {f(x)}, so nothing has to change at "
            "inference, where every unit is on and the layer passes values through unchanged."
        )
        ja_e = (
            f"残したユニットは残す確率 1 − {f(rate)} = {f(keep)} で割るので、{f(x)} / {f(keep)} = "
            f"{f(answer)} です。こうすると出力の期待値が {f(x)} のままなので、すべてのユニットを使う"
            "推論時には何も変えず、そのまま値を通すだけで済みます。"
        )
    elif variant == 1:  # inverted dropout at inference: identity
        answer = engine_dropout_inference(rate, x)
        en_p = (
            f"Inverted dropout with rate {f(rate)} is used (as in Keras). At inference, a unit "
            f"outputs {f(x)}: what value does the dropout layer pass on?"
        )
        ja_p = (
            f"ドロップアウト率 {f(rate)} の inverted dropout（Keras の方式）を使います。推論時に"
            f"ユニットが {f(x)} を出力すると、ドロップアウト層はいくつを出力しますか。"
        )
        en_e = (
            f"{f(x)}: with inverted dropout the rescaling by 1/(1 − p) already happened in training, "
            f"so at inference the layer is the identity. Multiplying by {f(keep)} is the rule for the "
            "original (non-inverted) dropout of DLFS, which does not scale in training."
        )
        ja_e = (
            f"{f(x)} です。inverted dropout では 1/(1 − p) 倍の調整を訓練中に済ませているので、"
            f"推論時のドロップアウト層は何もしません。{f(keep)} を掛けるのは、訓練中に"
            "スケーリングしない元の（DLFS の）ドロップアウトの場合です。"
        )
    else:  # original dropout (DLFS): scale at inference
        answer = x * keep
        en_p = (
            f"Dropout as in DLFS (no scaling in training) drops units with ratio {f(rate)}. At "
            f"inference every unit is on; a unit outputs {f(x)}. What value does the layer pass on?"
        )
        ja_p = (
            f"DLFS のドロップアウト（訓練中はスケーリングしない）が比率 {f(rate)} でユニットを消去します。"
            f"推論時はすべてのユニットを使い、あるユニットの出力は {f(x)} です。層はいくつを出力しますか。"
        )
        en_e = (
            f"In training only a share 1 − {f(rate)} = {f(keep)} of the units was on, so at inference each "
            f"output is multiplied by {f(keep)}: {f(x)} · {f(keep)} = {f(answer)}, matching what the next "
            "layer saw on average. Inverted dropout moves this scaling into training instead."
        )
        ja_e = (
            f"訓練中は 1 − {f(rate)} = {f(keep)} の割合のユニットしか働いていなかったので、推論時は出力に "
            f"{f(keep)} を掛けて {f(x)} · {f(keep)} = {f(answer)} とし、次の層が訓練中に平均して受け取って"
            "いた大きさに合わせます。inverted dropout はこのスケーリングを訓練側に移した方式です。"
        )
    return _q(
        "07-gen-dropout-scaling",
        "07",
        "dropout",
        "numeric",
        round(answer, 4),
        en={"prompt": en_p, "explanation": en_e},
        ja={"prompt": ja_p, "explanation": ja_e},
        tolerance=0.01,
    )


def ema_smoothing(rng: Any) -> Question:
    factor = float(_pick(rng, (0.5, 0.8, 0.9)))
    values = [float(v) for v in rng.integers(0, 11, size=4)]
    smooth = ema(values, factor)
    f = _fmt
    steps = [f"s₁ = {f(values[0])}"]
    for i in range(1, len(values)):
        steps.append(
            f"s{'₁₂₃₄'[i]} = {f(factor)}·{f(smooth[i - 1])} + {f(1 - factor)}·{f(values[i])} = {f(smooth[i])}"
        )
    work = "; ".join(steps)
    series = ", ".join(f(v) for v in values)
    return _q(
        "09-gen-ema",
        "09",
        "smoothing-curves",
        "numeric",
        round(smooth[-1], 4),
        en={
            "prompt": (
                f"A noisy validation curve reads {series}. It is smoothed with an exponential moving "
                f"average with factor {f(factor)}: the first point is kept, then "
                f"s = {f(factor)}·previous + {f(1 - factor)}·point. What is the last smoothed value?"
            ),
            "explanation": (
                f"{work}. A factor near 1 remembers more of the past (smoother, but lagging); the "
                f"plain mean of the last points ({f(sum(values) / len(values))}) is not the same, "
                "because recent points weigh more."
            ),
        },
        ja={
            "prompt": (
                f"ノイズの多い検証曲線の値が {series} です。係数 {f(factor)} の指数移動平均で平滑化します。"
                f"最初の点はそのまま使い、以降は s = {f(factor)}·直前の値 + {f(1 - factor)}·その点 です。"
                "最後の平滑化された値はいくつですか。"
            ),
            "explanation": (
                f"{work} です。係数が 1 に近いほど過去をよく覚えていて滑らかになりますが、"
                f"変化への追従は遅れます。単純平均（{f(sum(values) / len(values))}）とは異なり、"
                "新しい点ほど重く扱われます。"
            ),
        },
        tolerance=0.01,
    )


_HEADS = {
    "sigmoid-bce": ("sigmoid + binary_crossentropy", "sigmoid + binary_crossentropy"),
    "softmax-cce": ("softmax + categorical_crossentropy", "softmax + categorical_crossentropy"),
    "softmax-sparse": (
        "softmax + sparse_categorical_crossentropy",
        "softmax + sparse_categorical_crossentropy",
    ),
    "none-mse": ("no activation (linear) + mse", "活性化なし（恒等関数）+ mse"),
    "relu-cce": ("relu + categorical_crossentropy", "relu + categorical_crossentropy"),
    "softmax-mse": ("softmax + mse", "softmax + mse"),
}
_TASKS = [
    (
        "sigmoid-bce",
        "Classify movie reviews as positive or negative (labels 0 or 1).",
        "映画レビューを肯定・否定に分類する（ラベルは 0 か 1）。",
        "Two classes need one output unit with a sigmoid (the probability of class 1) and binary "
        "cross-entropy. softmax over two units also works but is wasteful; softmax with one unit is always 1.",
        "2 クラスなら出力ユニット 1 個に sigmoid（クラス 1 の確率）と binary cross-entropy を使います。"
        "2 ユニットの softmax も可能ですが無駄があり、1 ユニットの softmax は常に 1 になってしまいます。",
    ),
    (
        "softmax-cce",
        "Assign each newswire to exactly one of 46 topics; the labels are one-hot vectors.",
        "ニュース記事を 46 のトピックのどれか 1 つに分類する。ラベルは one-hot ベクトル。",
        "Single-label, many classes: softmax turns 46 scores into one probability distribution, and "
        "categorical cross-entropy compares it with the one-hot label. The sparse variant is for integer labels.",
        "1 つだけのラベルで多クラスなら、softmax で 46 個のスコアを 1 つの確率分布にし、one-hot ラベルと "
        "categorical cross-entropy で比べます。sparse 版は整数ラベル用です。",
    ),
    (
        "softmax-sparse",
        "Recognise handwritten digits 0–9; each label is stored as an integer such as 7.",
        "手書き数字 0〜9 を認識する。ラベルは 7 のような整数で保存されている。",
        "Single-label, ten classes, so softmax; with integer labels the loss is "
        "sparse_categorical_crossentropy, which is the same loss as categorical cross-entropy without "
        "one-hot encoding the labels first.",
        "1 つだけのラベルで 10 クラスなので softmax を使います。ラベルが整数なら損失は "
        "sparse_categorical_crossentropy で、ラベルを one-hot にしない点を除けば categorical cross-entropy と同じです。",
    ),
    (
        "sigmoid-bce",
        "Tag each photo with every label that applies (beach, dog, sunset…); a photo can have several.",
        "写真に当てはまるラベル（海、犬、夕日…）をすべて付ける。1 枚に複数のラベルが付くこともある。",
        "Multi-label: each tag is its own yes/no question, so one sigmoid per tag and binary "
        "cross-entropy. softmax would force the tags to compete for one unit of probability.",
        "マルチラベルでは各タグが独立した yes/no の問題なので、タグごとに sigmoid を置き binary "
        "cross-entropy を使います。softmax だとタグどうしが合計 1 の確率を奪い合ってしまいます。",
    ),
    (
        "none-mse",
        "Predict the price of a house in dollars from 13 features.",
        "13 個の特徴量から住宅価格（ドル）を予測する。",
        "Regression of an unbounded number: no activation on the last unit, so any value can come out, "
        "and mean squared error as the loss (MAE as a readable metric). A sigmoid would cap outputs at 1.",
        "範囲に制限のない数値の回帰なので、最後のユニットには活性化関数を付けず（どんな値でも出せるように）、"
        "損失は平均二乗誤差、指標には読みやすい MAE を使います。sigmoid だと出力が 1 以下に制限されます。",
    ),
]


def last_layer(rng: Any) -> Question:
    right, en_task, ja_task, en_why, ja_why = _TASKS[int(rng.integers(len(_TASKS)))]
    others = [k for k in _HEADS if k != right]
    picks = [others[i] for i in rng.permutation(len(others))[:3]]
    keys = [right, *picks]
    keys.sort()  # stored order is fixed; display order is shuffled by the session
    answer = keys.index(right)
    return _q(
        "09-gen-last-layer",
        "09",
        "last-layer-and-loss",
        "single",
        answer,
        en={
            "prompt": f"Task: {en_task} Which last-layer activation and loss fit?",
            "choices": tuple(_HEADS[k][0] for k in keys),
            "explanation": en_why,
        },
        ja={
            "prompt": f"タスク：{ja_task} 最後の層の活性化関数と損失関数はどれが適切ですか。",
            "choices": tuple(_HEADS[k][1] for k in keys),
            "explanation": ja_why,
        },
    )


def init_std(rng: Any) -> Question:
    n = int(_pick(rng, (25, 50, 64, 100, 128, 200, 256, 400, 784, 1024)))
    he = bool(rng.integers(2))
    kind = "he" if he else "xavier"
    std = engine_init_std(kind, n)
    act_en = "ReLU" if he else "sigmoid"
    f = _fmt
    formula = f"√(2/{n})" if he else f"√(1/{n})"
    other = math.sqrt(1 / n) if he else math.sqrt(2 / n)
    return _q(
        "06-gen-init-std",
        "06",
        "xavier-and-he",
        "numeric",
        round(std, 5),
        en={
            "prompt": (
                f"A layer with {n} inputs per unit uses the {act_en} activation. With the usual "
                "initialisation for that activation, what standard deviation should the initial "
                "weights have?"
            ),
            "explanation": (
                f"{'He' if he else 'Xavier'} initialisation suits {act_en}: std = {formula} = "
                f"{f(std, 4)}. "
                + (
                    "ReLU zeroes half of its inputs, so He doubles the variance "
                    "to keep the signal's spread from layer to layer; Xavier "
                    f"would give {f(other, 4)} and the activations would shrink."
                    if he
                    else "Xavier keeps the spread of a sigmoid/tanh layer's outputs "
                    f"steady; He's √(2/n) = {f(other, 4)} is meant for ReLU."
                )
            ),
        },
        ja={
            "prompt": (
                f"1 ユニットあたり {n} 個の入力を持つ層が {act_en} 活性化関数を使います。その活性化関数に"
                "適した標準的な初期値を使うとき、重みの標準偏差はいくつにしますか。"
            ),
            "explanation": (
                f"{act_en} には {'He' if he else 'Xavier'} の初期値が適しており、"
                f"標準偏差は {formula} = {f(std, 4)} です。"
                + (
                    "ReLU は入力の半分を 0 にするので、He の初期値は分散を 2 倍にして層ごとの"
                    f"広がりを保ちます。Xavier だと {f(other, 4)} になり、活性化が層ごとに縮みます。"
                    if he
                    else "Xavier の初期値は sigmoid や tanh の層の出力の広がりを一定に保ちます。"
                    f"He の √(2/n) = {f(other, 4)} は ReLU 向けです。"
                )
            ),
        },
        tolerance=0.0006,
    )


def broadcast_shape(rng: Any) -> Question:
    import numpy as np

    cases = [
        ((int(rng.integers(2, 7)), int(rng.integers(2, 7))), None),
    ]
    a0, a1 = cases[0][0]
    variant = int(rng.integers(4))
    if variant == 0:
        a, b = (a0, a1), (a1,)
    elif variant == 1:
        a, b = (a0, 1), (a1,)
    elif variant == 2:
        a, b = (a0, 1), (1, a1)
    else:
        a1 = a1 if a1 != a0 else a1 + 1
        a, b = (a0, a1), (a0,)
    try:
        result: tuple[int, ...] | None = tuple(int(v) for v in np.broadcast_shapes(a, b))
    except ValueError:
        result = None
    candidates = {
        str(result) if result else "error",
        str((a0, a1)),
        str((a1, a0)),
        str((a0,)),
        str((a0, a0)),
        "error",
    }
    right = str(result) if result else "error"
    rest = sorted(c for c in candidates if c not in (right, "error"))
    others = rest[:3] if right == "error" else ["error", *rest[:2]]  # "error" is the tempting one
    stored = sorted([right, *others])
    answer = stored.index(right)
    en_choices = tuple(
        "an error: the shapes do not broadcast" if c == "error" else c for c in stored
    )
    ja_choices = tuple("エラー（ブロードキャストできない）" if c == "error" else c for c in stored)
    if result is None:
        en_e = (
            f"Align from the right: {a[-1]} against {b[-1]} differ and neither is 1, so NumPy raises "
            f"an error. To add a vector of length {b[0]} along the first axis, reshape it to ({b[0]}, 1)."
        )
        ja_e = (
            f"右からそろえると {a[-1]} と {b[-1]} が異なり、どちらも 1 ではないのでエラーになります。"
            f"長さ {b[0]} のベクトルを最初の軸に沿って足すには ({b[0]}, 1) に reshape します。"
        )
    else:
        en_e = (
            f"Align the shapes from the right, padding the shorter one with 1s on the left; each pair "
            f"must be equal or contain a 1, which is stretched: {a} and {b} give {result}."
        )
        ja_e = (
            f"形状を右からそろえ、短い方の左側を 1 で埋めます。各軸は等しいか一方が 1 でなければならず、"
            f"1 の軸は引き伸ばされます。{a} と {b} の結果は {result} です。"
        )
    return _q(
        "00-gen-broadcast",
        "00",
        "broadcasting",
        "single",
        answer,
        en={
            "prompt": f"a has shape {a} and b has shape {b}. What is the shape of a + b?",
            "choices": en_choices,
            "explanation": en_e,
        },
        ja={
            "prompt": f"a の形状が {a}、b の形状が {b} のとき、a + b の形状はどれですか。",
            "choices": ja_choices,
            "explanation": ja_e,
        },
    )


GENERATORS: tuple[QuestionGenerator, ...] = (
    QuestionGenerator(
        "00-gen-broadcast", "00", "broadcasting", "shape of a broadcast sum", broadcast_shape
    ),
    QuestionGenerator(
        "02-gen-dense-params", "02", "layers-as-matrices", "Dense parameter count", dense_params
    ),
    QuestionGenerator(
        "02-gen-softmax", "02", "output-layer", "softmax of a small vector", softmax_probability
    ),
    QuestionGenerator(
        "03-gen-iterations", "03", "training-loop", "iterations per epoch", iterations_per_epoch
    ),
    QuestionGenerator("05-gen-momentum", "05", "momentum", "two momentum steps", momentum_steps),
    QuestionGenerator("05-gen-adam-step", "05", "adam", "Adam's first step", adam_first_step),
    QuestionGenerator(
        "06-gen-init-std", "06", "xavier-and-he", "Xavier / He standard deviation", init_std
    ),
    QuestionGenerator(
        "07-gen-dropout-scaling", "07", "dropout", "dropout scaling", dropout_scaling
    ),
    QuestionGenerator("09-gen-ema", "09", "smoothing-curves", "EMA smoothing", ema_smoothing),
    QuestionGenerator(
        "09-gen-last-layer",
        "09",
        "last-layer-and-loss",
        "last-layer activation and loss",
        last_layer,
    ),
    QuestionGenerator(
        "10-gen-conv-output", "10", "padding-and-stride", "conv output size", conv_output
    ),
    QuestionGenerator(
        "10-gen-conv-params",
        "10",
        "filters-and-feature-maps",
        "Conv2D parameter count",
        conv_params,
    ),
)


def generators_for(lesson: str | None) -> list[QuestionGenerator]:
    """The generators of one lesson id ("07"), or all of them for None."""
    return [g for g in GENERATORS if lesson is None or g.lesson == lesson]


def generator(gen_id: str) -> QuestionGenerator:
    for g in GENERATORS:
        if g.id == gen_id:
            return g
    raise KeyError(f"no generator {gen_id!r}; known: {', '.join(g.id for g in GENERATORS)}")
