"""Generators for lessons 13–16: embeddings, recurrent layers, separable convolutions,
temperature sampling and the VAE's sampling step."""

from __future__ import annotations

import math
from typing import Any

from dltutor.lessons.quiz.generators.base import Draft, fmt, generator, numeric, pick, signed


def _built(layer: Any, input_shape: tuple) -> Any:
    import numpy as np

    layer.build(input_shape, np.random.default_rng(0))
    return layer


def engine_embedding_params(vocab: int, dim: int) -> int:
    from dltutor.engine.layers import Embedding

    return _built(Embedding(vocab, dim), (None, 4)).count_params()


def engine_dense_params(n_in: int, units: int) -> int:
    from dltutor.engine.layers import Dense

    return _built(Dense(units), (None, n_in)).count_params()


def engine_recurrent_params(name: str, features: int, units: int) -> int:
    from dltutor.engine import layers

    return _built(getattr(layers, name)(units), (None, 5, features)).count_params()


def engine_separable_params(k: int, c_in: int, c_out: int) -> tuple[int, int]:
    """(depthwise, pointwise) weights: one k×k filter per input channel, then a 1×1 conv."""
    from dltutor.engine.layers import Conv2D

    one_channel = _built(Conv2D(1, k, use_bias=False), (None, 1, 2 * k, 2 * k)).count_params()
    pointwise = _built(Conv2D(c_out, 1, use_bias=False), (None, c_in, 4, 4)).count_params()
    return c_in * one_channel, pointwise


def engine_reweight(p: list[float], temperature: float) -> list[float]:
    import numpy as np

    from dltutor.engine.text.charlm import reweight

    return [float(v) for v in reweight(np.asarray(p), temperature)]


@generator("13-gen-embedding-params", lesson="13", section="embeddings", summary="Embedding size")
def embedding_params(rng: Any) -> Draft:
    vocab = int(pick(rng, (1000, 5000, 10000, 20000)))
    dim = int(pick(rng, (8, 16, 32, 64, 100, 128)))
    emb = engine_embedding_params(vocab, dim)
    if rng.integers(2):
        return numeric(
            emb,
            en={
                "prompt": (
                    f"An Embedding layer maps a vocabulary of {vocab:,} token ids to vectors of "
                    f"{dim} dimensions. How many trainable parameters does it have?"
                ),
                "explanation": (
                    f"It is a lookup table with one row of {dim} numbers per id: "
                    f"{vocab:,} · {dim} = {emb:,}. The sentence length does not enter, and there "
                    "is no bias: looking up row i is the same as multiplying a one-hot vector by "
                    "the table."
                ),
            },
            ja={
                "prompt": (
                    f"{vocab:,} 個のトークン ID の語彙を {dim} 次元のベクトルに対応させる "
                    "Embedding レイヤの、学習可能なパラメータはいくつですか。"
                ),
                "explanation": (
                    f"ID ごとに {dim} 個の数を 1 行持つ表なので {vocab:,} · {dim} = {emb:,} です。"
                    "文の長さは関係せず、バイアスもありません。i 行目を取り出すのは、one-hot "
                    "ベクトルに表を掛けるのと同じです。"
                ),
            },
        )
    length = int(pick(rng, (10, 20, 50, 100)))
    dense = engine_dense_params(length * dim, 1)
    total = emb + dense
    parts = (
        f"Embedding: {vocab:,} · {dim} = {emb:,}; Flatten: 0; Dense: {length}·{dim} + 1 = {dense:,}"
    )
    work = f"{parts}; total {emb:,} + {dense:,} = {total:,}"
    ja_work = f"{parts}、合計 {emb:,} + {dense:,} = {total:,}"
    return numeric(
        total,
        en={
            "prompt": (
                f"A model reads sequences of {length} token ids: Embedding({vocab}, {dim}) → "
                "Flatten → Dense(1, sigmoid). How many trainable parameters does it have in all?"
            ),
            "explanation": (
                f"{work}. The Flatten output has {length}·{dim} = {length * dim} numbers, one "
                "weight each for the single unit, plus its bias. Almost all parameters sit in "
                "the embedding table."
            ),
        },
        ja={
            "prompt": (
                f"長さ {length} のトークン ID 列を読むモデル Embedding({vocab}, {dim}) → Flatten "
                "→ Dense(1, sigmoid) の、学習可能なパラメータは全部でいくつですか。"
            ),
            "explanation": (
                f"{ja_work} です。Flatten の出力は {length}·{dim} = {length * dim} 個の数で、1 個の"
                "ユニットはそれぞれに 1 つの重みと、バイアスを 1 つ持ちます。パラメータの"
                "ほとんどは埋め込みの表にあります。"
            ),
        },
    )


