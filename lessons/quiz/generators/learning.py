"""Generators for lessons 03–04: iterations per epoch and the gradients of backprop."""

from __future__ import annotations

import math
from typing import Any

from dltutor.lessons.quiz.generators.base import Draft, fmt, generator, numeric, pick, single


def engine_affine_grad_shapes(n_samples: int, n_in: int, units: int) -> dict[str, tuple]:
    """The shapes of dX, dW and db after one backward pass of the engine's Dense layer."""
    import numpy as np

    from dltutor.engine.layers import Dense

    layer = Dense(units)
    layer.build((None, n_in), np.random.default_rng(0))
    layer.forward(np.zeros((n_samples, n_in)), training=True)
    dx = layer.backward(np.ones((n_samples, units)))
    return {"dX": dx.shape, "dW": layer.grads["kernel"].shape, "db": layer.grads["bias"].shape}


def engine_softmax_loss_grad(y: list[float], label: int, n: int) -> list[float]:
    """∂L/∂a for one sample of a batch of `n` identical rows, from the engine's loss."""
    import numpy as np

    from dltutor.engine.losses import SoftmaxCrossEntropy

    loss = SoftmaxCrossEntropy()
    logits = np.log(np.tile(np.asarray(y, dtype=np.float64), (n, 1)))
    loss.forward(logits, np.full(n, label))
    return [float(v) for v in loss.backward()[0]]


@generator("03-gen-iterations", lesson="03", section="training-loop", summary="iterations")
def iterations_per_epoch(rng: Any) -> Draft:
    batch = int(pick(rng, (16, 32, 50, 64, 100, 128, 200, 250)))
    steps = int(rng.integers(4, 400))
    rest = int(pick(rng, (0, 0, int(rng.integers(1, batch)))))  # a smaller last batch or none
    n = batch * steps - (batch - rest if rest else 0)
    per_epoch = math.ceil(n / batch)  # the engine's loop keeps the last, smaller batch
    epochs = int(pick(rng, (1, 1, 2, 5, 10)))
    total = per_epoch * epochs
    if rest:
        en_work = (
            f"{n:,} / {batch} = {fmt(n / batch, 2)}, not a whole number: {per_epoch - 1} full "
            f"batches and one last batch of {rest}, so ⌈{n:,} / {batch}⌉ = {per_epoch}"
        )
        ja_work = (
            f"{n:,} / {batch} = {fmt(n / batch, 2)} で割り切れません。{per_epoch - 1} 個の"
            f"満杯のバッチと、最後の {rest} 個のバッチがあるので ⌈{n:,} / {batch}⌉ = {per_epoch}"
        )
    else:
        en_work = ja_work = f"{n:,} / {batch} = {per_epoch}"
    en_epochs = f"{epochs} epochs" if epochs > 1 else "one epoch"
    ja_epochs = f"{epochs} エポック" if epochs > 1 else "1 エポック"
    return numeric(
        total,
        en={
            "prompt": (
                f"A training set has {n:,} samples, the mini-batch size is {batch} (a last, "
                f"smaller batch is kept) and training runs for {en_epochs}. How many iterations "
                "(parameter updates) is that in total?"
            ),
            "explanation": (
                f"One epoch sees every sample once, one batch per update: {en_work} iterations "
                "per epoch"
                + (f"; {per_epoch}·{epochs} = {total} in all." if epochs > 1 else ".")
                + " The answer is not the number of samples: each iteration uses a whole batch."
            ),
        },
        ja={
            "prompt": (
                f"訓練データが {n:,} 個、ミニバッチのサイズが {batch}（端数の小さなバッチも使う）"
                f"で、{ja_epochs}学習します。イテレーション（パラメータの更新回数）は合計"
                "いくつですか。"
            ),
            "explanation": (
                "1 エポックはすべてのサンプルを 1 回ずつ使うことで、1 回の更新に 1 バッチを"
                f"使うので、1 エポックは {ja_work} イテレーションです"
                + (
                    f"。{epochs} エポックでは {per_epoch}·{epochs} = {total} です。"
                    if epochs > 1
                    else "。"
                )
                + "サンプル数そのものではありません。1 回のイテレーションでバッチ全体を使います。"
            ),
        },
    )


