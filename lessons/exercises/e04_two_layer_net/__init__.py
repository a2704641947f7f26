from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="04-two-layer-net",
    lesson="04",
    implements=("TwoLayerNet",),
    package=__name__,
    seconds=60.0,
    words=Words(
        "exercise-04-two-layer-net",
        {
            "en": {
                "title": "Capstone: a two-layer network that learns MNIST",
                "task": (
                    "Write TwoLayerNet(input_size, hidden_size, output_size, weight_init_std=0.01)\n"
                    "from your own Affine, Relu and SoftmaxWithLoss (paste them in): Affine → Relu →\n"
                    "Affine → SoftmaxWithLoss. self.params holds W1, b1, W2, b2 (weights\n"
                    "weight_init_std · randn, biases zeros), shared with the layers. Methods:\n"
                    "predict(x) (the scores before softmax), loss(x, t), accuracy(x, t) (labels or\n"
                    "one-hot t) and gradient(x, t) (a dict with the same keys, by backpropagation).\n"
                    "The check compares gradient with numerical gradients, then trains your net with\n"
                    "SGD (lr 0.2, batch 100, 10 epochs on the 3,500 MNIST training images) and needs\n"
                    "at least 85% accuracy on the 1,000 test images."
                ),
                "hint.1": (
                    "Keep the layers in order in an OrderedDict; predict runs forward through them, "
                    "loss adds the last layer."
                ),
                "hint.2": (
                    "Give Affine the arrays of self.params themselves (not copies): SGD updates "
                    "params in place and the layers must see it. accuracy: np.argmax of the scores, "
                    "and of t when t is one-hot."
                ),
                "hint.3": (
                    "gradient: self.loss(x, t); dout = self.lastLayer.backward(1); run backward "
                    'through the layers in reverse; grads["W1"] = self.layers["Affine1"].dW, '
                    'grads["b1"] = self.layers["Affine1"].db, and so on.'
                ),
                "mistake.params-not-shared": (
                    "changing net.params does not change the predictions: the layers hold copies. "
                    'Pass self.params["W1"] and the others to Affine as they are.'
                ),
                "mistake.accuracy-one-hot": (
                    "accuracy fails for one-hot t: when t.ndim != 1, take np.argmax(t, axis=1) first."
                ),
            },
            "ja": {
                "title": "総仕上げ：MNIST を学習する 2 層ニューラルネットワーク",
                "task": (
                    "自分で書いた Affine、Relu、SoftmaxWithLoss を貼り付けて、Affine → Relu → Affine →\n"
                    "SoftmaxWithLoss の TwoLayerNet(input_size, hidden_size, output_size,\n"
                    "weight_init_std=0.01) を書きます。self.params は W1、b1、W2、b2（重みは\n"
                    "weight_init_std · randn、バイアスは 0）を持ち、レイヤと共有します。メソッドは\n"
                    "predict(x)（ソフトマックス関数の前のスコア）、loss(x, t)、accuracy(x, t)（t はラベルか\n"
                    "one-hot 表現）、gradient(x, t)（誤差逆伝播法による、同じキーの辞書）です。\n"
                    "チェックでは gradient を数値微分と比べ、次に SGD（学習率 0.2、バッチサイズ 100、\n"
                    "MNIST の訓練画像 3,500 枚で 10 エポック）で学習させ、テスト画像 1,000 枚での\n"
                    "正解率 85% 以上を求めます。"
                ),
                "hint.1": (
                    "レイヤを順番どおり OrderedDict に入れます。predict はそれらの forward を順に呼び、"
                    "loss は最後のレイヤを加えます。"
                ),
                "hint.2": (
                    "Affine には self.params の配列そのもの（コピーではなく）を渡します。SGD は params を"
                    "その場で更新するので、レイヤからもその変更が見える必要があります。accuracy は"
                    "スコアの np.argmax を取り、t が one-hot 表現なら t にも np.argmax を使います。"
                ),
                "hint.3": (
                    "gradient：self.loss(x, t); dout = self.lastLayer.backward(1) として、レイヤを"
                    '逆順にたどって backward を呼びます。grads["W1"] = self.layers["Affine1"].dW、'
                    'grads["b1"] = self.layers["Affine1"].db のように集めます。'
                ),
                "mistake.params-not-shared": (
                    "net.params を変えても予測が変わりません。レイヤがコピーを持っています。"
                    'self.params["W1"] などをそのまま Affine に渡しましょう。'
                ),
                "mistake.accuracy-one-hot": (
                    "t が one-hot 表現のとき accuracy が失敗します。t.ndim != 1 なら、先に "
                    "np.argmax(t, axis=1) を取りましょう。"
                ),
            },
        },
    ),
)
