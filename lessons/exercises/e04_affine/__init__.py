from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="04-affine",
    lesson="04",
    implements=("Affine",),
    package=__name__,
    words=Words(
        "exercise-04-affine",
        {
            "en": {
                "title": "The Affine layer",
                "task": (
                    "Write Affine(W, b) with forward(x) and backward(dout). forward returns x·W + b;\n"
                    "x may have any shape (N, ...): flatten it to (N, D) first. backward stores\n"
                    "self.dW and self.db and returns dx in the shape x came in. W is (D, M), b is (M,)."
                ),
                "hint.1": "Remember x (flattened) and its original shape in forward: backward needs both.",
                "hint.2": "dx = dout·Wᵀ, dW = xᵀ·dout; each has the shape of what it is the gradient of.",
                "hint.3": "b was added to every row, so db = np.sum(dout, axis=0); return dx.reshape(*original_shape).",
                "mistake.db-not-summed": "db has one row per sample: b is shared by the batch, so sum dout over axis 0.",
                "mistake.dw-transposed": "dW has the shape of Wᵀ: dW = np.dot(self.x.T, dout).",
                "mistake.dx-not-reshaped": "dx keeps the flattened shape: reshape it back to the input's shape.",
                "mistake.no-flatten": "x with more than two axes fails: flatten it with x.reshape(x.shape[0], -1).",
            },
            "ja": {
                "title": "Affine レイヤ",
                "task": (
                    "forward(x) と backward(dout) を持つ Affine(W, b) を書きます。forward は x·W + b を返します。\n"
                    "x は任意の形状 (N, ...) なので、まず (N, D) に平らにします。backward は self.dW と self.db を\n"
                    "保存し、x が来たときの形状で dx を返します。W は (D, M)、b は (M,) です。"
                ),
                "hint.1": "forward で平らにした x と元の形状を覚えておきます。backward で両方必要です。",
                "hint.2": "dx = dout·Wᵀ、dW = xᵀ·dout です。それぞれ、勾配を取る相手と同じ形状になります。",
                "hint.3": "b はすべての行に足されたので db = np.sum(dout, axis=0) です。dx は reshape(*元の形状) で返します。",
                "mistake.db-not-summed": "db がサンプルごとの行を持っています。b はバッチで共有されるので、dout を軸 0 で合計しましょう。",
                "mistake.dw-transposed": "dW が Wᵀ の形状です：dW = np.dot(self.x.T, dout)",
                "mistake.dx-not-reshaped": "dx が平らな形状のままです。入力の形状に戻しましょう。",
                "mistake.no-flatten": "2 軸より多い x で失敗します。x.reshape(x.shape[0], -1) で平らにしましょう。",
            },
        },
    ),
)
