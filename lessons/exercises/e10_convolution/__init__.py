from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="10-convolution",
    lesson="10",
    implements=("Convolution",),
    package=__name__,
    words=Words(
        "exercise-10-convolution",
        {
            "en": {
                "title": "The Convolution layer",
                "task": (
                    "Write Convolution(W, b, stride=1, pad=0) with forward(x) and backward(dout).\n"
                    "W is (FN, C, FH, FW), b is (FN,), x is (N, C, H, W); forward returns\n"
                    "(N, FN, out_h, out_w). backward stores self.dW and self.db and returns dx.\n"
                    "im2col and col2im are given in the file: a convolution is one matrix product."
                ),
                "hint.1": "col = im2col(x, FH, FW, stride, pad); col_W = W.reshape(FN, -1).T; out = col·col_W + b.",
                "hint.2": (
                    "out has one row per position, (N·out_h·out_w, FN): "
                    "reshape(N, out_h, out_w, -1), then transpose(0, 3, 1, 2) to put channels second."
                ),
                "hint.3": (
                    "Backward undoes the layout: dout.transpose(0, 2, 3, 1).reshape(-1, FN); then as Affine: "
                    "db = Σ over rows, dW = colᵀ·dout reshaped to W's shape, dx = col2im(dout·col_Wᵀ, ...)."
                ),
                "mistake.reshape-not-transpose": (
                    "the output is reshaped straight to (N, FN, out_h, out_w), which mixes positions and "
                    "channels: reshape(N, out_h, out_w, -1), then transpose(0, 3, 1, 2)."
                ),
                "mistake.db-not-summed": "db has one row per position: the bias is shared, so sum over axis 0.",
                "mistake.dw-not-reshaped": "dW keeps the (C·FH·FW, FN) layout of col_W: transpose and reshape it to W's shape.",
            },
            "ja": {
                "title": "Convolution レイヤ",
                "task": (
                    "forward(x) と backward(dout) を持つ Convolution(W, b, stride=1, pad=0) を書きます。\n"
                    "W は (FN, C, FH, FW)、b は (FN,)、x は (N, C, H, W) で、forward は (N, FN, out_h, out_w) を返します。\n"
                    "backward は self.dW と self.db を保存し、dx を返します。\n"
                    "im2col と col2im はファイルに用意してあります。畳み込みは 1 回の行列の積になります。"
                ),
                "hint.1": "col = im2col(x, FH, FW, stride, pad); col_W = W.reshape(FN, -1).T; out = col·col_W + b です。",
                "hint.2": (
                    "out は位置ごとに 1 行の (N·out_h·out_w, FN) です。"
                    "reshape(N, out_h, out_w, -1) のあと transpose(0, 3, 1, 2) でチャンネルを 2 番目に移します。"
                ),
                "hint.3": (
                    "backward は配置を元に戻します：dout.transpose(0, 2, 3, 1).reshape(-1, FN)。あとは Affine と同じで、"
                    "db は行について合計、dW = colᵀ·dout を W の形状に、dx = col2im(dout·col_Wᵀ, ...) です。"
                ),
                "mistake.reshape-not-transpose": (
                    "出力をそのまま (N, FN, out_h, out_w) に reshape しているため、位置とチャンネルが混ざっています。"
                    "reshape(N, out_h, out_w, -1) のあと transpose(0, 3, 1, 2) をしましょう。"
                ),
                "mistake.db-not-summed": "db が位置ごとの行を持っています。バイアスは共有されるので軸 0 で合計しましょう。",
                "mistake.dw-not-reshaped": "dW が col_W の (C·FH·FW, FN) の配置のままです。転置して W の形状に reshape しましょう。",
            },
        },
    ),
)
