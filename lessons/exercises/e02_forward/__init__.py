from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="02-forward",
    lesson="02",
    implements=("forward",),
    package=__name__,
    words=Words(
        "exercise-02-forward",
        {
            "en": {
                "title": "A three-layer forward pass",
                "task": (
                    "Write forward(network, x) for a three-layer network. network is a dict with\n"
                    "W1, b1, W2, b2, W3, b3; each layer computes a = z·W + b. The two hidden layers\n"
                    "apply the sigmoid, the output layer the identity (y = a3). x is one sample\n"
                    "(shape (D,)) or a batch (shape (N, D)); return y with one row per sample.\n"
                    "Write sigmoid(x) = 1 / (1 + exp(−x)) in the file too."
                ),
                "hint.1": "Go layer by layer: a1 = np.dot(x, W1) + b1, then z1 = sigmoid(a1), and so on.",
                "hint.2": (
                    "np.dot(x, W1) works for one sample and for a batch alike, as long as x comes "
                    "first. The last layer has no sigmoid: y = a3."
                ),
                "hint.3": (
                    "a1 = np.dot(x, W1) + b1; z1 = sigmoid(a1); a2 = np.dot(z1, W2) + b2; "
                    "z2 = sigmoid(a2); a3 = np.dot(z2, W3) + b3; return a3"
                ),
                "mistake.sigmoid-on-output": (
                    "the output went through the sigmoid: the output layer here is the identity, "
                    "y = a3."
                ),
                "mistake.no-hidden-activation": (
                    "the hidden layers have no activation: apply sigmoid to a1 and a2. Without it "
                    "three layers collapse into one linear map."
                ),
            },
            "ja": {
                "title": "3 層ニューラルネットワークの順方向の計算",
                "task": (
                    "3 層のネットワークの forward(network, x) を書きます。network は W1、b1、W2、b2、\n"
                    "W3、b3 を持つ辞書で、各層は a = z·W + b を計算します。2 つの隠れ層ではシグモイド\n"
                    "関数を、出力層では恒等関数（y = a3）を使います。x は 1 つのサンプル（形状 (D,)）\n"
                    "またはバッチ（形状 (N, D)）で、サンプルごとに 1 行の y を返します。\n"
                    "sigmoid(x) = 1 / (1 + exp(−x)) も同じファイルに書きます。"
                ),
                "hint.1": "1 層ずつ進めます：a1 = np.dot(x, W1) + b1、次に z1 = sigmoid(a1)、と続けます。",
                "hint.2": (
                    "x を先に書けば、np.dot(x, W1) は 1 つのサンプルでもバッチでも同じように"
                    "動きます。最後の層にはシグモイド関数を使いません：y = a3"
                ),
                "hint.3": (
                    "a1 = np.dot(x, W1) + b1; z1 = sigmoid(a1); a2 = np.dot(z1, W2) + b2; "
                    "z2 = sigmoid(a2); a3 = np.dot(z2, W3) + b3; return a3"
                ),
                "mistake.sigmoid-on-output": (
                    "出力にシグモイド関数を通しています。ここでの出力層は恒等関数で、y = a3 です。"
                ),
                "mistake.no-hidden-activation": (
                    "隠れ層に活性化関数がありません。a1 と a2 にシグモイド関数を使いましょう。"
                    "活性化関数がないと、3 層が 1 つの線形変換にまとまってしまいます。"
                ),
            },
        },
    ),
)
