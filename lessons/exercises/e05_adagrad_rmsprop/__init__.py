from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="05-adagrad-rmsprop",
    lesson="05",
    implements=("AdaGrad", "RMSprop"),
    package=__name__,
    words=Words(
        "exercise-05-adagrad-rmsprop",
        {
            "en": {
                "title": "AdaGrad and RMSprop",
                "task": (
                    "Write AdaGrad(lr=0.01) and RMSprop(lr=0.01, decay_rate=0.99) with\n"
                    "update(params, grads) over dicts, changing params in place. Each keeps h per key:\n"
                    "AdaGrad h ← h + g², RMSprop h ← decay_rate·h + (1 − decay_rate)·g²;\n"
                    "then W ← W − lr·g / (√h + 1e-7)."
                ),
                "hint.1": "h starts at zeros_like(param) for each key, once, and is kept between calls.",
                "hint.2": "Divide by the square root of h, plus 1e-7 so that h = 0 does not divide by zero.",
                "hint.3": (
                    "RMSprop: self.h[key] *= self.decay_rate; "
                    "self.h[key] += (1 - self.decay_rate) * grads[key] * grads[key]."
                ),
                "mistake.no-sqrt": "the step divides by h itself: divide by np.sqrt(h) + 1e-7.",
                "mistake.h-not-accumulated": "h holds only the last g²: AdaGrad adds every g² to it (h += g * g).",
                "mistake.no-one-minus-decay": "the new g² must be weighted by (1 − decay_rate): h = ρh + (1 − ρ)g².",
                "mistake.not-in-place": "params did not change: update the arrays in place (params[key] -= ...).",
            },
            "ja": {
                "title": "AdaGrad と RMSprop",
                "task": (
                    "AdaGrad(lr=0.01) と RMSprop(lr=0.01, decay_rate=0.99) を書きます。辞書を受け取る update(params, grads) で\n"
                    "params をその場で書き換えます。どちらもキーごとに h を持ちます：AdaGrad は h ← h + g²、\n"
                    "RMSprop は h ← decay_rate·h + (1 − decay_rate)·g² です。そのあと W ← W − lr·g / (√h + 1e-7) です。"
                ),
                "hint.1": "h はキーごとに zeros_like(param) から 1 度だけ作り、呼び出しの間も保持します。",
                "hint.2": "h の平方根で割ります。h = 0 でゼロ除算にならないように 1e-7 を足します。",
                "hint.3": (
                    "RMSprop：self.h[key] *= self.decay_rate; "
                    "self.h[key] += (1 - self.decay_rate) * grads[key] * grads[key]"
                ),
                "mistake.no-sqrt": "h そのもので割っています。np.sqrt(h) + 1e-7 で割りましょう。",
                "mistake.h-not-accumulated": "h が最後の g² しか持っていません。AdaGrad はすべての g² を足し込みます（h += g * g）。",
                "mistake.no-one-minus-decay": "新しい g² には (1 − decay_rate) を掛けます：h = ρh + (1 − ρ)g²",
                "mistake.not-in-place": "params が変わっていません。配列をその場で更新しましょう（params[key] -= ...）。",
            },
        },
    ),
)
