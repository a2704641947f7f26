from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="03-gradients",
    lesson="03",
    implements=("numerical_diff", "numerical_gradient", "gradient_descent"),
    package=__name__,
    words=Words(
        "exercise-03-gradients",
        {
            "en": {
                "title": "Numerical gradients and gradient descent",
                "task": (
                    "Write numerical_diff(f, x): the central difference (f(x + h) − f(x − h)) / 2h\n"
                    "with h = 1e-4. Write numerical_gradient(f, x): the same for every element of a\n"
                    "float array x of any shape, returning an array shaped like x and leaving x as it\n"
                    "was. Write gradient_descent(f, init_x, lr=0.01, step_num=100): step_num steps\n"
                    "of x ← x − lr·∇f(x) using your numerical_gradient; return the final x."
                ),
                "hint.1": "h = 1e-4 balances rounding and truncation; 1e-50 rounds to nothing in float64.",
                "hint.2": (
                    "For every index (np.nditer(x, flags=['multi_index']) visits all of them): "
                    "keep x[i], set x[i] + h, call f, set x[i] − h, call f, put x[i] back."
                ),
                "hint.3": "Descent goes against the gradient: x -= lr * numerical_gradient(f, x), step_num times.",
                "mistake.forward-difference": "(f(x + h) − f(x)) / h is the forward difference: use (f(x + h) − f(x − h)) / 2h.",
                "mistake.tiny-h": "h is so small that x + h == x in float64: use h = 1e-4.",
                "mistake.no-2h": "the difference spans 2h: divide by 2 * h.",
                "mistake.not-restored": "x is left changed after the call: put each element back after the two evaluations.",
                "mistake.flat-only": "only 1-D x works: visit every index of x, e.g. with np.nditer(x, flags=['multi_index']).",
                "mistake.ascent": "x moves up the slope: subtract lr * grad, don't add it.",
                "mistake.one-step": "only one step was taken: is the `return` inside the loop?",
            },
            "ja": {
                "title": "数値微分と勾配降下法",
                "task": (
                    "numerical_diff(f, x) を中心差分 (f(x + h) − f(x − h)) / 2h（h = 1e-4）で書きます。\n"
                    "numerical_gradient(f, x) は、任意の形状の浮動小数点配列 x の全要素について同じ計算をし、\n"
                    "x と同じ形状の配列を返します。x は元のまま残します。\n"
                    "gradient_descent(f, init_x, lr=0.01, step_num=100) は、自分の numerical_gradient を使って\n"
                    "x ← x − lr·∇f(x) を step_num 回繰り返し、最後の x を返します。"
                ),
                "hint.1": "h = 1e-4 は丸め誤差と打ち切り誤差の釣り合いが取れる値です。1e-50 は float64 では消えてしまいます。",
                "hint.2": (
                    "すべてのインデックスについて（np.nditer(x, flags=['multi_index']) で全部たどれます）、"
                    "x[i] を保存し、x[i] + h で f を呼び、x[i] − h で f を呼び、x[i] を元に戻します。"
                ),
                "hint.3": "勾配と逆向きに進みます：x -= lr * numerical_gradient(f, x) を step_num 回です。",
                "mistake.forward-difference": "(f(x + h) − f(x)) / h は前方差分です。(f(x + h) − f(x − h)) / 2h を使いましょう。",
                "mistake.tiny-h": "h が小さすぎて float64 では x + h == x になります。h = 1e-4 を使いましょう。",
                "mistake.no-2h": "差分の幅は 2h です。2 * h で割りましょう。",
                "mistake.not-restored": "呼び出しのあと x が変わったままです。2 回評価したら各要素を元に戻しましょう。",
                "mistake.flat-only": "1 次元の x でしか動きません。np.nditer(x, flags=['multi_index']) などで x のすべてのインデックスをたどりましょう。",
                "mistake.ascent": "x が坂を上っています。lr * grad は足すのではなく引きます。",
                "mistake.one-step": "1 回しか更新していません。`return` がループの中にありませんか。",
            },
        },
    ),
)
