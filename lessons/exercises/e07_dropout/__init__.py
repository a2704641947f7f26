from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="07-dropout",
    lesson="07",
    implements=("Dropout",),
    package=__name__,
    words=Words(
        "exercise-07-dropout",
        {
            "en": {
                "title": "Inverted dropout",
                "task": (
                    "Write Dropout(dropout_ratio=0.5) with forward(x, train_flg=True) and\n"
                    "backward(dout). In training, forward drops each unit with probability\n"
                    "dropout_ratio and scales the kept ones by 1 / (1 − dropout_ratio) (inverted\n"
                    "dropout), so the expected output equals x. At test time (train_flg=False) it\n"
                    "returns x unchanged. backward passes dout through the same units as forward,\n"
                    "with the same scale."
                ),
                "hint.1": "Draw a random mask in forward and keep it on self: backward needs the same one.",
                "hint.2": (
                    "self.mask = np.random.rand(*x.shape) > self.dropout_ratio keeps a unit with "
                    "probability 1 − dropout_ratio; divide by 1 − dropout_ratio in training only."
                ),
                "hint.3": (
                    "forward: if train_flg: self.mask = …; return x * self.mask / (1.0 − "
                    "self.dropout_ratio); else: return x.  backward: return dout * self.mask / "
                    "(1.0 − self.dropout_ratio)"
                ),
                "mistake.scaled-at-test": (
                    "the output is scaled at test time: with inverted dropout the scaling happens "
                    "in training, so at test time forward returns x as it is."
                ),
                "mistake.not-inverted": (
                    "the kept units are not scaled up: divide them by 1 − dropout_ratio in "
                    "training so that the expected output stays x."
                ),
                "mistake.new-mask": (
                    "backward uses other units than forward: keep the mask drawn in forward "
                    "(self.mask) and use it in backward instead of drawing a new one."
                ),
            },
            "ja": {
                "title": "逆ドロップアウト（inverted dropout）",
                "task": (
                    "forward(x, train_flg=True) と backward(dout) を持つ Dropout(dropout_ratio=0.5) を\n"
                    "書きます。学習時の forward は、各ユニットを確率 dropout_ratio で消去し、残った\n"
                    "ユニットを 1 / (1 − dropout_ratio) 倍します（逆ドロップアウト）。こうすると出力の\n"
                    "期待値は x に等しくなります。テスト時（train_flg=False）は x をそのまま返します。\n"
                    "backward は forward と同じユニットに、同じ倍率で dout を流します。"
                ),
                "hint.1": "forward でランダムなマスクを作り、self に保存します。backward でも同じマスクが必要です。",
                "hint.2": (
                    "self.mask = np.random.rand(*x.shape) > self.dropout_ratio で、各ユニットが"
                    "確率 1 − dropout_ratio で残ります。1 − dropout_ratio で割るのは学習時だけです。"
                ),
                "hint.3": (
                    "forward：if train_flg: self.mask = …; return x * self.mask / (1.0 − "
                    "self.dropout_ratio)、それ以外は return x。backward：return dout * self.mask / "
                    "(1.0 − self.dropout_ratio)"
                ),
                "mistake.scaled-at-test": (
                    "テスト時に出力の倍率を変えています。逆ドロップアウトでは倍率の調整を学習時に"
                    "行うので、テスト時の forward は x をそのまま返します。"
                ),
                "mistake.not-inverted": (
                    "残ったユニットが拡大されていません。学習時に 1 − dropout_ratio で割って、"
                    "出力の期待値が x のままになるようにしましょう。"
                ),
                "mistake.new-mask": (
                    "backward が forward と別のユニットを使っています。forward で作ったマスク"
                    "（self.mask）を保存し、新しく作らずに backward で使いましょう。"
                ),
            },
        },
    ),
)
