from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="04-activation-layers",
    lesson="04",
    implements=("Relu", "Sigmoid"),
    package=__name__,
    words=Words(
        "exercise-04-activation-layers",
        {
            "en": {
                "title": "ReLU and sigmoid layers",
                "task": (
                    "Write the layers Relu and Sigmoid, each with forward(x) and backward(dout).\n"
                    "Relu: forward returns max(0, x) without changing x; backward passes dout where\n"
                    "x > 0 and 0 elsewhere. Sigmoid: forward returns y = 1 / (1 + exp(−x)); backward\n"
                    "returns dout · y · (1 − y). Inputs are arrays of any shape."
                ),
                "hint.1": "Keep what backward needs: Relu the mask x <= 0, Sigmoid its output y.",
                "hint.2": "Relu: self.mask = (x <= 0); out = x.copy(); out[self.mask] = 0. Backward: dout[self.mask] = 0.",
                "hint.3": "Sigmoid backward uses the output, not the input: dout * (1.0 - self.out) * self.out.",
                "mistake.mask-not-applied": "backward passes dout everywhere: set it to 0 where x <= 0.",
                "mistake.mask-inverted": "the mask is the wrong way round: the gradient flows where x > 0.",
                "mistake.changes-input": "forward changed its input array: copy it first (out = x.copy()).",
                "mistake.sigmoid-uses-x": "backward uses the input x: the derivative is y·(1 − y) with y the output.",
                "mistake.sigmoid-no-one-minus": "the (1 − y) factor is missing: dout * (1.0 - y) * y.",
            },
            "ja": {
                "title": "ReLU レイヤと Sigmoid レイヤ",
                "task": (
                    "Relu と Sigmoid のレイヤを書きます。どちらも forward(x) と backward(dout) を持ちます。\n"
                    "Relu の forward は x を書き換えずに max(0, x) を返し、backward は x > 0 のところだけ dout を通し、\n"
                    "ほかは 0 にします。Sigmoid の forward は y = 1 / (1 + exp(−x)) を返し、backward は\n"
                    "dout · y · (1 − y) を返します。入力は任意の形状の配列です。"
                ),
                "hint.1": "backward で必要なものを覚えておきます。Relu はマスク x <= 0、Sigmoid は出力 y です。",
                "hint.2": "Relu：self.mask = (x <= 0); out = x.copy(); out[self.mask] = 0。backward は dout[self.mask] = 0 です。",
                "hint.3": "Sigmoid の backward は入力ではなく出力を使います：dout * (1.0 - self.out) * self.out",
                "mistake.mask-not-applied": "backward がすべての場所で dout を通しています。x <= 0 のところは 0 にしましょう。",
                "mistake.mask-inverted": "マスクが逆です。勾配が流れるのは x > 0 のところです。",
                "mistake.changes-input": "forward が入力の配列を書き換えています。先にコピーしましょう（out = x.copy()）。",
                "mistake.sigmoid-uses-x": "backward で入力 x を使っています。微分は出力 y を使った y·(1 − y) です。",
                "mistake.sigmoid-no-one-minus": "(1 − y) が抜けています：dout * (1.0 - y) * y",
            },
        },
    ),
)
