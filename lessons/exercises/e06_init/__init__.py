from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="06-init",
    lesson="06",
    implements=("xavier_std", "he_std"),
    package=__name__,
    words=Words(
        "exercise-06-init",
        {
            "en": {
                "title": "Xavier and He initial weights",
                "task": (
                    "n is the number of units in the previous layer (fan-in). Write\n"
                    "xavier_std(n) = 1 / √n, the standard deviation of the Xavier initial weights\n"
                    "(for sigmoid and tanh), and he_std(n) = √(2 / n), that of the He initial weights\n"
                    "(for ReLU). Both return a float; W = np.random.randn(n, m) * he_std(n)."
                ),
                "hint.1": (
                    "These are standard deviations, not variances: the variance is 1 / n (Xavier) "
                    "or 2 / n (He), and the standard deviation is its square root."
                ),
                "hint.2": "ReLU zeroes half of its inputs, so He doubles Xavier's variance.",
                "hint.3": "return 1 / np.sqrt(n)  and  return np.sqrt(2.0 / n)",
                "mistake.no-sqrt": (
                    "that is the variance, not the standard deviation: take the square root, "
                    "1 / √n or √(2 / n)."
                ),
                "mistake.xavier-like-he": (
                    "xavier_std uses He's 2 / n: Xavier (for sigmoid and tanh) has variance 1 / n."
                ),
                "mistake.he-like-xavier": (
                    "he_std lacks the 2: ReLU zeroes half of its inputs, so the variance is 2 / n."
                ),
            },
            "ja": {
                "title": "Xavier の初期値と He の初期値",
                "task": (
                    "n は前の層のユニット数です。Xavier の初期値（シグモイド関数や tanh 用）の\n"
                    "標準偏差 xavier_std(n) = 1 / √n と、He の初期値（ReLU 用）の標準偏差\n"
                    "he_std(n) = √(2 / n) を書きます。どちらも float を返します。\n"
                    "使い方の例：W = np.random.randn(n, m) * he_std(n)"
                ),
                "hint.1": (
                    "求めるのは分散ではなく標準偏差です。分散は 1 / n（Xavier）または 2 / n（He）で、"
                    "標準偏差はその平方根です。"
                ),
                "hint.2": "ReLU は入力の半分を 0 にするので、He の初期値では Xavier の分散を 2 倍にします。",
                "hint.3": "return 1 / np.sqrt(n) と return np.sqrt(2.0 / n)",
                "mistake.no-sqrt": (
                    "それは分散で、標準偏差ではありません。平方根を取りましょう：1 / √n、√(2 / n)"
                ),
                "mistake.xavier-like-he": (
                    "xavier_std が He の 2 / n を使っています。Xavier の初期値（シグモイド関数や"
                    " tanh 用）の分散は 1 / n です。"
                ),
                "mistake.he-like-xavier": (
                    "he_std に 2 がありません。ReLU は入力の半分を 0 にするので、分散は 2 / n です。"
                ),
            },
        },
    ),
)