@generator(
    "04-gen-softmax-loss-grad",
    lesson="04",
    section="softmax-with-loss",
    summary="(y − t)/N of Softmax-with-Loss",
)
def softmax_loss_grad(rng: Any) -> Draft:
    while True:
        tenths = [int(v) for v in rng.integers(1, 9, size=2)]
        if sum(tenths) <= 9:
            break
    y = [tenths[0] / 10, tenths[1] / 10, (10 - sum(tenths)) / 10]
    label = int(rng.integers(3))
    j = int(rng.integers(3))
    n = int(pick(rng, (2, 4, 5, 10)))
    grad = engine_softmax_loss_grad(y, label, n)[j]
    t = [int(i == label) for i in range(3)]
    ys = ", ".join(fmt(v) for v in y)
    ts = ", ".join(str(v) for v in t)
    work = f"(y{j + 1} − t{j + 1})/N = ({fmt(y[j])} − {t[j]})/{n} = {fmt(grad)}"
    return numeric(
        round(grad, 4),
        en={
            "prompt": (
                f"A batch of N = {n} samples goes into Softmax-with-Loss (cross-entropy, averaged "
                f"over the batch). For the first sample the softmax output is y = ({ys}) and the "
                f"one-hot label is t = ({ts}). What is ∂L/∂a{j + 1} for that sample (the gradient "
                f"the layer passes back for score {j + 1})?"
            ),
            "explanation": (
                f"Softmax and cross-entropy together give ∂L/∂a = (y − t)/N: {work}. The right "
                "class gets a negative gradient (its score should rise), the others a positive "
                "one; the 1/N comes from averaging the loss over the batch."
            ),
        },
        ja={
            "prompt": (
                f"N = {n} 個のサンプルのバッチを Softmax-with-Loss（交差エントロピー誤差をバッチで"
                f"平均）に入力します。1 つ目のサンプルのソフトマックスの出力は y = ({ys})、"
                f"one-hot 表現の正解ラベルは t = ({ts}) です。このサンプルの ∂L/∂a{j + 1}"
                f"（スコア {j + 1} に逆伝播する勾配）はいくつですか。"
            ),
            "explanation": (
                f"ソフトマックスと交差エントロピー誤差を合わせると ∂L/∂a = (y − t)/N です：{work}。"
                "正解クラスの勾配は負（スコアを上げる向き）、それ以外は正になります。1/N は"
                "損失をバッチで平均したことから来ます。"
            ),
        },
        tolerance=0.0005,
    )


@generator(
    "04-gen-affine-shapes", lesson="04", section="affine-layer", summary="Affine gradient shapes"
)
def affine_shapes(rng: Any) -> Draft:
    n_samples, n_in, units = (int(v) for v in rng.choice(range(2, 65), size=3, replace=False))
    shapes = engine_affine_grad_shapes(n_samples, n_in, units)
    which = str(pick(rng, ("dX", "dW", "db")))
    right = str(shapes[which])
    pool = {str(s) for s in [(n_samples, n_in), (n_in, units), (units,), (n_samples, units)]}
    pool |= {str((units, n_in)), str((n_in,))}
    others = sorted(pool - {right})
    others = [others[i] for i in sorted(rng.permutation(len(others))[:3])]
    choices = {key: key for key in (right, *others)}
    rule = (
        f"dX = dY·Wᵀ has the shape of X, ({n_samples}, {n_in}); dW = Xᵀ·dY has the shape of W, "
        f"({n_in}, {units}); db = dY summed over the batch has the shape of b, ({units},)"
    )
    ja_rule = (
        f"dX = dY·Wᵀ は X と同じ形状 ({n_samples}, {n_in})、dW = Xᵀ·dY は W と同じ形状 "
        f"({n_in}, {units})、db はバッチ方向に dY を合計したもので b と同じ形状 ({units},)"
    )
    return single(
        right,
        others,
        en={
            "prompt": (
                f"An Affine layer Y = X·W + b takes a batch X of shape ({n_samples}, {n_in}) and "
                f"has {units} units. In the backward pass, what is the shape of {which}?"
            ),
            "choices": choices,
            "explanation": (
                f"{rule}. So {which} has shape {right}. Every gradient has the shape of the "
                "thing it is the gradient of, which is the quickest check of a backward pass."
            ),
        },
        ja={
            "prompt": (
                f"Affine レイヤ Y = X·W + b に形状 ({n_samples}, {n_in}) のバッチ X を入力します。"
                f"ユニットは {units} 個です。逆伝播での {which} の形状はどれですか。"
            ),
            "choices": choices,
            "explanation": (
                f"{ja_rule} です。したがって {which} の形状は {right} です。勾配は元の変数と"
                "同じ形状になるので、逆伝播を確かめるいちばん手早い方法になります。"
            ),
        },
    )
