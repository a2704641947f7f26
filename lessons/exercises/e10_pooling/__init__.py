from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="10-pooling",
    lesson="10",
    implements=("Pooling",),
    package=__name__,
    words=Words(
        "exercise-10-pooling",
        {
            "en": {
                "title": "The max Pooling layer",
                "task": (
                    "Write Pooling(pool_h, pool_w, stride=2, pad=0) with forward(x) and backward(dout):\n"
                    "max pooling over each pool_h × pool_w window, channel by channel. x is (N, C, H, W);\n"
                    "forward returns (N, C, out_h, out_w). backward sends each gradient to the input\n"
                    "that held its window's maximum. im2col and col2im are given in the file."
                ),
                "hint.1": "im2col then reshape(-1, pool_h*pool_w) gives one row per window and channel.",
                "hint.2": (
                    "np.max(col, axis=1) gives the outputs; keep np.argmax(col, axis=1) for backward; "
                    "reshape(N, out_h, out_w, C).transpose(0, 3, 1, 2)."
                ),
                "hint.3": (
                    "Backward: a zero row per window, dout put at the argmax column "
                    "(dmax[np.arange(n), arg_max] = dout in (N, out_h, out_w, C) order), then col2im."
                ),
                "mistake.mean-pooling": "the output is the window's mean: max pooling takes np.max.",
                "mistake.reshape-not-transpose": (
                    "the output is reshaped straight to (N, C, out_h, out_w), which mixes positions and "
                    "channels: reshape(N, out_h, out_w, C), then transpose(0, 3, 1, 2)."
                ),
                "mistake.backward-to-all": "the gradient goes to every input of the window: only the maximum gets it.",
            },
            "ja": {
                "title": "Max Pooling レイヤ",
                "task": (
                    "forward(x) と backward(dout) を持つ Pooling(pool_h, pool_w, stride=2, pad=0) を書きます。\n"
                    "チャンネルごとに、pool_h × pool_w のウィンドウで Max プーリングをします。x は (N, C, H, W) で、\n"
                    "forward は (N, C, out_h, out_w) を返します。backward は各勾配を、そのウィンドウで最大だった入力へ送ります。\n"
                    "im2col と col2im はファイルに用意してあります。"
                ),
                "hint.1": "im2col のあと reshape(-1, pool_h*pool_w) をすると、ウィンドウとチャンネルごとに 1 行になります。",
                "hint.2": (
                    "np.max(col, axis=1) が出力です。backward のために np.argmax(col, axis=1) を保存し、"
                    "reshape(N, out_h, out_w, C).transpose(0, 3, 1, 2) をします。"
                ),
                "hint.3": (
                    "backward：ウィンドウごとに 0 の行を作り、argmax の列に dout を入れ"
                    "（dmax[np.arange(n), arg_max] = (N, out_h, out_w, C) の順の dout）、col2im します。"
                ),
                "mistake.mean-pooling": "出力がウィンドウの平均になっています。Max プーリングは np.max を取ります。",
                "mistake.reshape-not-transpose": (
                    "出力をそのまま (N, C, out_h, out_w) に reshape しているため、位置とチャンネルが混ざっています。"
                    "reshape(N, out_h, out_w, C) のあと transpose(0, 3, 1, 2) をしましょう。"
                ),
                "mistake.backward-to-all": "勾配がウィンドウのすべての入力へ送られています。受け取るのは最大値の入力だけです。",
            },
        },
    ),
)
