from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="05-sgd-momentum",
    lesson="05",
    implements=("SGD", "Momentum"),
    package=__name__,
    words=Words(
        "exercise-05-sgd-momentum",
        {
            "en": {
                "title": "SGD and Momentum",
                "task": (
                    "Write SGD(lr=0.01) and Momentum(lr=0.01, momentum=0.9), each with\n"
                    "update(params, grads): params and grads are dicts of arrays with the same keys;\n"
                    "update changes params in place. SGD: W ← W − lr·∂L/∂W. Momentum keeps a\n"
                    "velocity per key: v ← momentum·v − lr·∂L/∂W, then W ← W + v."
                ),
                "hint.1": "Update in place: params[key] -= ... changes the caller's array; params[key] = ... in a new dict does not.",
                "hint.2": "Momentum's velocity starts at zeros_like(param) for each key and is kept between calls.",
                "hint.3": "self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]; params[key] += self.v[key].",
                "mistake.not-in-place": "params did not change: update the arrays in place (params[key] -= ...).",
                "mistake.momentum-sign": "the step goes uphill: v = momentum·v − lr·grad, then params += v.",
                "mistake.velocity-reset": "the velocity starts from zero at every update: create it once (when it is None) and keep it.",
                "mistake.sgd-sign": "SGD moves uphill: subtract lr * grads[key].",
            },
            "ja": {
                "title": "SGD と Momentum",
                "task": (
                    "SGD(lr=0.01) と Momentum(lr=0.01, momentum=0.9) を書きます。どちらも update(params, grads) を持ち、\n"
                    "params と grads は同じキーを持つ配列の辞書です。update は params をその場で書き換えます。\n"
                    "SGD は W ← W − lr·∂L/∂W です。Momentum はキーごとに速度を持ちます：\n"
                    "v ← momentum·v − lr·∂L/∂W、そして W ← W + v です。"
                ),
                "hint.1": "その場で更新します。params[key] -= ... は呼び出し元の配列を変えますが、新しい辞書への params[key] = ... は変えません。",
                "hint.2": "Momentum の速度はキーごとに zeros_like(param) から始め、呼び出しの間も保持します。",
                "hint.3": "self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]; params[key] += self.v[key]",
                "mistake.not-in-place": "params が変わっていません。配列をその場で更新しましょう（params[key] -= ...）。",
                "mistake.momentum-sign": "坂を上る向きに進んでいます。v = momentum·v − lr·grad とし、params += v です。",
                "mistake.velocity-reset": "速度が更新のたびに 0 から始まっています。最初に 1 度だけ（None のとき）作り、保持しましょう。",
                "mistake.sgd-sign": "SGD が坂を上っています。lr * grads[key] を引きましょう。",
            },
        },
    ),
)
