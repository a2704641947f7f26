from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="06-batchnorm",
    lesson="06",
    implements=("BatchNormalization",),
    package=__name__,
    words=Words(
        "exercise-06-batchnorm",
        {
            "en": {
                "title": "The Batch Normalization layer",
                "task": (
                    "Write BatchNormalization(gamma, beta, momentum=0.9, running_mean=None,\n"
                    "running_var=None) for x of shape (N, D), with forward(x, train_flg=True) and\n"
                    "backward(dout). Training: normalise with the batch mean and variance,\n"
                    "xn = (x − μ) / √(σ² + ε), return γ·xn + β, and update the running averages\n"
                    "running = momentum · running + (1 − momentum) · batch statistic (they start as\n"
                    "zeros when not given). Test (train_flg=False): use the running averages instead.\n"
                    "backward returns dx and stores self.dgamma and self.dbeta (after a training forward)."
                ),
                "hint.1": (
                    "Keep xc = x − μ, std = √(σ² + ε) and xn from forward: backward needs them. "
                    "dbeta = Σ dout, dgamma = Σ xn·dout over the batch axis."
                ),
                "hint.2": (
                    "μ and σ² depend on every x, so dx has three parts: through xn directly, "
                    "through σ² and through μ. Walk the graph back: dxn = γ·dout, dxc = dxn / std, "
                    "dstd = −Σ dxn·xc / std², dvar = 0.5·dstd / std, dxc += (2 / N)·xc·dvar."
                ),
                "hint.3": (
                    "dmu = np.sum(dxc, axis=0); dx = dxc − dmu / N. In one line: "
                    "dx = (dxn − mean(dxn) − xn·mean(dxn·xn)) / std."
                ),
                "mistake.running-in-training": (
                    "training normalises with the running averages: in training use the mean "
                    "and variance of this batch; the running averages are for test time."
                ),
                "mistake.running-not-updated": (
                    "the running averages do not change in training: update them after each "
                    "training batch, running = momentum · running + (1 − momentum) · batch value."
                ),
                "mistake.no-mean-term": (
                    "dx lacks the path through the mean: μ depends on every x, so subtract "
                    "dmu / N, where dmu = Σ dxc over the batch."
                ),
            },
            "ja": {
                "title": "Batch Normalization レイヤ",
                "task": (
                    "形状 (N, D) の x について、forward(x, train_flg=True) と backward(dout) を持つ\n"
                    "BatchNormalization(gamma, beta, momentum=0.9, running_mean=None, running_var=None)\n"
                    "を書きます。学習時はバッチの平均と分散で xn = (x − μ) / √(σ² + ε) と正規化して\n"
                    "γ·xn + β を返し、移動平均を running = momentum · running + (1 − momentum) · バッチの値\n"
                    "で更新します（与えられなければ 0 から始めます）。テスト時（train_flg=False）は\n"
                    "代わりに移動平均を使います。backward は（学習時の forward の後で）dx を返し、\n"
                    "self.dgamma と self.dbeta を保存します。"
                ),
                "hint.1": (
                    "forward で xc = x − μ、std = √(σ² + ε)、xn を保存します。backward で使います。"
                    "dbeta = Σ dout、dgamma = Σ xn·dout（バッチの軸について）です。"
                ),
                "hint.2": (
                    "μ と σ² はすべての x に依存するので、dx には xn を直接通る経路、σ² を通る経路、"
                    "μ を通る経路の 3 つがあります。計算グラフを逆にたどります：dxn = γ·dout、"
                    "dxc = dxn / std、dstd = −Σ dxn·xc / std²、dvar = 0.5·dstd / std、"
                    "dxc += (2 / N)·xc·dvar"
                ),
                "hint.3": (
                    "dmu = np.sum(dxc, axis=0); dx = dxc − dmu / N。1 行で書くと "
                    "dx = (dxn − mean(dxn) − xn·mean(dxn·xn)) / std です。"
                ),
                "mistake.running-in-training": (
                    "学習時に移動平均で正規化しています。学習時はそのバッチの平均と分散を使い、"
                    "移動平均はテスト時に使います。"
                ),
                "mistake.running-not-updated": (
                    "学習しても移動平均が変わりません。学習時のバッチごとに "
                    "running = momentum · running + (1 − momentum) · バッチの値 で更新しましょう。"
                ),
                "mistake.no-mean-term": (
                    "dx に平均を通る経路が抜けています。μ はすべての x に依存するので、"
                    "dmu = Σ dxc（バッチについての和）として dmu / N を引きましょう。"
                ),
            },
        },
    ),
)
