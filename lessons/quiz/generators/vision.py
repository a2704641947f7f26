"""Generators for lessons 10–12: convolution and pooling shapes, parameter counts, Grad-CAM."""

from __future__ import annotations

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


def engine_conv_output(h: int, fh: int, stride: int, pad: int) -> int:
    from dltutor.engine.functions import conv_output_size

    return int(conv_output_size(h, fh, stride, pad))


def engine_conv_params(channels: int, filters: int, k: int, use_bias: bool = True) -> int:
    import numpy as np

    from dltutor.engine.layers import Conv2D

    layer = Conv2D(filters, k, use_bias=use_bias)
    layer.build((None, channels, 3 * k, 3 * k), np.random.default_rng(0))
    return layer.count_params()


def engine_pool_output(shape: tuple[int, int, int], pool: int, stride: int) -> tuple[int, ...]:
    """(C, OH, OW) from the engine's MaxPooling2D."""
    from dltutor.engine.layers import MaxPooling2D

    _, *out = MaxPooling2D(pool, strides=stride).output_shape((None, *shape))
    return tuple(int(v) for v in out)


@generator(
    "10-gen-conv-output", lesson="10", section="padding-and-stride", summary="conv output size"
)
def conv_output(rng: Any) -> Draft:
    while True:
        fh = int(pick(rng, (3, 5, 7)))
        stride = int(pick(rng, (1, 2, 2, 3)))
        pad = int(pick(rng, (0, 1, 2)))
        h, w = int(rng.integers(6, 33)), int(rng.integers(6, 33))
        if h + 2 * pad >= fh and (h + 2 * pad - fh) % stride == 0 == (w + 2 * pad - fh) % stride:
            break
    c = int(pick(rng, (1, 3, 16)))
    oh, ow = engine_conv_output(h, fh, stride, pad), engine_conv_output(w, fh, stride, pad)
    work = (
        f"OH = (H + 2P − FH)/S + 1 = ({h} + 2·{pad} − {fh})/{stride} + 1 = "
        f"{h + 2 * pad - fh}/{stride} + 1 = {oh}"
    )
    other = f"OW = ({w} + 2·{pad} − {fh})/{stride} + 1 = {ow}"
    return numeric(
        oh,
        en={
            "prompt": (
                f"An input of shape (C, H, W) = ({c}, {h}, {w}) goes through a convolution "
                f"with {fh}×{fh} filters, padding P = {pad} and stride S = {stride}. "
                "What is the output height OH?"
            ),
            "explanation": (
                f"{work}. The same rule gives {other}. Padding adds P rows on both sides "
                "(hence 2P); the filter needs FH rows, and every S-th position is used. The "
                "number of channels does not enter: it only sets the depth of each filter."
            ),
        },
        ja={
            "prompt": (
                f"形状 (C, H, W) = ({c}, {h}, {w}) の入力を、{fh}×{fh} のフィルター、"
                f"パディング P = {pad}、ストライド S = {stride} で畳み込みます。"
                "出力の高さ OH はいくつですか。"
            ),
            "explanation": (
                f"{work} です。同じ式で {other} です。パディングは上下両側に P 行ずつ足される"
                "ので 2P、フィルターは FH 行を使い、S 行おきに位置をずらします。チャンネル数は"
                "フィルターの奥行きを決めるだけで、出力サイズには影響しません。"
            ),
        },
    )


