"""The engine's SimpleRNN with given weights, shared by the lesson-14 checks."""

from __future__ import annotations

import numpy as np

from dltutor.engine.layers import SimpleRNN


def engine_rnn(W, U, b, x, h0, dhs):
    """SimpleRNN over x (N, T, D) from h0 with return_sequences: (hs, dx, dW, dU, db, dh0)
    for the upstream gradient dhs (N, T, H)."""
    layer = SimpleRNN(W.shape[1], return_sequences=True)
    layer.build((None, *x.shape[1:]), np.random.default_rng(0))
    layer.astype(np.float64)
    layer.params["kernel"][...] = W
    layer.params["recurrent_kernel"][...] = U
    layer.params["bias"][...] = b
    hs = layer.forward(x.astype(np.float64), initial_state=[h0.astype(np.float64)])
    dx = layer.backward(dhs.astype(np.float64))
    g = layer.grads
    return (
        hs,
        dx,
        g["kernel"].copy(),
        g["recurrent_kernel"].copy(),
        g["bias"].copy(),
        layer.initial_state_grads[0].copy(),
    )
