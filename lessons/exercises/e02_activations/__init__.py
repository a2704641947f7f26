from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="02-activations",
    lesson="02",
    implements=("step_function", "sigmoid", "relu"),
    package=__name__,
    words=Words(
        "exercise-02-activations",
        {
            "en": {
                "title": "Step, sigmoid and ReLU on arrays",
                "task": (
                    "Write step_function(x) (1 where x > 0, else 0), sigmoid(x) = 1 / (1 + exp(−x))\n"
                    "and relu(x) = max(0, x). Each takes a NumPy array of any shape and returns an\n"
                    "array of the same shape, element by element, without changing its input."
                ),
                "hint.1": "Work on whole arrays: x > 0 is a boolean array; no `if` and no loop.",
                "hint.2": "step: np.array(x > 0, dtype=int); sigmoid: 1 / (1 + np.exp(-x)).",
                "hint.3": "relu: np.maximum(0, x) compares element by element (np.max would reduce).",
                "mistake.scalar-if": "`if x > 0` works for one number only: compare the whole array, np.array(x > 0, dtype=int).",
                "mistake.step-at-zero": "step_function(0) must be 0: use x > 0, not x >= 0.",
                "mistake.step-bool": "step_function returns True/False: convert with dtype=int.",
                "mistake.sigmoid-sign": "the sign in the exponent is flipped: sigmoid uses exp(−x).",
                "mistake.math-exp": "math.exp takes one number: use np.exp for arrays.",
                "mistake.np-max": "np.max(0, x) reduces along an axis: np.maximum(0, x) compares element by element.",
                "mistake.changes-input": "relu changed its input array: return a new array (np.maximum does).",
            },
            "ja": {
                "title": "配列に使えるステップ関数・シグモイド関数・ReLU",
                "task": (
                    "step_function(x)（x > 0 なら 1、それ以外は 0）、sigmoid(x) = 1 / (1 + exp(−x))、\n"
                    "relu(x) = max(0, x) を書きます。どれも任意の形状の NumPy 配列を受け取り、要素ごとに計算して\n"
                    "同じ形状の配列を返します。入力の配列は書き換えません。"
                ),
                "hint.1": "配列全体で計算します。x > 0 はブール配列になります。if もループも不要です。",
                "hint.2": "ステップ関数は np.array(x > 0, dtype=int)、シグモイド関数は 1 / (1 + np.exp(-x)) です。",
                "hint.3": "ReLU は np.maximum(0, x) で要素ごとに比較します（np.max は集約してしまいます）。",
                "mistake.scalar-if": "`if x > 0` は数値 1 つにしか使えません。配列全体を比較しましょう：np.array(x > 0, dtype=int)",
                "mistake.step-at-zero": "step_function(0) は 0 です。x >= 0 ではなく x > 0 を使いましょう。",
                "mistake.step-bool": "step_function が True/False を返しています。dtype=int で変換しましょう。",
                "mistake.sigmoid-sign": "指数の符号が逆です。シグモイド関数は exp(−x) を使います。",
                "mistake.math-exp": "math.exp は数値 1 つしか受け取りません。配列には np.exp を使いましょう。",
                "mistake.np-max": "np.max(0, x) は軸に沿って集約します。要素ごとの比較は np.maximum(0, x) です。",
                "mistake.changes-input": "relu が入力の配列を書き換えています。新しい配列を返しましょう（np.maximum はそうします）。",
            },
        },
    ),
)
