"""Generators for lessons 08–09: metrics, K-fold, smoothing curves and the last layer."""

from __future__ import annotations

from typing import Any

from dltutor.lessons.quiz.generators.base import Draft, fmt, generator, numeric, pick, single


def precision_recall(tp: int, fp: int, fn: int, tn: int) -> tuple[float, float]:
    """Precision and recall counted from labels and predictions, as lesson 08 computes them."""
    import numpy as np

    y_true = np.array([1] * tp + [0] * fp + [1] * fn + [0] * tn)
    y_pred = np.array([1] * tp + [1] * fp + [0] * fn + [0] * tn)
    hits = np.sum((y_pred == 1) & (y_true == 1))
    precision = hits / np.sum(y_pred == 1)
    recall = hits / np.sum(y_true == 1)
    return float(precision), float(recall)


def engine_kfold_sizes(n: int, k: int, repeats: int = 1) -> tuple[int, int, int]:
    """(validation samples per fold, training samples per model, models trained)."""
    from dltutor.engine.data.split import iterated_kfold_indices

    folds = list(iterated_kfold_indices(n, k, repeats=repeats))
    train, val = folds[0]
    return len(val), len(train), len(folds)


def ema(values: list[float], factor: float) -> list[float]:
    """DLwP's smooth_curve: the first point as is, then factor·previous + (1 − factor)·point."""
    out: list[float] = []
    for v in values:
        out.append(out[-1] * factor + v * (1 - factor) if out else v)
    return out


@generator(
    "08-gen-precision-recall", lesson="08", section="metrics", summary="precision and recall"
)
def precision_or_recall(rng: Any) -> Draft:
    tp = int(rng.integers(1, 41))
    fp = int(rng.integers(0, 31))
    fn = int(rng.integers(0, 31))
    tn = int(rng.integers(50, 501))
    precision, recall = precision_recall(tp, fp, fn, tn)
    ask_recall = bool(rng.integers(2))
    value = recall if ask_recall else precision
    en_name, ja_name = ("recall", "再現率") if ask_recall else ("precision", "適合率")
    other = fn if ask_recall else fp
    abbr = "FN" if ask_recall else "FP"
    work = f"TP/(TP + {abbr}) = {tp}/({tp} + {other}) = {fmt(value, 3)}"
    accuracy = (tp + tn) / (tp + fp + fn + tn)
    return numeric(
        round(value, 4),
        en={
            "prompt": (
                f"A classifier is tested on {tp + fp + fn + tn} samples: {tp} true positives, "
                f"{fp} false positives, {fn} false negatives and {tn} true negatives. What is its "
                f"{en_name}? Give it to two decimal places."
            ),
            "explanation": (
                f"{en_name.capitalize()} = {work}. "
                + (
                    "Recall asks: of the real positives, how many were found?"
                    if ask_recall
                    else "Precision asks: of the samples flagged positive, how many are?"
                )
                + f" The true negatives do not enter; they are what lifts the accuracy to "
                f"{fmt(accuracy, 3)} here."
            ),
        },
        ja={
            "prompt": (
                f"分類器を {tp + fp + fn + tn} 個のサンプルで評価しました。真陽性 {tp}、"
                f"偽陽性 {fp}、偽陰性 {fn}、真陰性 {tn} です。{ja_name}はいくつですか。"
                "小数第 2 位まで答えてください。"
            ),
            "explanation": (
                f"{ja_name} = {work} です。"
                + (
                    "再現率は、本当の陽性のうち見つけられた割合です。"
                    if ask_recall
                    else "適合率は、陽性と判定したうち本当に陽性だった割合です。"
                )
                + f"真陰性は式に入りません。正解率を {fmt(accuracy, 3)} まで押し上げているのは"
                "真陰性です。"
            ),
        },
        tolerance=0.006,
    )


