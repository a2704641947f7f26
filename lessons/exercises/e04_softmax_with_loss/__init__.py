from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="04-softmax-with-loss",
    lesson="04",
    implements=("SoftmaxWithLoss",),
    package=__name__,
    words=Words(
        "exercise-04-softmax-with-loss",
        {
            "en": {
                "title": "The Softmax-with-Loss layer",
                "task": (
                    "Write SoftmaxWithLoss with forward(x, t) and backward(dout=1). forward applies\n"
                    "softmax to the scores x (N, K) and returns the cross-entropy error against t,\n"
                    "one-hot (N, K) or labels (N,). backward returns dL/dx: (y − t) / N.\n"
                    "softmax and cross_entropy_error are given in the file."
                ),
                "hint.1": "Keep y = softmax(x) and t in forward: backward is built from them.",
                "hint.2": "The loss is a mean over the batch, so each row's gradient is divided by N.",
                "hint.3": (
                    "For labels t: dx = y.copy(); dx[np.arange(N), t] -= 1; dx /= N. "
                    "For one-hot t: dx = (y − t) / N."
                ),
                "mistake.not-divided-by-batch": "backward is N times too large: the loss averages over the batch, so divide by N.",
                "mistake.backward-sign": "the sign is flipped: the gradient is y − t, not t − y.",
                "mistake.labels-unsupported": "labels as t (shape (N,)) fail in backward: subtract 1 at y[np.arange(N), t].",
                "mistake.loss-not-mean": "forward returns one loss per sample: return their mean (cross_entropy_error does).",
            },
            "ja": {
                "title": "Softmax-with-Loss レイヤ",
                "task": (
                    "forward(x, t) と backward(dout=1) を持つ SoftmaxWithLoss を書きます。forward はスコア x (N, K) に\n"
                    "ソフトマックス関数を適用し、t（one-hot (N, K) かラベル (N,)）との交差エントロピー誤差を返します。\n"
                    "backward は dL/dx = (y − t) / N を返します。softmax と cross_entropy_error はファイルに用意してあります。"
                ),
                "hint.1": "forward で y = softmax(x) と t を覚えておきます。backward はそこから作ります。",
                "hint.2": "損失はバッチの平均なので、各行の勾配は N で割ります。",
                "hint.3": (
                    "ラベルの t なら dx = y.copy(); dx[np.arange(N), t] -= 1; dx /= N です。"
                    "one-hot の t なら dx = (y − t) / N です。"
                ),
                "mistake.not-divided-by-batch": "backward が N 倍の大きさです。損失はバッチの平均なので N で割りましょう。",
                "mistake.backward-sign": "符号が逆です。勾配は t − y ではなく y − t です。",
                "mistake.labels-unsupported": "t がラベル（形状 (N,)）のとき backward が失敗します。y[np.arange(N), t] から 1 を引きましょう。",
                "mistake.loss-not-mean": "forward がサンプルごとの損失を返しています。平均を返しましょう（cross_entropy_error は平均を返します）。",
            },
        },
    ),
)
