from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="07-weight-decay",
    lesson="07",
    implements=("weight_decay_loss", "weight_decay_grad"),
    package=__name__,
    words=Words(
        "exercise-07-weight-decay",
        {
            "en": {
                "title": "Weight decay: the penalty and its gradient",
                "task": (
                    "params is a dict of arrays named as in the book: weights W1, W2, … and\n"
                    "biases b1, b2, …. Write weight_decay_loss(params, lam) = λ/2 · Σ W² over every\n"
                    "weight (the biases are not decayed), and weight_decay_grad(params, lam): a dict\n"
                    "with the same keys, λ·W for each weight and zeros for each bias."
                ),
                "hint.1": (
                    'The penalty goes over the weights only: the keys that start with "W". '
                    "The ½ makes the gradient exactly λ·W."
                ),
                "hint.2": (
                    "Loop over params.keys(): add 0.5 * lam * np.sum(W ** 2) for a weight; "
                    "the gradient of a bias is np.zeros_like(b)."
                ),
                "hint.3": (
                    "loss = sum(0.5 * lam * np.sum(params[k] ** 2) for k in params if "
                    'k.startswith("W")); grads[k] = lam * params[k] if k.startswith("W") '
                    "else np.zeros_like(params[k])"
                ),
                "mistake.no-half": (
                    "the penalty is twice too large: it is λ/2 · Σ W², so that its gradient is λ·W."
                ),
                "mistake.decays-biases": (
                    "the biases are decayed too: the penalty covers the weights only (W1, W2, …); "
                    "a bias's gradient from it is zero."
                ),
            },
            "ja": {
                "title": "荷重減衰（Weight decay）：ペナルティとその勾配",
                "task": (
                    "params は書籍と同じ名前の配列の辞書です。重みが W1、W2、…、バイアスが b1、b2、…\n"
                    "です。すべての重みについての λ/2 · Σ W²（バイアスは減衰させません）を返す\n"
                    "weight_decay_loss(params, lam) と、同じキーを持つ辞書（重みには λ·W、バイアスには\n"
                    "0 の配列）を返す weight_decay_grad(params, lam) を書きます。"
                ),
                "hint.1": (
                    'ペナルティの対象は重み、つまり "W" で始まるキーだけです。'
                    "½ があるので、勾配はちょうど λ·W になります。"
                ),
                "hint.2": (
                    "params.keys() についてループし、重みなら 0.5 * lam * np.sum(W ** 2) を足します。"
                    "バイアスの勾配は np.zeros_like(b) です。"
                ),
                "hint.3": (
                    "loss = sum(0.5 * lam * np.sum(params[k] ** 2) for k in params if "
                    'k.startswith("W"))、grads[k] = lam * params[k] if k.startswith("W") '
                    "else np.zeros_like(params[k])"
                ),
                "mistake.no-half": (
                    "ペナルティが 2 倍になっています。勾配が λ·W になるよう、λ/2 · Σ W² とします。"
                ),
                "mistake.decays-biases": (
                    "バイアスも減衰させています。ペナルティの対象は重み（W1、W2、…）だけで、"
                    "バイアスの勾配は 0 です。"
                ),
            },
        },
    ),
)
