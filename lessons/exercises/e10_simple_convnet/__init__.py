from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="10-simple-convnet",
    lesson="10",
    implements=("SimpleConvNet",),
    package=__name__,
    seconds=90.0,
    words=Words(
        "exercise-10-simple-convnet",
        {
            "en": {
                "title": "Capstone: a small CNN that learns MNIST",
                "task": (
                    "Write SimpleConvNet(input_dim=(1, 28, 28), conv_param=None, hidden_size=100,\n"
                    "output_size=10, weight_init_std=0.01) from your own Convolution, Pooling, Relu,\n"
                    "Affine and SoftmaxWithLoss (paste them in): Convolution → Relu → Pooling (2×2,\n"
                    "stride 2) → Affine → Relu → Affine → SoftmaxWithLoss. conv_param is a dict with\n"
                    "filter_num, filter_size, pad and stride. self.params holds W1, b1 (the filters),\n"
                    "W2, b2, W3, b3, shared with the layers. Methods: predict(x), loss(x, t),\n"
                    "accuracy(x, t) and gradient(x, t) (a dict with the same keys).\n"
                    "The check compares gradient with numerical gradients on a tiny net, then trains\n"
                    "a net with 8 filters 5×5, hidden_size=50, weight_init_std=0.1 by SGD (lr 0.2,\n"
                    "batch 100, 3 epochs on the 3,500 MNIST training images) and needs at least 80%\n"
                    "accuracy on the 1,000 test images."
                ),
                "hint.1": (
                    "Work out the sizes first: the convolution gives OH = (H + 2P − FH) / S + 1, "
                    "the pooling halves it, so the first Affine takes filter_num · (OH/2) · (OH/2) inputs."
                ),
                "hint.2": (
                    "W1 has the shape (filter_num, C, filter_size, filter_size). Give the layers the "
                    "arrays of self.params themselves, not copies: SGD updates them in place."
                ),
                "hint.3": (
                    "gradient: self.loss(x, t); dout = self.last_layer.backward(1); backward through "
                    'the layers in reverse; grads["W1"] = self.layers["Conv1"].dW, '
                    'grads["W2"] = self.layers["Affine1"].dW, grads["W3"] = self.layers["Affine2"].dW '
                    "and the same for db."
                ),
                "mistake.pool-output-size": (
                    "W2 has too few rows: the pooling output has filter_num channels, so the first "
                    "Affine takes filter_num · (OH/2) · (OH/2) inputs."
                ),
                "mistake.params-not-shared": (
                    "changing net.params does not change the predictions: the layers hold copies. "
                    'Pass self.params["W1"] and the others to the layers as they are.'
                ),
            },
            "ja": {
                "title": "総仕上げ：MNIST を学習する小さな CNN",
                "task": (
                    "自分で書いた Convolution、Pooling、Relu、Affine、SoftmaxWithLoss を貼り付けて、\n"
                    "Convolution → Relu → Pooling（2×2、ストライド 2）→ Affine → Relu → Affine →\n"
                    "SoftmaxWithLoss の SimpleConvNet(input_dim=(1, 28, 28), conv_param=None,\n"
                    "hidden_size=100, output_size=10, weight_init_std=0.01) を書きます。conv_param は\n"
                    "filter_num、filter_size、pad、stride を持つ辞書です。self.params は W1、b1（フィルター）、\n"
                    "W2、b2、W3、b3 を持ち、レイヤと共有します。メソッドは predict(x)、loss(x, t)、\n"
                    "accuracy(x, t)、gradient(x, t)（同じキーの辞書）です。チェックでは小さなネットワークで\n"
                    "gradient を数値微分と比べ、次に 5×5 のフィルター 8 枚、hidden_size=50、\n"
                    "weight_init_std=0.1 のネットワークを SGD（学習率 0.2、バッチサイズ 100、MNIST の\n"
                    "訓練画像 3,500 枚で 3 エポック）で学習させ、テスト画像 1,000 枚での正解率 80% 以上を\n"
                    "求めます。"
                ),
                "hint.1": (
                    "先にサイズを求めます。畳み込みの出力は OH = (H + 2P − FH) / S + 1 で、プーリングで"
                    "半分になるので、最初の Affine の入力は filter_num · (OH/2) · (OH/2) 個です。"
                ),
                "hint.2": (
                    "W1 の形状は (filter_num, C, filter_size, filter_size) です。レイヤには self.params の"
                    "配列そのもの（コピーではなく）を渡します。SGD はその場で更新します。"
                ),
                "hint.3": (
                    "gradient：self.loss(x, t); dout = self.last_layer.backward(1) として、レイヤを逆順に"
                    'たどって backward を呼びます。grads["W1"] = self.layers["Conv1"].dW、'
                    'grads["W2"] = self.layers["Affine1"].dW、grads["W3"] = self.layers["Affine2"].dW、'
                    "db も同じように集めます。"
                ),
                "mistake.pool-output-size": (
                    "W2 の行が足りません。プーリングの出力は filter_num 枚のチャンネルを持つので、"
                    "最初の Affine の入力は filter_num · (OH/2) · (OH/2) 個です。"
                ),
                "mistake.params-not-shared": (
                    "net.params を変えても予測が変わりません。レイヤがコピーを持っています。"
                    'self.params["W1"] などをそのままレイヤに渡しましょう。'
                ),
            },
        },
    ),
)
