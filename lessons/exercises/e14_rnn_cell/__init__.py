from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="14-rnn-cell",
    lesson="14",
    implements=("RNNCell",),
    package=__name__,
    words=Words(
        "exercise-14-rnn-cell",
        {
            "en": {
                "title": "One step of a simple RNN, forward and backward",
                "task": (
                    "Write RNNCell(W, U, b) with forward(x, h_prev) and backward(dh_next).\n"
                    "forward returns h_next = tanh(x·W + h_prev·U + b); x is (N, D), h_prev is (N, H),\n"
                    "W is (D, H), U is (H, H), b is (H,). backward gets dL/dh_next (N, H), stores\n"
                    "self.dW, self.dU and self.db, and returns (dx, dh_prev)."
                ),
                "hint.1": "Keep x, h_prev and h_next from forward: the backward pass needs all three.",
                "hint.2": (
                    "Through tanh first: dt = dh_next · (1 − h_next²). Then it is an Affine twice: "
                    "x·W and h_prev·U."
                ),
                "hint.3": (
                    "db = dt.sum(axis=0); dW = xᵀ·dt; dU = h_prevᵀ·dt; dx = dt·Wᵀ; dh_prev = dt·Uᵀ."
                ),
                "mistake.no-tanh-grad": (
                    "the gradient skips tanh: multiply by its derivative first, dt = dh_next · (1 − h_next²)."
                ),
                "mistake.u-not-transposed": (
                    "dh_prev uses U instead of Uᵀ (same shape, wrong values): dh_prev = dt·Uᵀ."
                ),
                "mistake.db-not-summed": "db has one row per sample: b is shared, so sum dt over axis 0.",
            },
            "ja": {
                "title": "単純な RNN の 1 ステップ：順伝播と逆伝播",
                "task": (
                    "forward(x, h_prev) と backward(dh_next) を持つ RNNCell(W, U, b) を書きます。\n"
                    "forward は h_next = tanh(x·W + h_prev·U + b) を返します。x は (N, D)、h_prev は (N, H)、\n"
                    "W は (D, H)、U は (H, H)、b は (H,) です。backward は dL/dh_next (N, H) を受け取り、\n"
                    "self.dW、self.dU、self.db を保存して (dx, dh_prev) を返します。"
                ),
                "hint.1": "forward で x、h_prev、h_next を覚えておきます。逆伝播では 3 つとも必要です。",
                "hint.2": (
                    "まず tanh を通ります：dt = dh_next · (1 − h_next²)。そのあとは x·W と h_prev·U の"
                    "2 つの Affine と同じです。"
                ),
                "hint.3": "db = dt.sum(axis=0); dW = xᵀ·dt; dU = h_prevᵀ·dt; dx = dt·Wᵀ; dh_prev = dt·Uᵀ",
                "mistake.no-tanh-grad": (
                    "勾配が tanh を飛ばしています。まず tanh の微分を掛けましょう：dt = dh_next · (1 − h_next²)"
                ),
                "mistake.u-not-transposed": (
                    "dh_prev に Uᵀ ではなく U を使っています（形状は同じですが値が違います）：dh_prev = dt·Uᵀ"
                ),
                "mistake.db-not-summed": "db がサンプルごとの行を持っています。b は共有されるので dt を軸 0 で合計しましょう。",
            },
        },
    ),
)
