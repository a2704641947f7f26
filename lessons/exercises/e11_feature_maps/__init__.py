from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="11-feature-maps",
    lesson="11",
    implements=("feature_maps",),
    package=__name__,
    words=Words(
        "exercise-11-feature-maps",
        {
            "en": {
                "title": "Feature maps: a bank of filters and ReLU",
                "task": (
                    "Write feature_maps(x, W, b): run every filter of W over every image of x\n"
                    "('valid' cross-correlation, stride 1, no padding), add the filter's bias and\n"
                    "apply ReLU. x is (N, C, H, W), W is (FN, C, FH, FW), b is (FN,); the result is\n"
                    "(N, FN, H − FH + 1, W − FW + 1). A blank (all-zero) map means the filter's\n"
                    "pattern is absent from the image."
                ),
                "hint.1": (
                    "One output value is the sum of a filter times the (C, FH, FW) patch under it, "
                    "plus that filter's bias; ReLU comes last."
                ),
                "hint.2": (
                    "Loop over the output positions (i, j): patch = x[:, :, i:i+FH, j:j+FW]; "
                    "np.tensordot(patch, W, axes=([1, 2, 3], [1, 2, 3])) gives (N, FN) at once."
                ),
                "hint.3": (
                    "out[:, :, i, j] = np.tensordot(patch, W, axes=([1, 2, 3], [1, 2, 3])) + b, "
                    "then return np.maximum(out, 0)."
                ),
                "mistake.no-relu": (
                    "the maps have negative values: a feature map is the convolution followed by "
                    "ReLU, np.maximum(out, 0)."
                ),
                "mistake.no-bias": "the bias is missing: add b[k] to every value of map k before ReLU.",
                "mistake.kernel-flipped": (
                    "the filter is turned by 180°: a CNN layer slides the filter as it is "
                    "(cross-correlation), so multiply x[i + u, j + v] by W[u, v]."
                ),
            },
            "ja": {
                "title": "特徴マップ：フィルターの集まりと ReLU",
                "task": (
                    "feature_maps(x, W, b) を書きます。x のすべての画像に W のすべてのフィルターを適用し\n"
                    "（'valid' の相互相関、ストライド 1、パディングなし）、フィルターのバイアスを足して\n"
                    "ReLU を通します。x は (N, C, H, W)、W は (FN, C, FH, FW)、b は (FN,) で、結果は\n"
                    "(N, FN, H − FH + 1, W − FW + 1) です。空の（すべて 0 の）マップは、そのフィルターの\n"
                    "パターンが画像にないことを表します。"
                ),
                "hint.1": (
                    "出力の 1 つの値は、フィルターとその下の (C, FH, FW) の領域の積の和に、"
                    "そのフィルターのバイアスを足したものです。ReLU は最後に通します。"
                ),
                "hint.2": (
                    "出力の位置 (i, j) についてループします：patch = x[:, :, i:i+FH, j:j+FW]。"
                    "np.tensordot(patch, W, axes=([1, 2, 3], [1, 2, 3])) で (N, FN) が一度に求まります。"
                ),
                "hint.3": (
                    "out[:, :, i, j] = np.tensordot(patch, W, axes=([1, 2, 3], [1, 2, 3])) + b とし、"
                    "最後に np.maximum(out, 0) を返します。"
                ),
                "mistake.no-relu": (
                    "マップに負の値があります。特徴マップは畳み込みのあとに ReLU を通したもの、"
                    "np.maximum(out, 0) です。"
                ),
                "mistake.no-bias": "バイアスがありません。ReLU の前に、マップ k のすべての値に b[k] を足しましょう。",
                "mistake.kernel-flipped": (
                    "フィルターが 180° 回転しています。CNN のレイヤはフィルターをそのまま動かす（相互相関）ので、"
                    "x[i + u, j + v] に W[u, v] を掛けましょう。"
                ),
            },
        },
    ),
)
