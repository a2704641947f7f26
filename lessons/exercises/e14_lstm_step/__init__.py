from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="14-lstm-step",
    lesson="14",
    implements=("lstm_step",),
    package=__name__,
    words=Words(
        "exercise-14-lstm-step",
        {
            "en": {
                "title": "One step of an LSTM",
                "task": (
                    "Write lstm_step(x, h, c, W, U, b) → (h_next, c_next). x is (N, D), h and c are (N, H),\n"
                    "W is (D, 4H), U is (H, 4H), b is (4H,). z = x·W + h·U + b holds the four gates side by\n"
                    "side, in the order [ i | f | g | o ] (columns 0:H, H:2H, 2H:3H, 3H:4H, as in Keras):\n"
                    "  i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o)\n"
                    "  c_next = f ⊙ c + i ⊙ g        h_next = o ⊙ tanh(c_next)"
                ),
                "hint.1": "One matrix product for all gates: z = x·W + h·U + b, shape (N, 4H); then slice it.",
                "hint.2": (
                    "H = h.shape[1]; z[:, :H] is the input gate, z[:, H:2*H] the forget gate, "
                    "z[:, 2*H:3*H] the candidate g, z[:, 3*H:] the output gate."
                ),
                "hint.3": "c_next = f * c + i * g; h_next = o * np.tanh(c_next); return h_next, c_next",
                "mistake.gate-order": (
                    "the gate blocks are taken in another order: here z is [ i | f | g | o ] "
                    "(input, forget, candidate, output)."
                ),
                "mistake.no-forget": (
                    "the old carry c is kept whole: multiply it by the forget gate, c_next = f ⊙ c + i ⊙ g."
                ),
                "mistake.no-tanh-c": "h_next = o ⊙ c_next misses a tanh: h_next = o ⊙ tanh(c_next).",
                "mistake.candidate-sigmoid": (
                    "the candidate g went through σ: it uses tanh, so it can be negative, g = tanh(z_g)."
                ),
            },
            "ja": {
                "title": "LSTM の 1 ステップ",
                "task": (
                    "lstm_step(x, h, c, W, U, b) → (h_next, c_next) を書きます。x は (N, D)、h と c は (N, H)、\n"
                    "W は (D, 4H)、U は (H, 4H)、b は (4H,) です。z = x·W + h·U + b には 4 つのゲートが横に並び、\n"
                    "順番は [ i | f | g | o ]（列 0:H、H:2H、2H:3H、3H:4H、Keras と同じ）です。\n"
                    "  i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o)\n"
                    "  c_next = f ⊙ c + i ⊙ g        h_next = o ⊙ tanh(c_next)"
                ),
                "hint.1": "すべてのゲートを 1 回の行列の積で計算します：z = x·W + h·U + b（形状 (N, 4H)）。そのあと切り分けます。",
                "hint.2": (
                    "H = h.shape[1] とすると、z[:, :H] が入力ゲート、z[:, H:2*H] が忘却ゲート、"
                    "z[:, 2*H:3*H] が候補 g、z[:, 3*H:] が出力ゲートです。"
                ),
                "hint.3": "c_next = f * c + i * g; h_next = o * np.tanh(c_next); return h_next, c_next",
                "mistake.gate-order": (
                    "ゲートのブロックを別の順番で取り出しています。ここでの z は [ i | f | g | o ]"
                    "（入力、忘却、候補、出力）です。"
                ),
                "mistake.no-forget": (
                    "古いキャリー c がそのまま残っています。忘却ゲートを掛けましょう：c_next = f ⊙ c + i ⊙ g"
                ),
                "mistake.no-tanh-c": "h_next = o ⊙ c_next では tanh が抜けています：h_next = o ⊙ tanh(c_next)",
                "mistake.candidate-sigmoid": (
                    "候補 g に σ を使っています。g は負にもなれるように tanh を使います：g = tanh(z_g)"
                ),
            },
        },
    ),
)
