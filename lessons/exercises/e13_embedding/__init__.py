from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="13-embedding",
    lesson="13",
    implements=("Embedding",),
    package=__name__,
    words=Words(
        "exercise-13-embedding",
        {
            "en": {
                "title": "The embedding layer: a lookup table",
                "task": (
                    "Write Embedding(W) with forward(idx) and backward(dout). W is (V, D), one row per\n"
                    "token id; idx is an int array of any shape, e.g. (N, T). forward returns W[idx],\n"
                    "shape (*idx.shape, D). backward stores self.dW (shape of W): each row of dout is\n"
                    "added into the row of the id that produced it. An id that occurs twice gets both\n"
                    "gradients. There is no dx: ids are not differentiable."
                ),
                "hint.1": "forward: remember idx; return self.W[idx]. backward starts from np.zeros_like(self.W).",
                "hint.2": (
                    "dW[idx] += dout does not add twice for a repeated id: the fancy-indexed "
                    "+= writes each row once. np.add.at(dW, idx, dout) adds every occurrence."
                ),
                "hint.3": "self.dW = np.zeros_like(self.W); np.add.at(self.dW, self.idx, dout)",
                "mistake.repeated-ids-lost": (
                    "a repeated id got only one of its gradients: dW[idx] += dout writes each row once; "
                    "use np.add.at(dW, idx, dout)."
                ),
                "mistake.dw-not-reset": (
                    "dW still holds the previous call's gradient: start every backward from "
                    "np.zeros_like(self.W)."
                ),
            },
            "ja": {
                "title": "Embedding レイヤ：参照テーブル",
                "task": (
                    "forward(idx) と backward(dout) を持つ Embedding(W) を書きます。W は (V, D) で、トークン ID ごとに\n"
                    "1 行です。idx は任意の形状（たとえば (N, T)）の整数の配列です。forward は W[idx]（形状\n"
                    "(*idx.shape, D)）を返します。backward は self.dW（W と同じ形状）を保存します。dout の各行を、\n"
                    "それを生んだ ID の行に足します。2 回出てくる ID には両方の勾配が入ります。\n"
                    "ID は微分できないので dx はありません。"
                ),
                "hint.1": "forward では idx を覚えておき、self.W[idx] を返します。backward は np.zeros_like(self.W) から始めます。",
                "hint.2": (
                    "dW[idx] += dout では、繰り返し出てくる ID に 2 回足されません。ファンシーインデックスの += は"
                    "各行に 1 回だけ書き込むからです。np.add.at(dW, idx, dout) ならすべての出現を足します。"
                ),
                "hint.3": "self.dW = np.zeros_like(self.W); np.add.at(self.dW, self.idx, dout)",
                "mistake.repeated-ids-lost": (
                    "繰り返し出てくる ID に勾配が 1 つしか入っていません。dW[idx] += dout は各行に 1 回だけ"
                    "書き込みます。np.add.at(dW, idx, dout) を使いましょう。"
                ),
                "mistake.dw-not-reset": (
                    "dW に前回の呼び出しの勾配が残っています。backward のたびに np.zeros_like(self.W) から始めましょう。"
                ),
            },
        },
    ),
)