@generator("08-gen-kfold", lesson="08", section="hold-out-and-k-fold", summary="K-fold sizes")
def kfold_sizes(rng: Any) -> Draft:
    k = int(pick(rng, (3, 4, 5, 10)))
    n = k * int(pick(rng, (20, 40, 50, 60, 100, 120, 250)))
    variant = int(rng.integers(3))
    repeats = int(pick(rng, (2, 3, 5))) if variant == 2 else 1
    val, train, models = engine_kfold_sizes(n, k, repeats)
    if variant == 0:
        answer = val
        en_q, ja_q = (
            "How many samples does each validation fold hold?",
            "1 つの検証用フォールドのサンプル数はいくつですか。",
        )
        en_w = ja_w = f"{n} / {k} = {val}"
    elif variant == 1:
        answer = train
        en_q = "On how many samples is each of the K models trained?"
        ja_q = "K 個のモデルは、それぞれ何個のサンプルで学習しますか。"
        en_w = ja_w = f"{n} − {n} / {k} = {n} − {val} = {train}"
    else:
        answer = models
        en_q = (
            f"The whole K-fold is repeated {repeats} times with a new shuffle (iterated "
            "K-fold). How many models are trained?"
        )
        ja_q = (
            f"シャッフルし直して K 分割交差検証全体を {repeats} 回繰り返します"
            "（シャッフルを伴う反復 K 分割交差検証）。学習するモデルはいくつですか。"
        )
        en_w = ja_w = f"{k}·{repeats} = {models}"
    return numeric(
        answer,
        en={
            "prompt": f"{n} samples are used for K-fold cross-validation with K = {k}. {en_q}",
            "explanation": (
                f"{en_w}. The data is split into {k} equal folds of {val}; model i is validated "
                f"on fold i and trained on the other {k - 1} folds ({train} samples), so every "
                f"sample is validated exactly once and {k} models are trained per round."
            ),
        },
        ja={
            "prompt": f"{n} 個のサンプルで K = {k} の K 分割交差検証を行います。{ja_q}",
            "explanation": (
                f"{ja_w} です。データを {val} 個ずつ {k} 個のフォールドに分け、モデル i は"
                f"フォールド i で検証し、残りの {k - 1} フォールド（{train} 個）で学習します。"
                f"どのサンプルもちょうど 1 回ずつ検証に使われ、1 回につき {k} 個のモデルを"
                "学習します。"
            ),
        },
    )


