from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="11-class-activation-map",
    lesson="11",
    implements=("class_activation_map",),
    package=__name__,
    words=Words(
        "exercise-11-class-activation-map",
        {
            "en": {
                "title": "A class activation map",
                "task": (
                    "Write class_activation_map(feature_maps, weights): the heatmap of one class,\n"
                    "CAM = ReLU(Σ_k w_k · A_k), divided by its maximum so that it lies in [0, 1].\n"
                    "feature_maps is (K, H, W), the K maps A_k of the last convolution layer;\n"
                    "weights is (K,), one weight per channel (the dense weights V[:, c] of a\n"
                    "global-average-pooling classifier, or Grad-CAM's α_k). Returns (H, W). When\n"
                    "nothing is positive the map stays all zeros (no division by 0)."
                ),
                "hint.1": "The weighted sum over channels is np.tensordot(weights, feature_maps, axes=1): (H, W).",
                "hint.2": (
                    "ReLU keeps only the evidence for the class; then divide by cam.max() so the "
                    "peak is 1, but only when cam.max() > 0."
                ),
                "hint.3": (
                    "cam = np.maximum(np.tensordot(weights, feature_maps, axes=1), 0); "
                    "return cam / cam.max() if cam.max() > 0 else cam"
                ),
                "mistake.no-relu": (
                    "the map has negative values: apply ReLU, np.maximum(cam, 0), before "
                    "normalising, so only evidence for the class remains."
                ),
                "mistake.not-normalised": "the peak is not 1: divide the map by its maximum.",
                "mistake.min-max": (
                    "the map was stretched with (cam − min) / (max − min): after ReLU the minimum "
                    "is already 0, so divide by the maximum only."
                ),
                "mistake.zero-division": (
                    "an all-zero map gives nan: divide by the maximum only when it is above 0."
                ),
            },
            "ja": {
                "title": "クラス活性化マップ",
                "task": (
                    "class_activation_map(feature_maps, weights) を書きます。1 つのクラスのヒートマップ\n"
                    "CAM = ReLU(Σ_k w_k · A_k) を、最大値で割って [0, 1] に収めたものです。\n"
                    "feature_maps は最後の畳み込み層の K 枚のマップ A_k で形状 (K, H, W)、\n"
                    "weights はチャンネルごとの重みで形状 (K,) です（Global Average Pooling の分類器の\n"
                    "重み V[:, c]、または Grad-CAM の α_k）。(H, W) を返します。正の値が 1 つもないときは、\n"
                    "マップはすべて 0 のままにします（0 で割りません）。"
                ),
                "hint.1": "チャンネルについての重み付き和は np.tensordot(weights, feature_maps, axes=1) で、形状は (H, W) です。",
                "hint.2": (
                    "ReLU でクラスを支持する部分だけを残します。そのあと cam.max() で割って最大値を 1 にします。"
                    "ただし cam.max() > 0 のときだけです。"
                ),
                "hint.3": (
                    "cam = np.maximum(np.tensordot(weights, feature_maps, axes=1), 0); "
                    "return cam / cam.max() if cam.max() > 0 else cam"
                ),
                "mistake.no-relu": (
                    "マップに負の値があります。正規化の前に ReLU（np.maximum(cam, 0)）を通して、"
                    "クラスを支持する部分だけを残しましょう。"
                ),
                "mistake.not-normalised": "最大値が 1 になっていません。マップを最大値で割りましょう。",
                "mistake.min-max": (
                    "(cam − min) / (max − min) で引き伸ばしています。ReLU のあとは最小値がすでに 0 なので、"
                    "最大値で割るだけにしましょう。"
                ),
                "mistake.zero-division": (
                    "すべて 0 のマップで nan になります。最大値が 0 より大きいときだけ割りましょう。"
                ),
            },
        },
    ),
)