_RNN_GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}


@generator(
    "14-gen-rnn-params", lesson="14", section="lstm-and-gru", summary="recurrent parameter counts"
)
def rnn_params(rng: Any) -> Draft:
    name = str(pick(rng, tuple(_RNN_GATES)))
    features = int(pick(rng, (8, 16, 32, 64)))
    units = int(pick(rng, (8, 16, 32, 64)))
    count = engine_recurrent_params(name, features, units)
    gates = _RNN_GATES[name]
    biases = 2 if name == "GRU" else 1  # Keras's default GRU (reset_after) has two biases
    bias_en = f"{biases}·{units}" if biases > 1 else f"{units}"
    work = (
        f"{gates}·({features}·{units} + {units}·{units} + {bias_en}) = "
        f"{gates}·({features * units} + {units * units} + {biases * units}) = {count:,}"
    )
    en_why = {
        "SimpleRNN": "one block of W (inputs × units), U (units × units) and b",
        "LSTM": "four blocks, one for each of the input, forget and output gates and the cell "
        "candidate",
        "GRU": "three blocks (update gate, reset gate, candidate), each with two biases because "
        "the reset gate is applied after the recurrent product (Keras's default reset_after)",
    }[name]
    ja_why = {
        "SimpleRNN": "W（入力 × ユニット）、U（ユニット × ユニット）、b が 1 組",
        "LSTM": "入力ゲート、忘却ゲート、出力ゲート、セルの候補の 4 組",
        "GRU": "更新ゲート、リセットゲート、候補の 3 組で、リセットゲートを再帰の積の後に掛ける"
        "ため（Keras の既定の reset_after）各組にバイアスが 2 つ",
    }[name]
    return numeric(
        count,
        en={
            "prompt": (
                f"A {name}({units}) layer reads sequences of 100 timesteps with {features} "
                "features each. How many trainable parameters does it have?"
            ),
            "explanation": (
                f"{name} has {en_why}: {work}. The 100 timesteps do not enter, because the same "
                "weights are reused at every step."
            ),
        },
        ja={
            "prompt": (
                f"{name}({units}) レイヤが、各時間ステップ {features} 個の特徴量を持つ 100 "
                "ステップの系列を読みます。学習可能なパラメータはいくつですか。"
            ),
            "explanation": (
                f"{name} は{ja_why}です：{work}。同じ重みを各ステップで使い回すので、"
                "100 という時間ステップ数は関係しません。"
            ),
        },
    )


@generator(
    "15-gen-separable-params",
    lesson="15",
    section="batch-norm-and-separable-convolutions",
    summary="separable convolution weights",
)
def separable_params(rng: Any) -> Draft:
    k = int(pick(rng, (3, 5)))
    c_in = int(pick(rng, (16, 32, 64, 128)))
    c_out = int(pick(rng, (32, 64, 128, 256)))
    depthwise, pointwise = engine_separable_params(k, c_in, c_out)
    total = depthwise + pointwise
    full = k * k * c_in * c_out
    parts = f"depthwise {k}·{k}·{c_in} = {depthwise:,}, pointwise {c_in}·{c_out} = {pointwise:,}"
    work = f"{parts}, together {total:,}"
    ja_work = f"{parts.replace(', ', '、')}、合計 {total:,}"
    return numeric(
        total,
        en={
            "prompt": (
                f"A SeparableConv2D with {k}×{k} filters turns {c_in} channels into {c_out} "
                "channels. Not counting biases, how many weights does it have?"
            ),
            "explanation": (
                f"A depthwise k×k filter per input channel, then a 1×1 convolution that mixes "
                f"the channels: {work}. A plain Conv2D would need {k}·{k}·{c_in}·{c_out} = "
                f"{full:,}, about {round(full / total)} times as many."
            ),
        },
        ja={
            "prompt": (
                f"{k}×{k} のフィルターの SeparableConv2D が {c_in} チャンネルを {c_out} チャンネル"
                "に変えます。バイアスを除くと重みはいくつですか。"
            ),
            "explanation": (
                "入力チャンネルごとに k×k の depthwise フィルターを 1 つずつ掛け、その後 1×1 の"
                f"畳み込みでチャンネルを混ぜます：{ja_work}。普通の Conv2D なら "
                f"{k}·{k}·{c_in}·{c_out} = {full:,} で、およそ {round(full / total)} 倍になります。"
            ),
        },
    )


