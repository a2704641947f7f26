from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="08-kfold",
    lesson="08",
    implements=("kfold_indices",),
    package=__name__,
    words=Words(
        "exercise-08-kfold",
        {
            "en": {
                "title": "K-fold cross-validation indices",
                "task": (
                    "Write kfold_indices(n, k): a list of k pairs (train_idx, val_idx), integer\n"
                    "arrays of sample indices 0 … n − 1. The k validation folds are disjoint,\n"
                    "together cover every sample, and differ in size by at most one; each train_idx\n"
                    "is every sample not in that fold. (Shuffling first is allowed.)"
                ),
                "hint.1": (
                    "When k does not divide n, n % k samples are left over: give one extra to "
                    "each of the first n % k folds."
                ),
                "hint.2": (
                    "Fold sizes: np.full(k, n // k), then add 1 to the first n % k of them. "
                    "Walk through np.arange(n) with a running start."
                ),
                "hint.3": (
                    "val = indices[start:start + size]; train = np.concatenate([indices[:start], "
                    "indices[start + size:]]); start += size"
                ),
                "mistake.drops-remainder": (
                    "some samples are never validated: with n // k per fold the last n % k "
                    "samples are left out. Give the first n % k folds one more."
                ),
                "mistake.remainder-in-last": (
                    "the last fold takes the whole remainder, so fold sizes differ by more than "
                    "one: spread the n % k extra samples over the first folds, one each."
                ),
            },
            "ja": {
                "title": "k 分割交差検証のインデックス",
                "task": (
                    "kfold_indices(n, k) を書きます。サンプルのインデックス 0 … n − 1 の整数配列の組\n"
                    "(train_idx, val_idx) を k 個並べたリストを返します。k 個の検証用の分割は重ならず、\n"
                    "合わせるとすべてのサンプルを含み、大きさの差は 1 以下です。train_idx はその分割に\n"
                    "含まれないすべてのサンプルです。（先にシャッフルしてもかまいません。）"
                ),
                "hint.1": (
                    "k で n が割り切れないときは、n % k 個のサンプルが余ります。最初の n % k 個の"
                    "分割に 1 個ずつ多く割り当てます。"
                ),
                "hint.2": (
                    "分割の大きさは np.full(k, n // k) で、最初の n % k 個に 1 を足します。"
                    "開始位置を進めながら np.arange(n) をたどります。"
                ),
                "hint.3": (
                    "val = indices[start:start + size]; train = np.concatenate([indices[:start], "
                    "indices[start + size:]]); start += size"
                ),
                "mistake.drops-remainder": (
                    "一度も検証に使われないサンプルがあります。各分割を n // k 個にすると、"
                    "最後の n % k 個が抜けます。最初の n % k 個の分割に 1 個ずつ足しましょう。"
                ),
                "mistake.remainder-in-last": (
                    "最後の分割が余りをすべて受け取っているため、分割の大きさの差が 1 を超えています。"
                    "余りの n % k 個は、最初の分割から 1 個ずつ割り当てましょう。"
                ),
            },
        },
    ),
)
