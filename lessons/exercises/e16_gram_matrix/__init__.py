from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="16-gram-matrix",
    lesson="16",
    implements=("gram_matrix", "style_loss"),
    package=__name__,
    words=Words(
        "exercise-16-gram-matrix",
        {
            "en": {
                "title": "Gram matrices and the style loss",
                "task": (
                    "Write gram_matrix(features): features is one layer's feature maps, (H, W, C). Make\n"
                    "F, the (positions × channels) matrix (H·W, C), and return G = Fᵀ·F, (C, C): the inner\n"
                    "product of every pair of channels, summed over all positions.\n"
                    "Write style_loss(gen, style) for two (H, W, C) maps: with N = C channels and\n"
                    "M = H·W positions, Σ (G(gen) − G(style))² / (4·N²·M²), a float."
                ),
                "hint.1": "features.reshape(-1, C) keeps the channels as columns: one row per position.",
                "hint.2": "G = F.T @ F is (C, C); F @ F.T would be (H·W, H·W), one entry per pair of positions.",
                "hint.3": (
                    "n, m = gen.shape[-1], gen.shape[0] * gen.shape[1]; "
                    "return float(np.sum((gram_matrix(gen) − gram_matrix(style)) ** 2) / (4 * n**2 * m**2))"
                ),
                "mistake.transposed-product": (
                    "the Gram matrix is (H·W, H·W): that is F·Fᵀ, positions against positions. "
                    "The style lives in channels against channels, Fᵀ·F, (C, C)."
                ),
                "mistake.wrong-reshape": (
                    "the features were reshaped to (C, H·W) straight from (H, W, C), which mixes "
                    "channels and positions: reshape(-1, C) keeps each column one channel."
                ),
                "mistake.no-normalisation": "the style loss is not divided by 4·N²·M².",
                "mistake.not-squared": "the differences are not squared: sum (G(gen) − G(style)) ** 2.",
            },
            "ja": {
                "title": "グラム行列とスタイル損失",
                "task": (
                    "gram_matrix(features) を書きます。features は 1 つの層の特徴マップで、形状は (H, W, C) です。\n"
                    "（位置 × チャンネル）の行列 F (H·W, C) を作り、G = Fᵀ·F (C, C) を返します。\n"
                    "すべてのチャンネルの組の内積を、すべての位置について合計したものです。\n"
                    "2 つの (H, W, C) のマップについて style_loss(gen, style) を書きます。チャンネル数を N = C、\n"
                    "位置の数を M = H·W として Σ (G(gen) − G(style))² / (4·N²·M²) を float で返します。"
                ),
                "hint.1": "features.reshape(-1, C) でチャンネルを列のまま保てます。位置ごとに 1 行です。",
                "hint.2": "G = F.T @ F は (C, C) です。F @ F.T は (H·W, H·W) で、位置の組ごとの値になってしまいます。",
                "hint.3": (
                    "n, m = gen.shape[-1], gen.shape[0] * gen.shape[1]; "
                    "return float(np.sum((gram_matrix(gen) − gram_matrix(style)) ** 2) / (4 * n**2 * m**2))"
                ),
                "mistake.transposed-product": (
                    "グラム行列が (H·W, H·W) になっています。それは位置と位置の F·Fᵀ です。"
                    "スタイルはチャンネルとチャンネルの Fᵀ·F (C, C) に表れます。"
                ),
                "mistake.wrong-reshape": (
                    "(H, W, C) からそのまま (C, H·W) に reshape したため、チャンネルと位置が混ざっています。"
                    "reshape(-1, C) なら各列が 1 つのチャンネルのままです。"
                ),
                "mistake.no-normalisation": "スタイル損失を 4·N²·M² で割っていません。",
                "mistake.not-squared": "差を 2 乗していません。(G(gen) − G(style)) ** 2 を合計しましょう。",
            },
        },
    ),
)
