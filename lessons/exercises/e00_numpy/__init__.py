from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="00-numpy",
    lesson="00",
    implements=("differences", "center_columns", "Counter"),
    package=__name__,
    words=Words(
        "exercise-00-numpy",
        {
            "en": {
                "title": "NumPy warm-ups: slicing, broadcasting, a class",
                "task": (
                    "Write three small things, without Python loops over the array elements:\n"
                    "- differences(a): a[i+1] − a[i] for every i, for a 1-D array (length n → n − 1).\n"
                    "- center_columns(X): X (N, D) with each column's mean subtracted from it.\n"
                    "- Counter: a class; add(item) counts one more item, count(item) returns\n"
                    "  how often it was added (0 if never). Each Counter keeps its own counts."
                ),
                "hint.1": (
                    "Slices shift an array: a[1:] starts one later, a[:-1] stops one earlier. "
                    "A mean along an axis can be subtracted from every row at once."
                ),
                "hint.2": (
                    "X.mean(axis=0, keepdims=True) is the (1, D) row of column means; "
                    "broadcasting subtracts it from each row. In Counter, make the dictionary "
                    "in __init__ so that each object gets its own."
                ),
                "hint.3": (
                    "return a[1:] − a[:-1];  return X − X.mean(axis=0, keepdims=True);  "
                    "self.counts = {} in __init__, self.counts[item] = self.counts.get(item, 0) + 1"
                ),
                "mistake.reversed": (
                    "the differences have the wrong sign: each one is the later value minus "
                    "the earlier one, a[1:] − a[:-1]."
                ),
                "mistake.row-means": (
                    "the row means were subtracted: the mean of each column is the mean over "
                    "axis 0."
                ),
                "mistake.overall-mean": (
                    "one mean of the whole array was subtracted: take the mean per column, "
                    "axis=0 with keepdims=True."
                ),
                "mistake.shared-counts": (
                    "two Counters share their counts: a dictionary made in the class body "
                    "belongs to the class. Make it in __init__ as self.counts = {}."
                ),
            },
            "ja": {
                "title": "NumPy の準備運動：スライス、ブロードキャスト、クラス",
                "task": (
                    "配列の要素を Python のループで回さずに、次の 3 つを書きます。\n"
                    "- differences(a)：1 次元配列について、すべての i の a[i+1] − a[i] を返します"
                    "（長さ n → n − 1）。\n"
                    "- center_columns(X)：形状 (N, D) の X から、各列の平均を引いた配列を返します。\n"
                    "- Counter：クラスです。add(item) で item を 1 つ数え、count(item) で\n"
                    "  これまでに加えた回数を返します（一度もなければ 0）。Counter ごとに別々に数えます。"
                ),
                "hint.1": (
                    "スライスで配列をずらせます。a[1:] は 1 つ後ろから、a[:-1] は 1 つ手前までです。"
                    "軸に沿った平均は、すべての行から一度に引けます。"
                ),
                "hint.2": (
                    "X.mean(axis=0, keepdims=True) は列の平均を並べた形状 (1, D) の行です。"
                    "ブロードキャストにより各行から引かれます。Counter では、オブジェクトごとに"
                    "別の辞書を持つよう __init__ の中で辞書を作ります。"
                ),
                "hint.3": (
                    "return a[1:] − a[:-1]、return X − X.mean(axis=0, keepdims=True)、"
                    "__init__ で self.counts = {}、add で self.counts[item] = self.counts.get(item, 0) + 1"
                ),
                "mistake.reversed": (
                    "差の符号が逆です。各差は後ろの値から前の値を引いたもの、a[1:] − a[:-1] です。"
                ),
                "mistake.row-means": (
                    "行の平均を引いています。各列の平均は軸 0 に沿った平均です。"
                ),
                "mistake.overall-mean": (
                    "配列全体の平均を 1 つだけ引いています。axis=0、keepdims=True で"
                    "列ごとの平均を取りましょう。"
                ),
                "mistake.shared-counts": (
                    "2 つの Counter が同じ数を共有しています。クラスの本体で作った辞書は"
                    "クラスのものです。__init__ の中で self.counts = {} として作りましょう。"
                ),
            },
        },
    ),
)
