from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="02-softmax",
    lesson="02",
    implements=("softmax",),
    package=__name__,
    words=Words(
        "exercise-02-softmax",
        {
            "en": {
                "title": "Softmax that never overflows",
                "task": (
                    "Write softmax(a): exp(a_k) / Σ exp(a_i), over the last axis.\n"
                    "It must work on one vector (shape (n,)) and on a batch (shape (N, n)),\n"
                    "one softmax per row, and stay finite for large inputs like a + 1000."
                ),
                "hint.1": "exp(1000) overflows to inf; softmax(a) equals softmax(a − c) for any c.",
                "hint.2": "Subtract the largest value first: a − np.max(a, axis=-1, keepdims=True).",
                "hint.3": (
                    "c = np.max(a, axis=-1, keepdims=True); e = np.exp(a − c); "
                    "return e / np.sum(e, axis=-1, keepdims=True)"
                ),
                "mistake.no-max-shift": (
                    "exp overflows for large inputs: subtract the maximum before np.exp."
                ),
                "mistake.sum-over-batch": (
                    "the sum runs over the whole batch, so rows do not sum to 1: "
                    "sum over the last axis with keepdims=True."
                ),
                "mistake.batch-only": (
                    "it works only on batches: use axis=-1 so one vector (shape (n,)) works too."
                ),
            },
            "ja": {
                "title": "オーバーフローしないソフトマックス関数",
                "task": (
                    "softmax(a) を書きます。最後の軸について exp(a_k) / Σ exp(a_i) を計算します。\n"
                    "1 本のベクトル（形状 (n,)）とバッチ（形状 (N, n)、行ごとに 1 つのソフトマックス）の\n"
                    "両方で動き、a + 1000 のような大きな入力でも有限の値を返すようにします。"
                ),
                "hint.1": "exp(1000) は inf にオーバーフローします。どんな c でも softmax(a) = softmax(a − c) です。",
                "hint.2": "先に最大値を引きます：a − np.max(a, axis=-1, keepdims=True)",
                "hint.3": (
                    "c = np.max(a, axis=-1, keepdims=True); e = np.exp(a − c); "
                    "return e / np.sum(e, axis=-1, keepdims=True)"
                ),
                "mistake.no-max-shift": (
                    "大きな入力で exp がオーバーフローしています。np.exp の前に最大値を引きましょう。"
                ),
                "mistake.sum-over-batch": (
                    "バッチ全体で和を取っているため、各行の和が 1 になりません。"
                    "最後の軸について keepdims=True で和を取りましょう。"
                ),
                "mistake.batch-only": (
                    "バッチでしか動きません。axis=-1 を使えば 1 本のベクトル（形状 (n,)）でも動きます。"
                ),
            },
        },
    ),
)
