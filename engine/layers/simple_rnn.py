"""SimpleRNN: h_t = tanh(x_t W + h_{t-1} U + b). Layout and masks: see recurrent.py."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .recurrent import Recurrent, StepInputs, accumulate, input_grad


class _Cache(NamedTuple):
    inputs: StepInputs
    hin: np.ndarray  # the (dropped-out) state fed to each processed step
    hn: np.ndarray  # tanh outputs per processed step


class SimpleRNN(Recurrent):
    """Fully-connected recurrent layer, h_t = tanh(x_t W + h_{t-1} U + b)."""

    n_gates = 1
    n_states = 1

    def forward(self, x, training=False, mask=None, initial_state=None):
        inputs, states = self._prepare(x, training, mask, initial_state)
        xt, mt, _, rec_mask, order = inputs
        t, n, _ = xt.shape
        u = self.units
        k, r, b = self.params["kernel"], self.params["recurrent_kernel"], self.params["bias"]
        a = (xt.reshape(t * n, -1) @ k).reshape(t, n, u)  # all input projections at once
        a += b
        hs = np.empty((t + 1, n, u), dtype=a.dtype)  # hs[s+1]: state after processing step s
        hin = np.empty((t, n, u), dtype=a.dtype)  # the (dropped-out) h fed to step s
        hs[0] = states[0]
        hn = np.empty((t, n, u), dtype=a.dtype)  # tanh outputs per processed position
        for s, ti in enumerate(order):
            hp = hs[s]
            if rec_mask is not None:
                np.multiply(hp, rec_mask, out=hin[s])
                hp_in = hin[s]
            else:
                hp_in = hp
            z = hn[s]
            np.matmul(hp_in, r, out=z)
            z += a[ti]
            np.tanh(z, out=z)
            if mt is not None:
                m = mt[ti]
                np.multiply(z, m, out=hs[s + 1])
                hs[s + 1] += (1.0 - m) * hp
            else:
                hs[s + 1] = z
        if rec_mask is None:
            hin = hs[:-1]
        self._cache = _Cache(inputs, hin, hn)
        return self._outputs(self._in_time_order(hn, order, mt), [hs[t]])

    def backward(self, dout):
        inputs, hin, hn = self._cache
        xt, mt, _, rec_mask, order = inputs
        t, n, _ = xt.shape
        r = self.params["recurrent_kernel"]
        dyt, (dh,) = self._output_grads(dout, xt)
        dz = np.empty((t, n, self.units), xt.dtype)  # grads of pre-activations, by processed pos
        for s in range(t - 1, -1, -1):
            ti = order[s]
            g = dh if dyt is None else dh + dyt[ti]
            if mt is not None:
                m = mt[ti]
                carry = dh * (1.0 - m)
                g = g * m
            d = dz[s]
            np.multiply(hn[s], hn[s], out=d)
            np.subtract(1.0, d, out=d)
            d *= g
            dh = d @ r.T
            if rec_mask is not None:
                dh *= rec_mask
            if mt is not None:
                dh += carry
        self.initial_state_grads = [dh]
        accumulate(self, dz, hin, inputs)
        return input_grad(self, dz, inputs)
