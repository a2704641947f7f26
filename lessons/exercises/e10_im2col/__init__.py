from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="10-im2col",
    lesson="10",
    implements=("im2col", "col2im"),
    package=__name__,
    words=Words(
        "exercise-10-im2col",
        {
            "en": {
                "title": "im2col and col2im",
                "task": (
                    "Write im2col(input_data, filter_h, filter_w, stride=1, pad=0): input_data is\n"
                    "(N, C, H, W); return a 2-D array with one row per filter position, N·out_h·out_w\n"
                    "rows in (n, y, x) order, and C·filter_h·filter_w columns in (c, i, j) order, where\n"
                    "out_h = (H + 2·pad − filter_h) // stride + 1. Write\n"
                    "col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0), its reverse for\n"
                    "gradients: every entry of col is added back to the pixel it came from."
                ),
                "hint.1": "Pad first with np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)]).",
                "hint.2": (
                    "Fill col (N, C, filter_h, filter_w, out_h, out_w): for each (y, x) in the filter, "
                    "col[:, :, y, x] = img[:, :, y:y + stride*out_h:stride, x:x + stride*out_w:stride]; "
                    "then transpose(0, 4, 5, 1, 2, 3) and reshape(N*out_h*out_w, -1)."
                ),
                "hint.3": (
                    "col2im runs the same loop backwards with +=: overlapping windows share pixels, "
                    "so their gradients add up; cut the padding off at the end."
                ),
                "mistake.overwrite": "col2im overwrites: windows overlap, so use += to add every contribution.",
                "mistake.column-order": "the columns are in (i, j, c) order: the book's layout is (c, i, j), channel first.",
                "mistake.pad-ignored": "pad is ignored: pad the image with zeros before taking the windows.",
                "mistake.stride-ignored": "stride is ignored: step the windows by stride (y:y_max:stride).",
            },
            "ja": {
                "title": "im2col と col2im",
                "task": (
                    "im2col(input_data, filter_h, filter_w, stride=1, pad=0) を書きます。input_data は (N, C, H, W) です。\n"
                    "フィルターの位置ごとに 1 行の 2 次元配列を返します。行は (n, y, x) の順に N·out_h·out_w 行、\n"
                    "列は (c, i, j) の順に C·filter_h·filter_w 列で、out_h = (H + 2·pad − filter_h) // stride + 1 です。\n"
                    "col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0) はその逆で、勾配のために\n"
                    "col の各要素を元の画素へ足し戻します。"
                ),
                "hint.1": "まず np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)]) でパディングします。",
                "hint.2": (
                    "col (N, C, filter_h, filter_w, out_h, out_w) を埋めます。フィルター内の各 (y, x) について "
                    "col[:, :, y, x] = img[:, :, y:y + stride*out_h:stride, x:x + stride*out_w:stride] とし、"
                    "transpose(0, 4, 5, 1, 2, 3) と reshape(N*out_h*out_w, -1) をします。"
                ),
                "hint.3": (
                    "col2im は同じループを逆向きに += で回します。重なるウィンドウは画素を共有するので"
                    "勾配が足し合わされます。最後にパディングを切り落とします。"
                ),
                "mistake.overwrite": "col2im が上書きしています。ウィンドウは重なるので += ですべての寄与を足しましょう。",
                "mistake.column-order": "列が (i, j, c) の順になっています。本の配置は (c, i, j)、チャンネルが先です。",
                "mistake.pad-ignored": "pad が無視されています。ウィンドウを取り出す前に画像を 0 でパディングしましょう。",
                "mistake.stride-ignored": "stride が無視されています。ウィンドウを stride ずつずらしましょう（y:y_max:stride）。",
            },
        },
    ),
)
