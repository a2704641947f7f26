"""LSTM: gates [i | f | c | o], forget-gate bias 1. Layout and masks: see recurrent.py."""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from .recurrent import Recurrent, StepInputs, accumulate, input_grad


class _Cache(NamedTuple):
    inputs: StepInputs
    cs: np.ndarray  # cell state after s processed steps (T + 1, N, U)
    gates: np.ndarray  # activated gates per processed step (T, N, 4U)
    tc: np.ndarray  # tanh(c_new) per processed step
    hin: np.ndarray  # the (dropped-out) state fed to each processed step


class LSTM(Recurrent):
    """Long short-term memory; gates [i | f | c | o], see the module docstring."""

    n_gates = 4
    n_states = 2

    def __init__(self, units: int, unit_forget_bias: bool = True, **kwargs: Any) -> None:
        super().__init__(units, **kwargs)
        self.unit_forget_bias = bool(unit_forget_bias)

    def _init_bias(self) -> np.ndarray:
        b = np.zeros(4 * self.units)
        if self.unit_forget_bias:
            b[self.units : 2 * self.units] = 1.0
        return b

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "unit_forget_bias": self.unit_forget_bias}

    def forward(self, x, training=False, mask=None, initial_state=None):
        inputs, states = self._prepare(x, training, mask, initial_state)
        xt, mt, _, rec_mask, order = inputs
        t, n, _ = xt.shape
        u = self.units
        k, r, b = self.params["kernel"], self.params["recurrent_kernel"], self.params["bias"]
        dt = k.dtype
        # σ(x) = (tanh(x/2) + 1)/2: pre-scale the i, f, o columns by 1/2 (folded into the
        # input projection and a scaled copy of the recurrent kernel), then one tanh over
        # all four gates per step and one affine fix-up, all on contiguous rows
        scale = np.full(4 * u, 0.5, dt)
        scale[2 * u : 3 * u] = 1.0
        shift = np.full(4 * u, 0.5, dt)
        shift[2 * u : 3 * u] = 0.0
        a = (xt.reshape(t * n, -1) @ (k * scale)).reshape(t, n, 4 * u)  # one matmul, all steps
        a += b * scale
        r = r * scale
        shift_mul = scale  # [1/2, 1/2, 1, 1/2]: turns tanh(x/2) into σ(x) for i, f, o
        gates = np.empty((t, n, 4 * u), dt)  # activated gates per processed position
        hs = np.empty((t + 1, n, u), dt)  # state after s processed steps
        cs = np.empty((t + 1, n, u), dt)
        tc = np.empty((t, n, u), dt)  # tanh(c_new)
        # o * tanh(c_new) (the unmasked output); without a mask it is the state itself
        hnew = np.empty((t, n, u), dt) if mt is not None else hs[1:]
        hin = np.empty((t, n, u), dt) if rec_mask is not None else None
        hs[0], cs[0] = states[0], states[1]
        tmp = np.empty((n, u), dt)
        for s, ti in enumerate(order):
            hp, cp = hs[s], cs[s]
            if rec_mask is not None:
                np.multiply(hp, rec_mask, out=hin[s])
                hp = hin[s]
            z = gates[s]
            np.matmul(hp, r, out=z)
            z += a[ti]
            np.tanh(z, out=z)
            z *= shift_mul
            z += shift
            i, f, g, o = z[:, :u], z[:, u : 2 * u], z[:, 2 * u : 3 * u], z[:, 3 * u :]
            cn = cs[s + 1]
            np.multiply(f, cp, out=cn)
            np.multiply(i, g, out=tmp)
            cn += tmp
            np.tanh(cn, out=tc[s])
            np.multiply(o, tc[s], out=hnew[s])
            if mt is not None:
                m = mt[ti]
                # carry the state through masked steps: s_new = m*s_new + (1-m)*s_prev
                cn -= cp
                cn *= m
                cn += cp
                np.subtract(hnew[s], hs[s], out=tmp)
                tmp *= m
                np.add(hs[s], tmp, out=hs[s + 1])
        if rec_mask is None:
            hin = hs[:-1]
        self._cache = _Cache(inputs, cs, gates, tc, hin)
        return self._outputs(self._in_time_order(hnew, order, mt), [hs[t], cs[t]])

    def backward(self, dout):
        inputs, cs, gates, tc, hin = self._cache
        xt, mt, _, rec_mask, order = inputs
        t, n, _ = xt.shape
        u = self.units
        dt = xt.dtype
        rT = np.ascontiguousarray(self.params["recurrent_kernel"].T)
        dyt, (dh, dc) = self._output_grads(dout, xt)
        # Step-independent factors for all steps at once (few large array ops):
        #   q[s] = [g·σ'(i), c_prev·σ'(f), i·(1−g²)]  (dL/dc -> i, f, c pre-activations)
        #   po[s] = tanh(c)·σ'(o)                     (dL/dh -> o pre-activation)
        #   pc[s] = o·(1 − tanh(c)²)                   (dL/dh -> dL/dc)
        gi, gf, gg, go = (gates[:, :, k * u : (k + 1) * u] for k in range(4))
        q = np.empty((t, n, 3, u), dt)
        np.subtract(1.0, gi, out=q[:, :, 0])
        q[:, :, 0] *= gi
        q[:, :, 0] *= gg
        np.subtract(1.0, gf, out=q[:, :, 1])
        q[:, :, 1] *= gf
        q[:, :, 1] *= cs[:-1]
        np.multiply(gg, gg, out=q[:, :, 2])
        np.subtract(1.0, q[:, :, 2], out=q[:, :, 2])
        q[:, :, 2] *= gi
        po = np.subtract(1.0, go)
        po *= go
        po *= tc
        pc = np.multiply(tc, tc)
        np.subtract(1.0, pc, out=pc)
        pc *= go
        dz = np.empty((t, n, 4 * u), dt)
        gh = np.empty((n, u), dt)
        gc = np.empty((n, u), dt)
        tmp = np.empty((n, u), dt)
        for s in range(t - 1, -1, -1):
            ti = order[s]
            if mt is None:  # work on dh / dc in place, no copies
                if dyt is not None:
                    np.add(dh, dyt[ti], out=gh)
                    g_h = gh
                else:
                    g_h = dh
                g_c = dc
            else:
                m = mt[ti]
                g_h, g_c = gh, gc
                if dyt is not None:
                    np.add(dh, dyt[ti], out=gh)
                else:
                    gh[...] = dh
                gc[...] = dc
                gh *= m
                gc *= m
                dh *= 1.0 - m  # carried part of the state gradient
                dc *= 1.0 - m
            d = dz[s]
            np.multiply(g_h, pc[s], out=tmp)
            g_c += tmp
            np.multiply(g_c[:, None, :], q[s], out=d[:, : 3 * u].reshape(n, 3, u))
            np.multiply(g_h, po[s], out=d[:, 3 * u :])
            g_c *= gf[s]  # dL/dc_{t-1} through the forget gate (in dc when unmasked)
            if mt is not None:
                dc += gc
                hr = d @ rT
                if rec_mask is not None:
                    hr *= rec_mask
                dh += hr
            else:
                np.matmul(d, rT, out=dh)
                if rec_mask is not None:
                    dh *= rec_mask
        self.initial_state_grads = [dh, dc]
        accumulate(self, dz, hin, inputs)
        return input_grad(self, dz, inputs)