@generator(
    "16-gen-temperature",
    lesson="16",
    section="sampling-and-temperature",
    summary="temperature reweighting",
)
def temperature(rng: Any) -> Draft:
    while True:
        a, b = (int(v) for v in rng.integers(1, 9, size=2))
        if a + b <= 9 and len({a, b, 10 - a - b}) == 3:
            break
    p = [a / 10, b / 10, (10 - a - b) / 10]
    t = float(pick(rng, (0.5, 2.0)))
    k = int(rng.integers(3))
    q = engine_reweight(p, t)
    powered = [v ** (1 / t) for v in p]
    total = sum(powered)
    ps = ", ".join(fmt(v) for v in p)
    rule = "p²" if t == 0.5 else "√p"
    powers = f"p^(1/T) = {rule}: ({', '.join(fmt(v, 3) for v in powered)})"
    share = f"q{k + 1} = {fmt(powered[k], 3)}/{fmt(total, 3)} = {fmt(q[k], 3)}"
    work = f"{powers}, sum {fmt(total, 3)}; {share}"
    ja_work = f"{powers}、合計 {fmt(total, 3)}、{share}"
    en_effect = "sharpens the distribution" if t < 1 else "flattens the distribution"
    ja_effect = "分布を尖らせ" if t < 1 else "分布を平らにし"
    return numeric(
        round(q[k], 4),
        en={
            "prompt": (
                f"A language model predicts the next character with probabilities p = ({ps}). "
                f"Before sampling, they are reweighted with temperature T = {fmt(t)}: "
                "q_i = p_i^(1/T) / Σ_j p_j^(1/T). What is q for character "
                f"{k + 1}? Give it to two decimal places."
            ),
            "explanation": (
                f"{work}. T = {fmt(t)} {en_effect}: the likeliest character "
                + ("gains" if t < 1 else "loses")
                + f" ({fmt(max(p))} → {fmt(q[p.index(max(p))], 3)}) and the rarest one "
                + ("loses." if t < 1 else "gains.")
            ),
        },
        ja={
            "prompt": (
                f"言語モデルが次の文字の確率を p = ({ps}) と予測しました。サンプリングの前に、"
                f"温度 T = {fmt(t)} で q_i = p_i^(1/T) / Σ_j p_j^(1/T) と重み付けし直します。"
                f"{k + 1} 番目の文字の q はいくつですか。小数第 2 位まで答えてください。"
            ),
            "explanation": (
                f"{ja_work} です。T = {fmt(t)} は{ja_effect}ます。最も確率の高い文字は "
                f"{fmt(max(p))} → {fmt(q[p.index(max(p))], 3)} になります。"
            ),
        },
        tolerance=0.006,
    )


@generator(
    "16-gen-vae-sample",
    lesson="16",
    section="variational-autoencoders",
    summary="the reparameterisation step",
)
def vae_sample(rng: Any) -> Draft:
    mu = int(rng.integers(-20, 21)) / 10
    log_var = float(pick(rng, (-2.0, -1.0, 0.0, 1.0, 2.0)))
    eps = int(rng.integers(-15, 16)) / 10
    sigma = math.exp(0.5 * log_var)
    z = mu + sigma * eps
    work = (
        f"σ = exp(½·{signed(log_var)}) = {fmt(sigma, 3)}; z = μ + σ·ε = {fmt(mu)} + "
        f"{fmt(sigma, 3)}·{signed(eps)} = {fmt(z, 3)}"
    )
    return numeric(
        round(z, 4),
        en={
            "prompt": (
                f"A VAE's encoder outputs μ = {fmt(mu)} and log σ² = {fmt(log_var)} for one "
                f"latent dimension, and ε = {fmt(eps)} is drawn from N(0, 1). What is the "
                "sampled z? Give it to two decimal places."
            ),
            "explanation": (
                f"{work}. The encoder predicts the log-variance so that any real number is "
                "allowed; exp(½·log σ²) turns it into a positive σ. The randomness sits in ε, so "
                "gradients can flow through μ and σ."
            ),
        },
        ja={
            "prompt": (
                f"VAE のエンコーダが、潜在空間の 1 つの次元について μ = {fmt(mu)}、"
                f"log σ² = {fmt(log_var)} を出力し、N(0, 1) から ε = {fmt(eps)} を引きました。"
                "サンプリングされる z はいくつですか。小数第 2 位まで答えてください。"
            ),
            "explanation": (
                f"{work} です。エンコーダが対数分散を出力するのは、どんな実数でもよいように"
                "するためで、exp(½·log σ²) で正の σ になります。ランダムさは ε にあるので、"
                "勾配は μ と σ を通って流れます。"
            ),
        },
        tolerance=0.01,
    )
