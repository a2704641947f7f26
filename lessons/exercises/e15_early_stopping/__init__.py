from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="15-early-stopping",
    lesson="15",
    implements=("early_stopping",),
    package=__name__,
    words=Words(
        "exercise-15-early-stopping",
        {
            "en": {
                "title": "Early stopping on a recorded curve",
                "task": (
                    "Write early_stopping(val_loss, patience) → (stop_epoch, best_epoch), replaying the\n"
                    "callback of this lesson on a list of validation losses (epochs 0, 1, 2, …).\n"
                    "An epoch improves when its loss is strictly below the best so far: it becomes the\n"
                    "best and the wait goes back to 0. Otherwise the wait grows by 1, and training stops\n"
                    "at the epoch where wait >= patience (as in Keras). If it never stops, stop_epoch\n"
                    "is the last epoch."
                ),
                "hint.1": "Keep best = np.inf, best_epoch and wait = 0; loop with for epoch, loss in enumerate(val_loss).",
                "hint.2": (
                    "if loss < best: best, best_epoch, wait = loss, epoch, 0; else: wait += 1. "
                    "An equal loss is not an improvement."
                ),
                "hint.3": (
                    "After wait += 1: if wait >= patience: return epoch, best_epoch. "
                    "After the loop: return len(val_loss) − 1, best_epoch."
                ),
                "mistake.stops-late": (
                    "it stops one epoch late: stop as soon as wait >= patience, not when wait > patience."
                ),
                "mistake.wait-not-reset": (
                    "the wait is not reset by an improvement: set wait = 0 when a new best loss comes."
                ),
                "mistake.ties-improve": (
                    "an equal loss counted as an improvement: only a loss strictly below the best "
                    "improves (loss < best)."
                ),
            },
            "ja": {
                "title": "記録した曲線での早期終了",
                "task": (
                    "early_stopping(val_loss, patience) → (stop_epoch, best_epoch) を書きます。検証データの損失の\n"
                    "リスト（エポック 0, 1, 2, …）に対して、このレッスンのコールバックを再現します。\n"
                    "損失がそれまでの最良値より真に小さいエポックは改善です。そのエポックを最良とし、待ちの回数 wait を 0 に\n"
                    "戻します。そうでなければ wait を 1 増やし、wait >= patience になったエポックで学習を止めます\n"
                    "（Keras と同じです）。最後まで止まらなければ、stop_epoch は最後のエポックです。"
                ),
                "hint.1": "best = np.inf、best_epoch、wait = 0 を用意し、for epoch, loss in enumerate(val_loss) でループします。",
                "hint.2": (
                    "if loss < best: best, best_epoch, wait = loss, epoch, 0、そうでなければ wait += 1 です。"
                    "同じ値の損失は改善ではありません。"
                ),
                "hint.3": (
                    "wait += 1 のあと、if wait >= patience: return epoch, best_epoch。"
                    "ループのあとは return len(val_loss) − 1, best_epoch です。"
                ),
                "mistake.stops-late": (
                    "1 エポック遅れて止まっています。wait > patience ではなく、wait >= patience になったらすぐに止めましょう。"
                ),
                "mistake.wait-not-reset": (
                    "改善しても wait が戻っていません。新しい最良の損失が出たら wait = 0 にしましょう。"
                ),
                "mistake.ties-improve": (
                    "同じ値の損失を改善として数えています。最良値より真に小さい損失（loss < best）だけが改善です。"
                ),
            },
        },
    ),
)
