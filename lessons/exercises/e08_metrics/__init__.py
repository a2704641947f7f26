from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="08-metrics",
    lesson="08",
    implements=("precision_recall", "roc_auc"),
    package=__name__,
    words=Words(
        "exercise-08-metrics",
        {
            "en": {
                "title": "Precision, recall and ROC AUC",
                "task": (
                    "y_true holds labels 0 or 1. Write precision_recall(y_true, y_pred) for hard\n"
                    "predictions 0 or 1: (precision, recall) = (TP / (TP + FP), TP / (TP + FN)), 0.0\n"
                    "when a denominator is 0. Write roc_auc(y_true, scores) for real-valued scores:\n"
                    "the probability that a random positive scores higher than a random negative,\n"
                    "a tie counting ½."
                ),
                "hint.1": (
                    'Precision asks "of what I called positive, how much was?", recall "of what '
                    'was positive, how much did I find?". AUC compares every positive with every negative.'
                ),
                "hint.2": (
                    "TP = np.sum((y_pred == 1) & (y_true == 1)), and so on. For AUC, "
                    "pos[:, None] > neg[None, :] compares all pairs at once."
                ),
                "hint.3": (
                    "pos, neg = scores[y_true == 1], scores[y_true == 0]; "
                    "auc = ((pos[:, None] > neg).sum() + 0.5 * (pos[:, None] == neg).sum()) / "
                    "(len(pos) * len(neg))"
                ),
                "mistake.swapped": (
                    "precision and recall are swapped: precision divides by what was predicted "
                    "positive (TP + FP), recall by what is positive (TP + FN)."
                ),
                "mistake.hard-predictions": (
                    "the AUC was computed from 0/1 predictions: it ranks the scores themselves, "
                    "so use the real-valued scores without a threshold."
                ),
                "mistake.ties-ignored": (
                    "ties are not counted: a positive and a negative with the same score count ½."
                ),
            },
            "ja": {
                "title": "適合率、再現率、ROC AUC",
                "task": (
                    "y_true は 0 か 1 のラベルです。0 か 1 の予測 y_pred について、(適合率, 再現率) =\n"
                    "(TP / (TP + FP), TP / (TP + FN)) を返す precision_recall(y_true, y_pred) を書きます\n"
                    "（分母が 0 のときは 0.0）。実数のスコアについて、ランダムに選んだ正例のスコアが\n"
                    "ランダムに選んだ負例より高い確率（同点は ½ と数えます）を返す roc_auc(y_true, scores)\n"
                    "も書きます。"
                ),
                "hint.1": (
                    "適合率は「陽性と予測したもののうち、本当に陽性だった割合」、再現率は「陽性の"
                    "もののうち、見つけられた割合」です。AUC はすべての正例とすべての負例を比べます。"
                ),
                "hint.2": (
                    "TP = np.sum((y_pred == 1) & (y_true == 1)) のように数えます。AUC では "
                    "pos[:, None] > neg[None, :] ですべての組を一度に比べられます。"
                ),
                "hint.3": (
                    "pos, neg = scores[y_true == 1], scores[y_true == 0]; "
                    "auc = ((pos[:, None] > neg).sum() + 0.5 * (pos[:, None] == neg).sum()) / "
                    "(len(pos) * len(neg))"
                ),
                "mistake.swapped": (
                    "適合率と再現率が入れ替わっています。適合率は陽性と予測した数（TP + FP）で、"
                    "再現率は本当に陽性の数（TP + FN）で割ります。"
                ),
                "mistake.hard-predictions": (
                    "0/1 の予測から AUC を計算しています。AUC はスコアそのものの順位で決まるので、"
                    "しきい値を使わずに実数のスコアを使いましょう。"
                ),
                "mistake.ties-ignored": (
                    "同点を数えていません。正例と負例のスコアが同じなら ½ と数えます。"
                ),
            },
        },
    ),
)
