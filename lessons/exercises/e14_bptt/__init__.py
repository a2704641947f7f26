from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="14-bptt",
    lesson="14",
    implements=("rnn_forward", "rnn_backward"),
    package=__name__,
    words=Words(
        "exercise-14-bptt",
        {
            "en": {
                "title": "Backpropagation through time",
                "task": (
                    "Write rnn_forward(x, W, U, b): the simple RNN over a whole sequence, h_0 = 0 and\n"
                    "h_t = tanh(x_t·W + h_(t−1)·U + b); x is (N, T, D); return hs, (N, T, H), every h_t.\n"
                    "Write rnn_backward(dhs, x, hs, W, U): dhs = dL/dhs (N, T, H). Go through the steps\n"
                    "from the last to the first and return (dx, dW, dU, db). The same W, U, b serve\n"
                    "every step, so their gradients are sums over the steps."
                ),
                "hint.1": (
                    "The gradient reaching h_t comes from two places: dhs[:, t] (its own output) and "
                    "dh_next, what step t + 1 sent back through U."
                ),
                "hint.2": (
                    "For t = T−1 … 0: dh = dhs[:, t] + dh_next; dt = dh · (1 − hs[:, t]²); "
                    "dh_next = dt·Uᵀ. The state before step 0 is h_0 = 0, not hs[:, −1]."
                ),
                "hint.3": (
                    "dW += x[:, t]ᵀ·dt; dU += h_prevᵀ·dt; db += dt.sum(axis=0); dx[:, t] = dt·Wᵀ, "
                    "with h_prev = hs[:, t − 1] for t > 0 and zeros for t = 0."
                ),
                "mistake.no-carry": (
                    "the gradient from later steps is lost: add dh_next (dt·Uᵀ of step t + 1) to dhs[:, t]."
                ),
                "mistake.grads-overwritten": (
                    "dW, dU or db hold one step only: the weights are shared by all steps, so add with +=."
                ),
                "mistake.wraps-around": (
                    "at t = 0, hs[:, t − 1] is hs[:, −1], the LAST state: the state before step 0 is h_0 = 0."
                ),
            },
            "ja": {
                "title": "通時的誤差逆伝播法（BPTT）",
                "task": (
                    "rnn_forward(x, W, U, b) を書きます。系列全体に単純な RNN を適用します。h_0 = 0、\n"
                    "h_t = tanh(x_t·W + h_(t−1)·U + b) で、x は (N, T, D) です。すべての h_t を並べた hs (N, T, H) を返します。\n"
                    "rnn_backward(dhs, x, hs, W, U) を書きます。dhs = dL/dhs (N, T, H) です。最後のステップから\n"
                    "最初のステップへ向かって進み、(dx, dW, dU, db) を返します。同じ W、U、b がすべての\n"
                    "ステップで使われるので、それらの勾配はステップについての和になります。"
                ),
                "hint.1": (
                    "h_t に届く勾配は 2 か所から来ます：dhs[:, t]（自分の出力）と、ステップ t + 1 が U を通して"
                    "返した dh_next です。"
                ),
                "hint.2": (
                    "t = T−1 … 0 について：dh = dhs[:, t] + dh_next; dt = dh · (1 − hs[:, t]²); "
                    "dh_next = dt·Uᵀ。ステップ 0 の前の状態は hs[:, −1] ではなく h_0 = 0 です。"
                ),
                "hint.3": (
                    "dW += x[:, t]ᵀ·dt; dU += h_prevᵀ·dt; db += dt.sum(axis=0); dx[:, t] = dt·Wᵀ。"
                    "h_prev は t > 0 なら hs[:, t − 1]、t = 0 なら 0 です。"
                ),
                "mistake.no-carry": (
                    "後のステップからの勾配が失われています。dhs[:, t] に dh_next（ステップ t + 1 の dt·Uᵀ）を足しましょう。"
                ),
                "mistake.grads-overwritten": (
                    "dW、dU、db が 1 ステップ分しかありません。重みはすべてのステップで共有されるので += で足しましょう。"
                ),
                "mistake.wraps-around": (
                    "t = 0 で hs[:, t − 1] は hs[:, −1]、つまり最後の状態です。ステップ 0 の前の状態は h_0 = 0 です。"
                ),
            },
        },
    ),
)
