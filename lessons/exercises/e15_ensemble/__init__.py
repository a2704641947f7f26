from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="15-ensemble",
    lesson="15",
    implements=("ensemble_average",),
    package=__name__,
    words=Words(
        "exercise-15-ensemble",
        {
            "en": {
                "title": "Averaging an ensemble",
                "task": (
                    "Write ensemble_average(probs, weights=None). probs holds the class probabilities\n"
                    "of M models for the same N samples, shape (M, N, K) (or a list of M arrays (N, K)).\n"
                    "Without weights return the plain mean over the models, (N, K). With weights (M,),\n"
                    "e.g. tuned on validation data, return Σ_m w_m · probs[m] / Σ_m w_m, so every row\n"
                    "still sums to 1 whatever the scale of the weights."
                ),
                "hint.1": "np.asarray(probs) turns a list of (N, K) arrays into one (M, N, K) array; axis 0 is the model.",
                "hint.2": "No weights: probs.mean(axis=0). Weights: np.tensordot(w, probs, axes=1) is Σ_m w_m · probs[m].",
                "hint.3": "w = np.asarray(weights, dtype=float); return np.tensordot(w, probs, axes=1) / w.sum()",
                "mistake.wrong-axis": (
                    "the mean runs over samples or classes: the models are axis 0, "
                    "so average over axis=0 and keep (N, K)."
                ),
                "mistake.weights-not-normalised": (
                    "the rows no longer sum to 1: divide the weighted sum by the sum of the weights."
                ),
                "mistake.weights-ignored": "the weights were ignored: multiply each model's probabilities by its weight.",
            },
            "ja": {
                "title": "アンサンブルの平均",
                "task": (
                    "ensemble_average(probs, weights=None) を書きます。probs は M 個のモデルが同じ N 個のサンプルに\n"
                    "出したクラスの確率で、形状は (M, N, K)（または (N, K) の配列 M 個のリスト）です。\n"
                    "weights がなければモデルについての単純な平均 (N, K) を返します。weights (M,)（検証データで\n"
                    "調整した重みなど）があれば Σ_m w_m · probs[m] / Σ_m w_m を返します。こうすれば重みの\n"
                    "大きさによらず、各行の和は 1 のままです。"
                ),
                "hint.1": "np.asarray(probs) で (N, K) の配列のリストが 1 つの (M, N, K) の配列になります。軸 0 がモデルです。",
                "hint.2": "重みなし：probs.mean(axis=0)。重みあり：np.tensordot(w, probs, axes=1) が Σ_m w_m · probs[m] です。",
                "hint.3": "w = np.asarray(weights, dtype=float); return np.tensordot(w, probs, axes=1) / w.sum()",
                "mistake.wrong-axis": (
                    "サンプルかクラスについて平均しています。モデルは軸 0 なので、axis=0 で平均して (N, K) を保ちましょう。"
                ),
                "mistake.weights-not-normalised": (
                    "各行の和が 1 になっていません。重み付きの和を重みの和で割りましょう。"
                ),
                "mistake.weights-ignored": "重みが使われていません。各モデルの確率にその重みを掛けましょう。",
            },
        },
    ),
)
