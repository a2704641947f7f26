from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="05-adam",
    lesson="05",
    implements=("Adam",),
    package=__name__,
    words=Words(
        "exercise-05-adam",
        {
            "en": {
                "title": "Adam",
                "task": (
                    "Write Adam(lr=0.001, beta1=0.9, beta2=0.999) with update(params, grads) over dicts,\n"
                    "changing params in place. Per key: m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g².\n"
                    "Count the updates t, correct the bias of m and v, and step\n"
                    "W ← W − lr·√(1 − β₂ᵗ) / (1 − β₁ᵗ) · m / (√v + 1e-7)."
                ),
                "hint.1": "m and v start at zeros for each key; t counts calls to update (first update: t = 1).",
                "hint.2": "m and v start at 0, so early on they are too small: divide by (1 − β₁ᵗ) and (1 − β₂ᵗ).",
                "hint.3": (
                    "lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter); "
                    "params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)."
                ),
                "mistake.no-bias-correction": "the first steps are the wrong size: correct the bias with √(1 − β₂ᵗ) / (1 − β₁ᵗ).",
                "mistake.t-not-counted": "t stays at 1: add 1 to it on every update, before the bias correction.",
                "mistake.v-not-squared": "v averages g, not g²: v ← β₂v + (1 − β₂)·g².",
                "mistake.not-in-place": "params did not change: update the arrays in place (params[key] -= ...).",
            },
            "ja": {
                "title": "Adam",
                "task": (
                    "Adam(lr=0.001, beta1=0.9, beta2=0.999) を書きます。辞書を受け取る update(params, grads) で\n"
                    "params をその場で書き換えます。キーごとに m ← β₁m + (1 − β₁)g、v ← β₂v + (1 − β₂)g² です。\n"
                    "更新回数 t を数えて m と v の偏りを補正し、\n"
                    "W ← W − lr·√(1 − β₂ᵗ) / (1 − β₁ᵗ) · m / (√v + 1e-7) と更新します。"
                ),
                "hint.1": "m と v はキーごとに 0 から始めます。t は update の呼び出し回数です（最初の更新で t = 1）。",
                "hint.2": "m と v は 0 から始まるので、最初のうちは小さすぎます。(1 − β₁ᵗ) と (1 − β₂ᵗ) で割って補正します。",
                "hint.3": (
                    "lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter); "
                    "params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)"
                ),
                "mistake.no-bias-correction": "最初の更新の大きさが違います。√(1 − β₂ᵗ) / (1 − β₁ᵗ) で偏りを補正しましょう。",
                "mistake.t-not-counted": "t が 1 のままです。更新のたびに、偏りの補正より前に 1 を足しましょう。",
                "mistake.v-not-squared": "v が g² ではなく g を平均しています：v ← β₂v + (1 − β₂)·g²",
                "mistake.not-in-place": "params が変わっていません。配列をその場で更新しましょう（params[key] -= ...）。",
            },
        },
    ),
)