@generator("09-gen-ema", lesson="09", section="smoothing-curves", summary="EMA smoothing")
def ema_smoothing(rng: Any) -> Draft:
    factor = float(pick(rng, (0.5, 0.8, 0.9)))
    values = [float(v) for v in rng.integers(0, 11, size=4)]
    smooth = ema(values, factor)
    f = fmt
    steps = [f"s₁ = {f(values[0])}"]
    for i in range(1, len(values)):
        steps.append(
            f"s{'₁₂₃₄'[i]} = {f(factor)}·{f(smooth[i - 1])} + {f(1 - factor)}·{f(values[i])} "
            f"= {f(smooth[i])}"
        )
    work = "; ".join(steps)
    series = ", ".join(f(v) for v in values)
    first = f(factor**3, 3)
    weights = ", ".join([first] + [f((1 - factor) * factor ** (3 - i), 3) for i in (1, 2, 3)])
    mean = f(sum(values) / len(values))
    return numeric(
        round(smooth[-1], 4),
        en={
            "prompt": (
                f"A noisy validation curve reads {series}. It is smoothed with an exponential "
                f"moving average with factor {f(factor)}: the first point is kept, then "
                f"s = {f(factor)}·previous + {f(1 - factor)}·point. What is the last smoothed "
                "value?"
            ),
            "explanation": (
                f"{work}. Unrolled, the four points weigh {weights}: the first value, the "
                f"starting state, keeps weight {f(factor)}³ = {first} and dominates a series "
                "this short (start-up bias); after it, newer points weigh more. That is why the "
                f"result differs from the plain mean {mean}. A factor near 1 is smoother but "
                "lags behind."
            ),
        },
        ja={
            "prompt": (
                f"ノイズの多い検証曲線の値が {series} です。係数 {f(factor)} の指数移動平均で"
                f"平滑化します。最初の点はそのまま使い、以降は s = {f(factor)}·直前の値 + "
                f"{f(1 - factor)}·その点 です。最後の平滑化された値はいくつですか。"
            ),
            "explanation": (
                f"{work} です。展開すると 4 つの点の重みは {weights} です。最初の値（開始時の"
                f"状態）は重み {f(factor)}³ = {first} を持ち続け、このように短い系列では"
                "大きな影響を持ちます（立ち上がりの偏り）。それ以降は新しい点ほど重くなります。"
                f"そのため単純平均 {mean} とは異なります。係数が 1 に近いほど滑らかになりますが、"
                "変化への追従は遅れます。"
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
# (right head, heads that also work and so are never distractors, task en, task ja, why en, why ja)
_TASKS = [
    (
        "sigmoid-bce",
        {"softmax-cce", "softmax-sparse"},  # a two-unit softmax works too, just redundantly
        "Classify movie reviews as positive or negative (labels 0 or 1).",
        "映画レビューを肯定・否定に分類する（ラベルは 0 か 1）。",
        "Two classes need one output unit with a sigmoid (the probability of class 1) and "
        "binary cross-entropy. A softmax over two units also works but is redundant; softmax "
        "over one unit is always 1.",
        "2 クラスなら出力ユニット 1 個に sigmoid（クラス 1 の確率）と binary cross-entropy を"
        "使います。2 ユニットの softmax も使えますが冗長で、1 ユニットの softmax は常に 1 に"
        "なってしまいます。",
    ),
    (
        "softmax-cce",
        set(),
        "Assign each newswire to exactly one of 46 topics; the labels are one-hot vectors.",
        "ニュース記事を 46 のトピックのどれか 1 つに分類する。ラベルは one-hot ベクトル。",
        "Single-label, many classes: softmax turns 46 scores into one probability "
        "distribution, and categorical cross-entropy compares it with the one-hot label. The "
        "sparse variant is for integer labels.",
        "1 つだけのラベルで多クラスなら、softmax で 46 個のスコアを 1 つの確率分布にし、"
        "one-hot ラベルと categorical cross-entropy で比べます。sparse 版は整数ラベル用です。",
    ),
    (
        "softmax-sparse",
        set(),
        "Recognise handwritten digits 0–9; each label is stored as an integer such as 7.",
        "手書き数字 0〜9 を認識する。ラベルは 7 のような整数で保存されている。",
        "Single-label, ten classes, so softmax; with integer labels the loss is "
        "sparse_categorical_crossentropy, which is the same loss as categorical cross-entropy "
        "without one-hot encoding the labels first.",
        "1 つだけのラベルで 10 クラスなので softmax を使います。ラベルが整数なら損失は "
        "sparse_categorical_crossentropy で、ラベルを one-hot にしない点を除けば categorical "
        "cross-entropy と同じです。",
    ),
    (
        "sigmoid-bce",
        set(),
        "Tag each photo with every label that applies (beach, dog, sunset…); a photo can have "
        "several.",
        "写真に当てはまるラベル（海、犬、夕日…）をすべて付ける。1 枚に複数のラベルが付くことも"
        "ある。",
        "Multi-label: each tag is its own yes/no question, so one sigmoid per tag and binary "
        "cross-entropy. softmax would force the tags to compete for one unit of probability.",
        "マルチラベルでは各タグが独立した yes/no の問題なので、タグごとに sigmoid を置き binary "
        "cross-entropy を使います。softmax だとタグどうしが合計 1 の確率を奪い合ってしまいます。",
    ),
    (
        "none-mse",
        set(),
        "Predict the price of a house in dollars from 13 features.",
        "13 個の特徴量から住宅価格（ドル）を予測する。",
        "Regression of an unbounded number: no activation on the last unit, so any value can "
        "come out, and mean squared error as the loss (MAE as a readable metric). A sigmoid "
        "would cap outputs at 1.",
        "範囲に制限のない数値の回帰なので、最後のユニットには活性化関数を付けず（どんな値でも"
        "出せるように）、損失は平均二乗誤差、指標には読みやすい MAE を使います。sigmoid だと"
        "出力が 1 以下に制限されます。",
    ),
]


@generator(
    "09-gen-last-layer",
    lesson="09",
    section="last-layer-and-loss",
    summary="last-layer activation and loss",
)
def last_layer(rng: Any) -> Draft:
    right, also_fine, en_task, ja_task, en_why, ja_why = _TASKS[int(rng.integers(len(_TASKS)))]
    others = [k for k in _HEADS if k != right and k not in also_fine]
    picks = [others[i] for i in rng.permutation(len(others))[:3]]
    return single(
        right,
        picks,
        en={
            "prompt": f"Task: {en_task} Which last-layer activation and loss fit?",
            "choices": {k: words[0] for k, words in _HEADS.items()},
            "explanation": en_why,
        },
        ja={
            "prompt": f"タスク：{ja_task} 最後の層の活性化関数と損失関数はどれが適切ですか。",
            "choices": {k: words[1] for k, words in _HEADS.items()},
            "explanation": ja_why,
        },
    )
