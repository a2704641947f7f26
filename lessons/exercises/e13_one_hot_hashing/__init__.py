from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="13-one-hot-hashing",
    lesson="13",
    implements=("one_hot_encode", "hashing_trick"),
    package=__name__,
    words=Words(
        "exercise-13-one-hot-hashing",
        {
            "en": {
                "title": "One-hot vectors and the hashing trick",
                "task": (
                    "Write one_hot_encode(indices, depth): a float array (len(indices), depth), all\n"
                    "zeros except a 1 at column indices[i] in row i.\n"
                    "Write hashing_trick(word, dim): the word's index in range(dim) without a\n"
                    "vocabulary, zlib.crc32(word.encode()) % dim. It must give the same index in every\n"
                    "run (Python's built-in hash() of a string changes from run to run)."
                ),
                "hint.1": "out = np.zeros((len(indices), depth)) first; then set one entry per row.",
                "hint.2": "Fancy indexing sets them all at once: out[np.arange(len(indices)), indices] = 1.0.",
                "hint.3": "import zlib; return zlib.crc32(word.encode()) % dim  (an int in 0 … dim − 1).",
                "mistake.transposed": (
                    "the array is (depth, len(indices)): one row per index, one column per possible id."
                ),
                "mistake.python-hash": (
                    "this is Python's hash(), which changes between runs: use zlib.crc32(word.encode()) % dim."
                ),
                "mistake.no-modulo": "the index is outside range(dim): take the hash modulo dim.",
            },
            "ja": {
                "title": "one-hot ベクトルとハッシュトリック",
                "task": (
                    "one_hot_encode(indices, depth) を書きます。形状 (len(indices), depth) の浮動小数点数の配列で、\n"
                    "行 i の列 indices[i] だけが 1、ほかはすべて 0 です。\n"
                    "hashing_trick(word, dim) を書きます。語彙を使わずに単語を range(dim) のインデックスに\n"
                    "対応させます：zlib.crc32(word.encode()) % dim。どの実行でも同じインデックスを返す必要が\n"
                    "あります（Python 組み込みの文字列の hash() は実行ごとに変わります）。"
                ),
                "hint.1": "まず out = np.zeros((len(indices), depth)) を作り、行ごとに 1 つの要素を設定します。",
                "hint.2": "ファンシーインデックスで一度に設定できます：out[np.arange(len(indices)), indices] = 1.0",
                "hint.3": "import zlib; return zlib.crc32(word.encode()) % dim（0 から dim − 1 の整数）",
                "mistake.transposed": (
                    "配列が (depth, len(indices)) になっています。インデックスごとに 1 行、取りうる ID ごとに 1 列です。"
                ),
                "mistake.python-hash": (
                    "Python の hash() は実行ごとに変わります。zlib.crc32(word.encode()) % dim を使いましょう。"
                ),
                "mistake.no-modulo": "インデックスが range(dim) の外にあります。ハッシュ値を dim で割った余りを取りましょう。",
            },
        },
    ),
)
