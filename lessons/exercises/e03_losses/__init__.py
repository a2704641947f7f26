from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="03-losses",
    lesson="03",
    implements=("mean_squared_error", "cross_entropy_error"),
    package=__name__,
    words=Words(
        "exercise-03-losses",
        {
            "en": {
                "title": "Mean squared error and cross-entropy",
                "task": (
                    "Write mean_squared_error(y, t) as the book defines it: E = ½ Σ (y − t)².\n"
                    "Write cross_entropy_error(y, t): E = −Σ t·log(y + δ) with δ = 1e-7, averaged\n"
                    "over the batch. y is one output (shape (n,)) or a batch (N, n); t is one-hot\n"
                    "(the same shape as y) or class labels (shape (N,))."
                ),
                "hint.1": "½ Σ (y − t)²: 0.5 * np.sum((y - t) ** 2).",
                "hint.2": "Make one output a batch of one with reshape(1, -1); divide the sum by the batch size N.",
                "hint.3": (
                    "One-hot t becomes labels with t.argmax(axis=1); then "
                    "-np.sum(np.log(y[np.arange(N), t] + 1e-7)) / N."
                ),
                "mistake.mse-no-half": "the sum is missing the ½ the book puts in front: 0.5 * np.sum(...).",
                "mistake.mse-mean": "this is the mean, the book's E is ½ Σ (y − t)²: 0.5 * np.sum(...).",
                "mistake.no-delta": "log(0) is −inf: add δ = 1e-7 inside the log, np.log(y + 1e-7).",
                "mistake.no-batch-mean": "the loss grows with the batch: divide the sum by the batch size.",
                "mistake.labels-unsupported": "labels as t (shape (N,)) fail: pick y[np.arange(N), t] for labels.",
            },
            "ja": {
                "title": "2 乗和誤差と交差エントロピー誤差",
                "task": (
                    "本の定義どおり mean_squared_error(y, t) を E = ½ Σ (y − t)² として書きます。\n"
                    "cross_entropy_error(y, t) は E = −Σ t·log(y + δ)（δ = 1e-7）をバッチで平均します。\n"
                    "y は 1 つの出力（形状 (n,)）かバッチ（形状 (N, n)）、t は one-hot 表現（y と同じ形状）か\n"
                    "正解ラベル（形状 (N,)）です。"
                ),
                "hint.1": "½ Σ (y − t)² は 0.5 * np.sum((y - t) ** 2) です。",
                "hint.2": "1 つの出力は reshape(1, -1) で大きさ 1 のバッチにし、和をバッチサイズ N で割ります。",
                "hint.3": (
                    "one-hot の t は t.argmax(axis=1) でラベルにします。そのあと "
                    "-np.sum(np.log(y[np.arange(N), t] + 1e-7)) / N です。"
                ),
                "mistake.mse-no-half": "本の定義にある ½ が抜けています：0.5 * np.sum(...)",
                "mistake.mse-mean": "これは平均です。本の E は ½ Σ (y − t)² です：0.5 * np.sum(...)",
                "mistake.no-delta": "log(0) は −inf です。log の中に δ = 1e-7 を足しましょう：np.log(y + 1e-7)",
                "mistake.no-batch-mean": "損失がバッチの大きさに比例して増えています。和をバッチサイズで割りましょう。",
                "mistake.labels-unsupported": "t がラベル（形状 (N,)）のときに失敗します。ラベルなら y[np.arange(N), t] を取り出しましょう。",
            },
        },
    ),
)