@generator(
    "10-gen-conv-params",
    lesson="10",
    section="channels-and-batches",
    summary="Conv2D parameter count",
)
def conv_params(rng: Any) -> Draft:
    c = int(pick(rng, (1, 3, 16, 32, 64)))
    f = int(pick(rng, (8, 16, 30, 32, 64)))
    k = int(pick(rng, (1, 3, 5)))
    count = engine_conv_params(c, f, k)
    per = k * k * c
    return numeric(
        count,
        en={
            "prompt": (
                f"A Conv2D layer with {f} filters of size {k}×{k} (with biases) is applied to an "
                f"input with {c} channels of size 28×28. How many trainable parameters does it "
                "have?"
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
                f"{k}×{k} のフィルターを {f} 枚（バイアスあり）持つ Conv2D 層を、チャンネル数 "
                f"{c}、大きさ 28×28 の入力に適用します。学習可能なパラメータはいくつですか。"
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


@generator("10-gen-pool-output", lesson="10", section="pooling", summary="pooling output shape")
def pool_output(rng: Any) -> Draft:
    while True:
        pool = int(pick(rng, (2, 2, 3)))
        stride = int(pick(rng, (pool, pool, 1, 2)))
        c = int(pick(rng, (3, 16, 32, 64)))
        h = int(rng.integers(6, 33))
        w = int(pick(rng, (h, h, int(rng.integers(6, 33)))))
        if (h - pool) % stride == 0 and (w - pool) % stride == 0:
            break
    right = engine_pool_output((c, h, w), pool, stride)
    _, oh, ow = right
    others = {(c, h, w), (1, oh, ow), (c * pool * pool, oh, ow), (c, h - pool + 1, w - pool + 1)}
    others = sorted(str(s) for s in others - {right})
    others = [others[i] for i in sorted(rng.permutation(len(others))[:3])]
    choices = {key: key for key in (str(right), *others)}
    work = f"OH = (H − PH)/S + 1 = ({h} − {pool})/{stride} + 1 = {oh}"
    work_w = f"OW = ({w} − {pool})/{stride} + 1 = {ow}"
    return single(
        str(right),
        others,
        en={
            "prompt": (
                f"A feature map of shape (C, H, W) = ({c}, {h}, {w}) goes through {pool}×{pool} "
                f"max pooling with stride {stride} and no padding. What is the output shape?"
            ),
            "choices": choices,
            "explanation": (
                f"Pooling uses the convolution rule without weights: {work} and {work_w}. It works "
                f"on each channel separately, so the {c} channels stay: {right}. Pooling has no "
                "parameters."
            ),
        },
        ja={
            "prompt": (
                f"形状 (C, H, W) = ({c}, {h}, {w}) の特徴マップに、{pool}×{pool}、ストライド "
                f"{stride}、パディングなしの Max プーリングを適用します。出力の形状はどれですか。"
            ),
            "choices": choices,
            "explanation": (
                f"プーリングは重みのない畳み込みと同じ式で大きさが決まります：{work}、{work_w}。"
                f"チャンネルごとに別々に働くので、{c} チャンネルはそのまま残り {right} です。"
                "プーリングにはパラメータがありません。"
            ),
        },
    )


@generator(
    "11-gen-gradcam",
    lesson="11",
    section="class-activation-maps",
    summary="Grad-CAM weights and map value",
)
def gradcam(rng: Any) -> Draft:
    import numpy as np

    grads = [int(v) / 10 for v in rng.integers(-4, 10, size=4)]
    alpha = float(np.mean(grads))
    if rng.integers(2):
        gs = ", ".join(fmt(g) for g in grads)
        work = f"α_k = ({' + '.join(fmt(g) for g in grads)})/4 = {fmt(sum(grads))}/4 = {fmt(alpha)}"
        return numeric(
            round(alpha, 4),
            en={
                "prompt": (
                    "In Grad-CAM, the gradient of the class score y_c with respect to one "
                    f"channel A_k of the last conv layer is a 2×2 map with values {gs}. What is "
                    "the weight α_k of that channel?"
                ),
                "explanation": (
                    f"α_k is the average of the channel's gradient over its positions: {work}. "
                    "A large α_k says the class score rises quickly when this channel fires; "
                    "the map is then ReLU(Σ_k α_k·A_k)."
                ),
            },
            ja={
                "prompt": (
                    "Grad-CAM で、クラスのスコア y_c の、最後の畳み込み層のチャンネル A_k に"
                    f"ついての勾配が、値 {gs} の 2×2 のマップでした。このチャンネルの重み α_k は"
                    "いくつですか。"
                ),
                "explanation": (
                    f"α_k はチャンネルの勾配を位置について平均したものです：{work}。α_k が大きい"
                    "ほど、このチャンネルが反応するとクラスのスコアが速く上がります。マップは"
                    "ReLU(Σ_k α_k·A_k) です。"
                ),
            },
            tolerance=0.006,
        )
    a1, a2 = (int(v) / 10 for v in rng.integers(-5, 10, size=2))
    x1, x2 = (int(v) / 10 for v in rng.integers(0, 21, size=2))
    total = round(a1 * x1 + a2 * x2, 10)
    cam = max(total, 0.0)
    work = (
        f"ReLU(α₁·A₁ + α₂·A₂) = ReLU({signed(a1)}·{fmt(x1)} + {signed(a2)}·{fmt(x2)}) = "
        f"ReLU({fmt(total)}) = {fmt(cam)}"
    )
    return numeric(
        round(cam, 4),
        en={
            "prompt": (
                f"A Grad-CAM uses two channels with weights α₁ = {fmt(a1)} and α₂ = {fmt(a2)}. At "
                f"one position the activations are A₁ = {fmt(x1)} and A₂ = {fmt(x2)}. What is "
                "the class activation map's value there (before upsampling)?"
            ),
            "explanation": (
                f"{work}. The ReLU keeps only evidence for the class: a position where the "
                "weighted sum is negative speaks against it and shows as 0."
            ),
        },
        ja={
            "prompt": (
                f"重み α₁ = {fmt(a1)}、α₂ = {fmt(a2)} の 2 チャンネルで Grad-CAM を作ります。"
                f"ある位置での活性化は A₁ = {fmt(x1)}、A₂ = {fmt(x2)} です。その位置のクラス活性化"
                "マップの値（拡大する前）はいくつですか。"
            ),
            "explanation": (
                f"{work} です。ReLU はクラスを支持する証拠だけを残します。重み付き和が負の位置は"
                "クラスに反する証拠なので 0 になります。"
            ),
        },
        tolerance=0.006,
    )


@generator(
    "12-gen-stacked-convs",
    lesson="12",
    section="vgg-and-googlenet",
    summary="stacked 3×3 against one large filter",
)
def stacked_convs(rng: Any) -> Draft:
    c = int(pick(rng, (16, 32, 64, 128, 256)))
    depth = int(pick(rng, (2, 3)))
    big = 2 * depth + 1
    stacked = depth * engine_conv_params(c, c, 3, use_bias=False)
    single_big = engine_conv_params(c, c, big, use_bias=False)
    ask_stacked = bool(rng.integers(2))
    answer = stacked if ask_stacked else single_big
    sums = (
        f"{depth}·3·3·{c}·{c} = {depth * 9}·{c}² = {stacked:,}",
        f"{big}·{big}·{c}·{c} = {big * big}·{c}² = {single_big:,}",
    )
    work = f"{depth} layers of 3×3: {sums[0]}; one {big}×{big} layer: {sums[1]}"
    ja_work = f"3×3 の {depth} 層：{sums[0]}、{big}×{big} の 1 層：{sums[1]}"
    en_q = (
        f"How many weights do the {depth} stacked 3×3 layers have together?"
        if ask_stacked
        else f"How many weights does the single {big}×{big} layer have?"
    )
    ja_q = (
        f"重ねた {depth} つの 3×3 の層の重みは合わせていくつですか。"
        if ask_stacked
        else f"{big}×{big} の層 1 つの重みはいくつですか。"
    )
    return numeric(
        answer,
        en={
            "prompt": (
                f"{depth} stacked 3×3 convolutions see a {big}×{big} area, like one {big}×{big} "
                f"convolution. Every layer has {c} input and {c} output channels and no biases. "
                + en_q
            ),
            "explanation": (
                f"{work}. The stack needs {fmt(stacked / single_big, 2)} of the weights of the "
                "single large layer and puts a non-linearity between its layers, which is why "
                "VGG uses only 3×3 filters."
            ),
        },
        ja={
            "prompt": (
                f"3×3 の畳み込みを {depth} つ重ねると、{big}×{big} の畳み込み 1 つと同じ "
                f"{big}×{big} の範囲を見ます。どの層も入力 {c}、出力 {c} チャンネルで、"
                "バイアスはありません。" + ja_q
            ),
            "explanation": (
                f"{ja_work} です。重ねた層は大きな層 1 つの {fmt(stacked / single_big, 2)} 倍の重みで"
                "済み、層の間に非線形関数も入ります。VGG が 3×3 のフィルターだけを使う理由です。"
            ),
        },
    )
