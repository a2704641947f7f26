from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="09-workflow",
    lesson="09",
    implements=("ema", "last_layer"),
    package=__name__,
    words=Words(
        "exercise-09-workflow",
        {
            "en": {
                "title": "Smoothing a curve, choosing the last layer",
                "task": (
                    "- ema(values, beta=0.9): the exponential moving average of lesson 09,\n"
                    "  s₁ = x₁, sₜ = β·sₜ₋₁ + (1 − β)·xₜ (the first point as it is, as DLwP's\n"
                    "  smooth_curve does), as an array as long as values.\n"
                    "- last_layer(task): the (activation, loss) pair of lesson 09's table, as Keras\n"
                    '  names them: "binary", "multiclass" (one-hot labels), "multiclass-integer",\n'
                    '  "multilabel", "regression" (activation None, loss "mse"). Any other task\n'
                    "  raises ValueError."
                ),
                "hint.1": (
                    "ema: start from the first value and walk through values once. last_layer: "
                    "ask what the target is; several classes at once need independent sigmoids."
                ),
                "hint.2": (
                    "s = values[0], then for each x: s = beta * s + (1 − beta) * x. A dict from "
                    "task name to (activation, loss) keeps the table in one place."
                ),
                "hint.3": (
                    '{"binary": ("sigmoid", "binary_crossentropy"), "multiclass": '
                    '("softmax", "categorical_crossentropy"), "multiclass-integer": ("softmax", '
                    '"sparse_categorical_crossentropy"), "multilabel": ("sigmoid", '
                    '"binary_crossentropy"), "regression": (None, "mse")}'
                ),
                "mistake.ema-zero-start": (
                    "the average starts from 0, so the first points are pulled towards 0: start "
                    "from the first value, s = values[0]."
                ),
                "mistake.ema-beta-swapped": (
                    "β and 1 − β are swapped: the previous smoothed value gets the weight β, the "
                    "new value 1 − β."
                ),
                "mistake.multilabel-softmax": (
                    "multi-label uses softmax: several labels can be right at once, so each class "
                    "gets its own sigmoid and binary cross-entropy."
                ),
                "mistake.regression-activation": (
                    "regression has an activation: a target can be any real number, so the last "
                    "layer must not squash it (activation None)."
                ),
            },
            "ja": {
                "title": "曲線の平滑化と、最後の層の選び方",
                "task": (
                    "- ema(values, beta=0.9)：レッスン 09 の指数移動平均 s₁ = x₁、sₜ = β·sₜ₋₁ + (1 − β)·xₜ\n"
                    "  を、values と同じ長さの配列で返します（DLwP の smooth_curve と同じく、\n"
                    "  最初の点はそのままです）。\n"
                    "- last_layer(task)：レッスン 09 の表の（活性化関数, 損失関数）の組を、Keras での\n"
                    '  名前で返します。task は "binary"、"multiclass"（one-hot 表現のラベル）、\n'
                    '  "multiclass-integer"、"multilabel"、"regression"（活性化関数 None、損失 "mse"）です。\n'
                    "  それ以外の task では ValueError を送出します。"
                ),
                "hint.1": (
                    "ema：最初の値から始めて、values を 1 回たどります。last_layer：目標値が何かを"
                    "考えます。複数のクラスが同時に正解になるなら、独立したシグモイドが必要です。"
                ),
                "hint.2": (
                    "s = values[0] とし、各 x について s = beta * s + (1 − beta) * x とします。"
                    "task の名前から（活性化関数, 損失関数）への辞書を作ると、表が 1 か所にまとまります。"
                ),
                "hint.3": (
                    '{"binary": ("sigmoid", "binary_crossentropy"), "multiclass": '
                    '("softmax", "categorical_crossentropy"), "multiclass-integer": ("softmax", '
                    '"sparse_categorical_crossentropy"), "multilabel": ("sigmoid", '
                    '"binary_crossentropy"), "regression": (None, "mse")}'
                ),
                "mistake.ema-zero-start": (
                    "平均が 0 から始まっているため、最初の点が 0 に引き寄せられています。"
                    "最初の値から始めましょう：s = values[0]"
                ),
                "mistake.ema-beta-swapped": (
                    "β と 1 − β が入れ替わっています。1 つ前の平滑化した値の重みが β、新しい値の"
                    "重みが 1 − β です。"
                ),
                "mistake.multilabel-softmax": (
                    "マルチラベルにソフトマックス関数を使っています。複数のラベルが同時に正解に"
                    "なりうるので、クラスごとにシグモイドと 2 値の交差エントロピーを使います。"
                ),
                "mistake.regression-activation": (
                    "回帰に活性化関数を付けています。目標値はどんな実数にもなりうるので、最後の層で"
                    "値を押しつぶしてはいけません（活性化関数は None）。"
                ),
            },
        },
    ),
)
