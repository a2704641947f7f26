"""GRU, Keras's reset_after=True (ONNX linear_before_reset=1). Layout and masks: see
recurrent.py."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..functions import sigmoid_
from .recurrent import Recurrent, StepInputs, input_grad


class _Cache(NamedTuple):
    inputs: StepInputs
    hs: np.ndarray  # state after s processed steps (T + 1, N, U)
    zr: np.ndarray  # activated update and reset gates (T, N, 2U)
    hh: np.ndarray  # recurrent candidate part h_{t-1} @ R_h + b_rh
    nn: np.ndarray  # candidate n
    hin: np.ndarray  # the (dropped-out) state fed to each processed step


class GRU(Recurrent):
    """Gated recurrent unit, reset_after=True variant (ONNX linear_before_reset=1)."""

    n_gates = 3
    n_states = 1

    def _init_bias(self) -> np.ndarray:
        return np.zeros((2, 3 * self.units))

    def forward(self, x, training=False, mask=None, initial_state=None):
        inputs, states = self._prepare(x, training, mask, initial_state)
        xt, mt, _, rec_mask, order = inputs
        t, n, _ = xt.shape
        u = self.units
        k, r, b = self.params["kernel"], self.params["recurrent_kernel"], self.params["bias"]
        dt = k.dtype
        a = (xt.reshape(t * n, -1) @ k).reshape(t, n, 3 * u)
        a += b[0]
        zr = np.empty((t, n, 2 * u), dt)  # activated z, r
        hh = np.empty((t, n, u), dt)  # recurrent candidate part h_{t-1} @ R_h + b_rh
        nn = np.empty((t, n, u), dt)  # candidate n
        hs = np.empty((t + 1, n, u), dt)
        hnew = np.empty((t, n, u), dt)
        hin = np.empty((t, n, u), dt) if rec_mask is not None else None
        hs[0] = states[0]
        rec = np.empty((n, 3 * u), dt)
        tmp = np.empty((n, u), dt)
        for s, ti in enumerate(order):
            hp = hs[s]
            hp_in = hp
            if rec_mask is not None:
                np.multiply(hp, rec_mask, out=hin[s])
                hp_in = hin[s]
            np.matmul(hp_in, r, out=rec)
            rec += b[1]
            z2 = zr[s]
            np.add(a[ti, :, : 2 * u], rec[:, : 2 * u], out=z2)
            sigmoid_(z2)
            zg, rg = z2[:, :u], z2[:, u:]
            hh[s] = rec[:, 2 * u :]
            cand = nn[s]
            np.multiply(rg, hh[s], out=cand)
            cand += a[ti, :, 2 * u :]
            np.tanh(cand, out=cand)
            # h = n + z * (h_prev - n)
            hn = hnew[s]
            np.subtract(hp, cand, out=hn)
            hn *= zg
            hn += cand
            if mt is not None:
                m = mt[ti]
                np.subtract(hn, hp, out=tmp)
                tmp *= m
                np.add(hp, tmp, out=hs[s + 1])
            else:
                hs[s + 1] = hn
        if rec_mask is None:
            hin = hs[:-1]
        self._cache = _Cache(inputs, hs, zr, hh, nn, hin)
        return self._outputs(self._in_time_order(hnew, order, mt), [hs[t]])

    def backward(self, dout):
        inputs, hs, zr, hh, nn, hin = self._cache
        xt, mt, _, rec_mask, order = inputs
        t, n, _ = xt.shape
        u = self.units
        dt = xt.dtype
        rT = np.ascontiguousarray(self.params["recurrent_kernel"].T)
        dyt, (dh,) = self._output_grads(dout, xt)
        dx_g = np.empty((t, n, 3 * u), dt)  # grads of the input pre-activations [z|r|h]
        dr_g = np.empty((t, n, 3 * u), dt)  # grads of the recurrent pre-activations
        gh = np.empty((n, u), dt)
        tmp = np.empty((n, u), dt)
        for s in range(t - 1, -1, -1):
            ti = order[s]
            zg, rg = zr[s, :, :u], zr[s, :, u:]
            cand = nn[s]
            if dyt is not None:
                np.add(dh, dyt[ti], out=gh)
            else:
                gh[...] = dh
            if mt is not None:
                m = mt[ti]
                gh *= m
                dh *= 1.0 - m
            else:
                dh[...] = 0.0
            # h = z*hp + (1-z)*n
            dxs, drs = dx_g[s], dr_g[s]
            dz_, dr_, dn_ = dxs[:, :u], dxs[:, u : 2 * u], dxs[:, 2 * u :]
            # dn pre-activation: gh*(1-z)*(1-n^2)
            np.subtract(1.0, zg, out=dn_)
            dn_ *= gh
            np.multiply(cand, cand, out=tmp)
            np.subtract(1.0, tmp, out=tmp)
            dn_ *= tmp
            # dz pre-activation: gh*(hp - n)*z(1-z)
            np.subtract(hs[s], cand, out=dz_)
            dz_ *= gh
            np.subtract(1.0, zg, out=tmp)
            tmp *= zg
            dz_ *= tmp
            # dr pre-activation: dn*hh*r(1-r)
            np.multiply(dn_, hh[s], out=dr_)
            np.subtract(1.0, rg, out=tmp)
            tmp *= rg
            dr_ *= tmp
            drs[:, : 2 * u] = dxs[:, : 2 * u]
            np.multiply(dn_, rg, out=drs[:, 2 * u :])
            # to h_prev: direct z path + recurrent matmul
            np.multiply(gh, zg, out=tmp)
            dh += tmp
            hr = drs @ rT
            if rec_mask is not None:
                hr *= rec_mask
            dh += hr
        self.initial_state_grads = [dh]
        xtt = xt[order] if self.go_backwards else xt
        dx2 = dx_g.reshape(t * n, 3 * u)
        dr2 = dr_g.reshape(t * n, 3 * u)
        self.grads["kernel"][...] = xtt.reshape(t * n, -1).T @ dx2
        self.grads["recurrent_kernel"][...] = hin.reshape(t * n, u).T @ dr2
        self.grads["bias"][0] = dx2.sum(axis=0)
        self.grads["bias"][1] = dr2.sum(axis=0)
        return input_grad(self, dx_g, inputs)
