from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="01-gates",
    lesson="01",
    implements=("AND", "NAND", "OR", "XOR"),
    package=__name__,
    words=Words(
        "exercise-01-gates",
        {
            "en": {
                "title": "Logic gates from perceptrons",
                "task": (
                    "Write AND(x1, x2), NAND(x1, x2) and OR(x1, x2) as perceptrons: weights w,\n"
                    "a bias b, and output 1 when Σ w·x + b > 0, else 0. Inputs and outputs are 0 or 1.\n"
                    "Then write XOR(x1, x2) by combining your gates: one perceptron cannot draw it."
                ),
                "hint.1": "AND: w = (0.5, 0.5), b = −0.7. Check the four input pairs by hand.",
                "hint.2": "NAND is AND with every weight and the bias negated; OR keeps w and takes b = −0.2.",
                "hint.3": "XOR(x1, x2) = AND(NAND(x1, x2), OR(x1, x2)): two layers.",
                "mistake.and-like-or": "AND gives 1 when only one input is 1: the bias is too small (try b = −0.7).",
                "mistake.nand-like-and": "NAND gives AND's outputs: negate the weights and the bias.",
                "mistake.xor-like-or": "XOR(1, 1) gives 1, as OR does: feed NAND and OR into an AND.",
                "mistake.not-binary": "a gate returns the weighted sum, not 0 or 1: return 1 if it is > 0, else 0.",
            },
            "ja": {
                "title": "パーセプトロンで論理回路",
                "task": (
                    "AND(x1, x2)、NAND(x1, x2)、OR(x1, x2) をパーセプトロンとして書きます。重み w とバイアス b を持ち、\n"
                    "Σ w·x + b > 0 なら 1、それ以外は 0 を出力します。入力と出力は 0 か 1 です。\n"
                    "次に、作ったゲートを組み合わせて XOR(x1, x2) を書きます（1 つのパーセプトロンでは表せません）。"
                ),
                "hint.1": "AND は w = (0.5, 0.5)、b = −0.7 です。4 通りの入力を手で確かめましょう。",
                "hint.2": "NAND は AND の重みとバイアスの符号をすべて反転したものです。OR は同じ w で b = −0.2 です。",
                "hint.3": "XOR(x1, x2) = AND(NAND(x1, x2), OR(x1, x2))。2 層にします。",
                "mistake.and-like-or": "片方の入力だけが 1 でも AND が 1 を返しています。バイアスが小さすぎます（b = −0.7 を試しましょう）。",
                "mistake.nand-like-and": "NAND が AND と同じ出力です。重みとバイアスの符号を反転しましょう。",
                "mistake.xor-like-or": "XOR(1, 1) が OR と同じく 1 です。NAND と OR の出力を AND に入れましょう。",
                "mistake.not-binary": "ゲートが重み付き和をそのまま返しています。0 より大きければ 1、それ以外は 0 を返しましょう。",
            },
        },
    ),
)
