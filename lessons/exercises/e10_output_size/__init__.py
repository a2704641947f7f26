from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="10-output-size",
    lesson="10",
    implements=("conv_output_size",),
    package=__name__,
    words=Words(
        "exercise-10-output-size",
        {
            "en": {
                "title": "The output size of a convolution",
                "task": (
                    "Write conv_output_size(input_size, filter_size, stride=1, pad=0): the output\n"
                    "height (or width) of a convolution or pooling, OH = (H + 2P − FH) / S + 1.\n"
                    "Return an int (a size, usable in reshape and range). The inputs are chosen so\n"
                    "that the filter tiles the padded input evenly."
                ),
                "hint.1": "Padding adds P rows at the top and P at the bottom: the padded height is H + 2P.",
                "hint.2": (
                    "Count the positions: the filter starts at 0, S, 2S, … and must end inside the "
                    "padded input, which gives (H + 2P − FH) / S steps plus the first position."
                ),
                "hint.3": "return (input_size + 2 * pad - filter_size) // stride + 1",
                "mistake.no-2p": (
                    "the padding is counted once: it is added on both sides, so the padded size "
                    "is H + 2P."
                ),
                "mistake.no-plus-one": (
                    "the first position is missing: (H + 2P − FH) / S counts the steps between "
                    "positions, so add 1."
                ),
                "mistake.float-division": (
                    "the result is a float: a size must be an int. Use // (or int(...))."
                ),
            },
            "ja": {
                "title": "畳み込みの出力サイズ",
                "task": (
                    "conv_output_size(input_size, filter_size, stride=1, pad=0) を書きます。\n"
                    "畳み込みやプーリングの出力の高さ（または幅）OH = (H + 2P − FH) / S + 1 を返します。\n"
                    "戻り値は int にします（reshape や range で使えるサイズです）。入力は、パディング後の\n"
                    "入力をフィルターがちょうど敷き詰めるように選んであります。"
                ),
                "hint.1": "パディングは上に P 行、下に P 行を加えます。パディング後の高さは H + 2P です。",
                "hint.2": (
                    "位置を数えます。フィルターは 0、S、2S、… から始まり、パディング後の入力の中で"
                    "終わる必要があります。すると (H + 2P − FH) / S 回の移動と最初の位置になります。"
                ),
                "hint.3": "return (input_size + 2 * pad - filter_size) // stride + 1",
                "mistake.no-2p": (
                    "パディングを片側しか数えていません。パディングは両側に加わるので、"
                    "パディング後のサイズは H + 2P です。"
                ),
                "mistake.no-plus-one": (
                    "最初の位置が抜けています。(H + 2P − FH) / S は位置の間の移動の回数なので、"
                    "1 を足しましょう。"
                ),
                "mistake.float-division": (
                    "結果が float になっています。サイズは int である必要があります。"
                    "// か int(...) を使いましょう。"
                ),
            },
        },
    ),
)
