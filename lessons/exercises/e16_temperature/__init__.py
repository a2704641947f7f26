from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="16-temperature",
    lesson="16",
    implements=("reweight", "sample"),
    package=__name__,
    words=Words(
        "exercise-16-temperature",
        {
            "en": {
                "title": "Sampling with a temperature",
                "task": (
                    "Write reweight(p, temperature): the distribution p (shape (K,), sums to 1) at\n"
                    "temperature T, p_i' = exp(log(p_i) / T) / Σ_j exp(log(p_j) / T). Low T sharpens it,\n"
                    "high T flattens it, T = 1 leaves it as it is.\n"
                    "Write sample(p, temperature, rng): draw one index (an int) from reweight(p, T) with\n"
                    "the random generator rng (np.random.default_rng), so a seed repeats the draws."
                ),
                "hint.1": (
                    "Work on log-probabilities: logits = np.log(p) / temperature. Subtract the maximum "
                    "before np.exp, then divide by the sum."
                ),
                "hint.2": "rng.choice(len(p), p=q) draws one index with probabilities q.",
                "hint.3": (
                    "reweight: logits = np.log(p) / temperature; e = np.exp(logits − logits.max()); "
                    "return e / e.sum().  sample: return int(rng.choice(len(p), p=reweight(p, temperature)))"
                ),
                "mistake.multiplied": (
                    "the log-probabilities were multiplied by T: divide by the temperature, np.log(p) / T."
                ),
                "mistake.not-normalised": (
                    "the result does not sum to 1: divide by the sum after np.exp."
                ),
                "mistake.no-log": (
                    "the temperature was applied to the probabilities themselves: take np.log(p) first, "
                    "then divide by T and exponentiate."
                ),
                "mistake.greedy": (
                    "sample always returns the likeliest index: draw at random with rng.choice(len(p), p=q)."
                ),
                "mistake.ignores-temperature": (
                    "the draws follow p, not the reweighted distribution: sample from reweight(p, temperature)."
                ),
                "mistake.global-rng": (
                    "the same seed gave different draws: use the rng you are given (rng.choice), "
                    "not np.random."
                ),
            },
            "ja": {
                "title": "温度を使ったサンプリング",
                "task": (
                    "reweight(p, temperature) を書きます。確率分布 p（形状 (K,)、和が 1）を温度 T で\n"
                    "p_i' = exp(log(p_i) / T) / Σ_j exp(log(p_j) / T) に変えます。T が低いと分布は鋭くなり、\n"
                    "高いと平らになり、T = 1 ではそのままです。\n"
                    "sample(p, temperature, rng) を書きます。乱数生成器 rng（np.random.default_rng）を使って\n"
                    "reweight(p, T) から 1 つのインデックス（int）を引きます。同じシードなら同じ結果になります。"
                ),
                "hint.1": (
                    "対数確率で計算します：logits = np.log(p) / temperature。np.exp の前に最大値を引き、"
                    "そのあと和で割ります。"
                ),
                "hint.2": "rng.choice(len(p), p=q) は確率 q で 1 つのインデックスを引きます。",
                "hint.3": (
                    "reweight：logits = np.log(p) / temperature; e = np.exp(logits − logits.max()); "
                    "return e / e.sum()。sample：return int(rng.choice(len(p), p=reweight(p, temperature)))"
                ),
                "mistake.multiplied": (
                    "対数確率に T を掛けています。温度で割りましょう：np.log(p) / T"
                ),
                "mistake.not-normalised": "結果の和が 1 になっていません。np.exp のあとで和で割りましょう。",
                "mistake.no-log": (
                    "確率そのものに温度を適用しています。まず np.log(p) を取り、T で割ってから指数関数を通しましょう。"
                ),
                "mistake.greedy": (
                    "sample がいつも最も確率の高いインデックスを返します。rng.choice(len(p), p=q) でランダムに引きましょう。"
                ),
                "mistake.ignores-temperature": (
                    "引いた結果が、温度で変えた分布ではなく p に従っています。reweight(p, temperature) から引きましょう。"
                ),
                "mistake.global-rng": (
                    "同じシードで違う結果になりました。np.random ではなく、渡された rng（rng.choice）を使いましょう。"
                ),
            },
        },
    ),
)
