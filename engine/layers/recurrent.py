"""Recurrent layers on (batch, timesteps, features): SimpleRNN, LSTM, GRU and Bidirectional.

Weight and gate layouts (the one place they are documented; the ONNX exporter maps them)
---------------------------------------------------------------------------------------
F = input features, U = `units`. Every cell keeps three parameters, Keras-style:

``SimpleRNN``   kernel (F, U), recurrent_kernel (U, U), bias (U,)
                h_t = tanh(x_t @ kernel + h_{t-1} @ recurrent_kernel + bias)
                ONNX RNN: W = kernel.T[None], R = recurrent_kernel.T[None],
                B = concat(bias, zeros(U))[None], activations ["Tanh"].

``LSTM``        kernel (F, 4U), recurrent_kernel (U, 4U), bias (4U,)
                gate blocks along the last axis, in this order (Keras and PyTorch order):
                    [ i | f | c | o ]   columns [0:U], [U:2U], [2U:3U], [3U:4U]
                z = x_t @ kernel + h_{t-1} @ recurrent_kernel + bias
                i = σ(z_i), f = σ(z_f), g = tanh(z_c), o = σ(z_o)
                c_t = f * c_{t-1} + i * g ;  h_t = o * tanh(c_t)
                The forget-gate bias starts at 1 (`unit_forget_bias=True`), no peepholes.
                ONNX LSTM orders the gates i, o, f, c: take the blocks in the order
                [0, 3, 1, 2] (i, o, f, c), then W = kernel[:, perm].T[None] (1, 4U, F),
                R = recurrent_kernel[:, perm].T[None] (1, 4U, U),
                B = concat(bias[perm], zeros(4U))[None] (1, 8U).

``GRU``         kernel (F, 3U), recurrent_kernel (U, 3U), bias (2, 3U)
                gate blocks [ z | r | h ] (update, reset, candidate) in both kernels;
                bias[0] is the input bias, bias[1] the recurrent bias. The variant is
                Keras' reset_after=True, which is ONNX's linear_before_reset=1:
                    xz, xr, xh = x_t @ kernel + bias[0]
                    hz, hr, hh = h_{t-1} @ recurrent_kernel + bias[1]
                    z = σ(xz + hz) ; r = σ(xr + hr) ; n = tanh(xh + r * hh)
                    h_t = z * h_{t-1} + (1 - z) * n
                ONNX GRU has the same gate order z, r, h and the same update rule:
                W = kernel.T[None] (1, 3U, F), R = recurrent_kernel.T[None] (1, 3U, U),
                B = concat(bias[0], bias[1])[None] (1, 6U), linear_before_reset=1.

``Bidirectional`` wraps one layer and clones it for the reverse direction; its params are
the two sets prefixed ``forward_`` and ``backward_`` (e.g. ``backward_recurrent_kernel``).
The reverse layer reads the sequence from the last step to the first and its outputs are
put back in the original time order (so ``concat``/``sum`` line up step by step); ONNX's
``direction="bidirectional"`` stacks W/R/B as [forward, backward] on axis 0.
``merge_mode="concat"`` puts the forward units first.

Masks (the convention is in engine/layers/masking.py)
-----------------------------------------------------
A layer that produces a mask sets ``self.output_mask`` (bool, (batch, timesteps), True =
a real step) in `forward`; `Sequential` hands it to the next layer as ``layer.input_mask``
before calling its `forward` (a layer without an ``output_mask`` attribute passes the mask
on unchanged). Every layer here also takes ``forward(x, training, mask=...)`` directly.
At a masked step the state (h, and c for the LSTM) is carried over unchanged, the output of
`return_sequences=True` is zero there, and no gradient reaches the weights or the input
from that step. With padding at the end ("post") this is what ONNX computes with
``sequence_lens`` = the number of real steps per row.

Dropout: ``dropout`` masks input features and ``recurrent_dropout`` masks the recurrent
state h_{t-1} (one mask for all gates); each is drawn once per sequence and reused at every
step (Gal & Ghahramani), inverted-scaled, training only.

State: ``forward(x, initial_state=[h0] or [h0, c0])``; with ``return_state=True`` forward
returns ``[output, h_T]`` (SimpleRNN, GRU) or ``[output, h_T, c_T]`` (LSTM), and `backward`
accepts the gradient of the output alone or a list with one entry per returned array
(None for "no gradient"). The gradients of the initial state land in
``self.initial_state_grads`` after `backward`.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np

from .base import Layer, Shape


def _sigmoid_(a: np.ndarray) -> np.ndarray:
    """In-place logistic sigmoid via tanh (no overflow warnings): σ(a) = (tanh(a/2) + 1)/2."""
    a *= 0.5
    np.tanh(a, out=a)
    a *= 0.5
    a += 0.5
    return a


def _check_rate(name: str, value: float) -> float:
    if not isinstance(value, int | float) or not 0.0 <= float(value) < 1.0:
        raise ValueError(f"{name} must be a number in [0, 1), got {value!r}")
    return float(value)


class _Recurrent(Layer):
    """Shared machinery: argument checks, masks, dropout masks, state handling."""

    n_gates = 1
    n_states = 1

    def __init__(
        self,
        units: int,
        return_sequences: bool = False,
        return_state: bool = False,
        go_backwards: bool = False,
        dropout: float = 0.0,
        recurrent_dropout: float = 0.0,
        kernel_initializer: str = "glorot_uniform",
        recurrent_initializer: str = "orthogonal",
        name: str | None = None,
    ) -> None:
        super().__init__(name)
        if isinstance(units, bool) or not isinstance(units, int | np.integer) or units < 1:
            raise ValueError(f"{type(self).__name__}: units must be a positive int, got {units!r}")
        if kernel_initializer not in ("glorot_uniform", "he_normal", "lecun_normal"):
            raise ValueError(f"unknown kernel_initializer {kernel_initializer!r}")
        if recurrent_initializer not in ("orthogonal", "glorot_uniform"):
            raise ValueError(f"unknown recurrent_initializer {recurrent_initializer!r}")
        self.units = int(units)
        self.return_sequences = bool(return_sequences)
        self.return_state = bool(return_state)
        self.go_backwards = bool(go_backwards)
        self.dropout = _check_rate("dropout", dropout)
        self.recurrent_dropout = _check_rate("recurrent_dropout", recurrent_dropout)
        self.kernel_initializer = kernel_initializer
        self.recurrent_initializer = recurrent_initializer
        self.input_mask: np.ndarray | None = None
        self.output_mask: np.ndarray | None = None
        self.initial_state_grads: list[np.ndarray] | None = None
        self._cache: dict[str, Any] = {}

    # ----------------------------------------------------------------- building
    def _init_kernel(self, rng: np.random.Generator, fan_in: int, fan_out: int) -> np.ndarray:
        if self.kernel_initializer == "glorot_uniform":
            lim = np.sqrt(6.0 / (fan_in + fan_out))
            return rng.uniform(-lim, lim, (fan_in, fan_out))
        if self.kernel_initializer == "he_normal":
            return rng.normal(0.0, np.sqrt(2.0 / fan_in), (fan_in, fan_out))
        return rng.normal(0.0, np.sqrt(1.0 / fan_in), (fan_in, fan_out))

    def _init_recurrent(self, rng: np.random.Generator) -> np.ndarray:
        u, g = self.units, self.n_gates
        if self.recurrent_initializer == "glorot_uniform":
            lim = np.sqrt(6.0 / (u + g * u))
            return rng.uniform(-lim, lim, (u, g * u))
        blocks = []
        for _ in range(g):  # one orthogonal (U, U) block per gate
            q, r = np.linalg.qr(rng.normal(size=(u, u)))
            blocks.append(q * np.sign(np.diag(r)))
        return np.concatenate(blocks, axis=1)

    def build(self, input_shape: Shape, rng: np.random.Generator) -> None:
        if len(input_shape) != 3:
            raise ValueError(
                f"{type(self).__name__} expects (batch, timesteps, features), got {input_shape}"
            )
        f = input_shape[-1]
        if f is None:
            raise ValueError(f"{type(self).__name__}: the feature axis must be known")
        self.add_weight("kernel", self._init_kernel(rng, int(f), self.n_gates * self.units))
        self.add_weight("recurrent_kernel", self._init_recurrent(rng))
        self.add_weight("bias", self._init_bias())
        super().build(input_shape, rng)

    def _init_bias(self) -> np.ndarray:
        return np.zeros(self.n_gates * self.units)

    def output_shape(self, input_shape: Shape) -> Shape:
        n, t = input_shape[0], input_shape[1]
        return (n, t, self.units) if self.return_sequences else (n, self.units)

    def get_config(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "units": self.units,
            "return_sequences": self.return_sequences,
            "return_state": self.return_state,
            "go_backwards": self.go_backwards,
            "dropout": self.dropout,
            "recurrent_dropout": self.recurrent_dropout,
            "kernel_initializer": self.kernel_initializer,
            "recurrent_initializer": self.recurrent_initializer,
        }

    def __call__(self, x, training=False, mask=None, initial_state=None):  # type: ignore[override]
        return self.forward(x, training=training, mask=mask, initial_state=initial_state)

    # ----------------------------------------------------------------- helpers
    def _prepare(self, x: np.ndarray, training: bool, mask, initial_state):
        """Checks x, builds time-major input, masks and dropout masks, initial states."""
        if not self.built:
            self.build((None, *x.shape[1:]), np.random.default_rng(0))
        if x.ndim != 3:
            raise ValueError(
                f"{type(self).__name__} expects (batch, timesteps, features), got shape {x.shape}"
            )
        n, t, f = x.shape
        kf = self.params["kernel"].shape[0]
        if f != kf:
            raise ValueError(f"{type(self).__name__} was built for {kf} features, got {f}")
        dtype = self.params["kernel"].dtype
        if mask is None:
            mask = self.input_mask
        if mask is not None:
            mask = np.asarray(mask, dtype=bool)
            if mask.shape != (n, t):
                raise ValueError(f"mask shape {mask.shape} does not match input {(n, t)}")
            if mask.all():
                mask = None
        rng = getattr(self, "rng", None) or np.random.default_rng(0)
        self.rng = rng
        in_mask = None
        if training and self.dropout > 0.0:
            keep = 1.0 - self.dropout
            in_mask = (rng.random((n, f)) < keep).astype(dtype) / dtype.type(keep)
        rec_mask = None
        if training and self.recurrent_dropout > 0.0:
            keep = 1.0 - self.recurrent_dropout
            rec_mask = (rng.random((n, self.units)) < keep).astype(dtype) / dtype.type(keep)
        # time-major input, one copy, with the per-sequence input-dropout mask applied
        xt = np.ascontiguousarray(x.transpose(1, 0, 2), dtype=dtype)
        if in_mask is not None:
            xt *= in_mask
        states = []
        if initial_state is not None:
            if not isinstance(initial_state, list | tuple):
                initial_state = [initial_state]
            if len(initial_state) != self.n_states:
                raise ValueError(
                    f"{type(self).__name__} takes {self.n_states} initial state array(s), "
                    f"got {len(initial_state)}"
                )
            for s in initial_state:
                s = np.asarray(s, dtype=dtype)
                if s.shape != (n, self.units):
                    raise ValueError(f"initial state must be {(n, self.units)}, got {s.shape}")
                states.append(s)
        else:
            states = [np.zeros((n, self.units), dtype) for _ in range(self.n_states)]
        order = range(t - 1, -1, -1) if self.go_backwards else range(t)
        mt = None
        if mask is not None:  # time-major float mask (T, N, 1)
            mt = np.ascontiguousarray(mask.T, dtype=dtype)[:, :, None]
        return xt, mt, in_mask, rec_mask, states, list(order)

    def _in_time_order(self, steps: np.ndarray, order, mt) -> np.ndarray | None:
        """The per-step outputs (computed in processing `order`) laid out in time order and
        zero at masked steps; None when only the last output is returned."""
        if not self.return_sequences:
            return None
        if not self.go_backwards and mt is None:
            return steps
        out = np.empty_like(steps)
        for s, ti in enumerate(order):
            if mt is None:
                out[ti] = steps[s]
            else:
                np.multiply(steps[s], mt[ti], out=out[ti])
        return out

    def _outputs(self, hs_out: np.ndarray | None, finals: list[np.ndarray]):
        self.output_mask = self._mask_bool if self.return_sequences else None
        y = (
            np.ascontiguousarray(hs_out.transpose(1, 0, 2))
            if self.return_sequences
            else finals[0].copy()
        )
        if self.return_state:
            return [y, *[s.copy() for s in finals]]
        return y

    def _split_dout(self, dout):
        if isinstance(dout, list | tuple):
            if len(dout) != 1 + self.n_states:
                raise ValueError(f"expected {1 + self.n_states} gradients, got {len(dout)}")
            return dout[0], list(dout[1:])
        return dout, [None] * self.n_states


class SimpleRNN(_Recurrent):
    """Fully-connected recurrent layer, h_t = tanh(x_t W + h_{t-1} U + b)."""

    n_gates = 1
    n_states = 1

    def forward(self, x, training=False, mask=None, initial_state=None):
        xt, mt, in_mask, rec_mask, states, order = self._prepare(x, training, mask, initial_state)
        self._mask_bool = None if mt is None else mt[:, :, 0].T.astype(bool)
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
        self._cache = dict(
            xt=xt, mt=mt, in_mask=in_mask, rec_mask=rec_mask, hs=hs, hin=hin, hn=hn, order=order
        )
        return self._outputs(self._in_time_order(hn, order, mt), [hs[t]])

    def backward(self, dout):
        c = self._cache
        dy, dstates = self._split_dout(dout)
        xt, mt, hin, hn, order = c["xt"], c["mt"], c["hin"], c["hn"], c["order"]
        rec_mask = c["rec_mask"]
        t, n, _ = xt.shape
        r = self.params["recurrent_kernel"]
        dyt = None if dy is None or not self.return_sequences else dy.transpose(1, 0, 2)
        dh = (
            np.zeros((n, self.units), xt.dtype)
            if dstates[0] is None
            else dstates[0].astype(xt.dtype)
        )
        if dy is not None and not self.return_sequences:
            dh = dh + dy
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
        _accumulate(self, dz, hin, order)
        return _input_grad(self, dz, order)


class LSTM(_Recurrent):
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
        xt, mt, in_mask, rec_mask, states, order = self._prepare(x, training, mask, initial_state)
        self._mask_bool = None if mt is None else mt[:, :, 0].T.astype(bool)
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
        self._cache = dict(
            xt=xt,
            mt=mt,
            in_mask=in_mask,
            rec_mask=rec_mask,
            hs=hs,
            cs=cs,
            gates=gates,
            tc=tc,
            hin=hin,
            order=order,
        )
        return self._outputs(self._in_time_order(hnew, order, mt), [hs[t], cs[t]])

    def backward(self, dout):
        c = self._cache
        dy, dstates = self._split_dout(dout)
        xt, mt, order = c["xt"], c["mt"], c["order"]
        cs, gates, tc, rec_mask = c["cs"], c["gates"], c["tc"], c["rec_mask"]
        t, n, _ = xt.shape
        u = self.units
        dt = xt.dtype
        rT = np.ascontiguousarray(self.params["recurrent_kernel"].T)
        dyt = None
        if dy is not None and self.return_sequences:
            dyt = dy.transpose(1, 0, 2)
        dh = np.zeros((n, u), dt) if dstates[0] is None else np.array(dstates[0], dtype=dt)
        dc = np.zeros((n, u), dt) if dstates[1] is None else np.array(dstates[1], dtype=dt)
        if dy is not None and not self.return_sequences:
            dh += dy
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
        _accumulate(self, dz, c["hin"], order)
        return _input_grad(self, dz, order)


class GRU(_Recurrent):
    """Gated recurrent unit, reset_after=True variant (ONNX linear_before_reset=1)."""

    n_gates = 3
    n_states = 1

    def _init_bias(self) -> np.ndarray:
        return np.zeros((2, 3 * self.units))

    def forward(self, x, training=False, mask=None, initial_state=None):
        xt, mt, in_mask, rec_mask, states, order = self._prepare(x, training, mask, initial_state)
        self._mask_bool = None if mt is None else mt[:, :, 0].T.astype(bool)
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
            _sigmoid_(z2)
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
        self._cache = dict(
            xt=xt,
            mt=mt,
            in_mask=in_mask,
            rec_mask=rec_mask,
            hs=hs,
            zr=zr,
            hh=hh,
            nn=nn,
            hin=hin,
            order=order,
        )
        return self._outputs(self._in_time_order(hnew, order, mt), [hs[t]])

    def backward(self, dout):
        c = self._cache
        dy, dstates = self._split_dout(dout)
        xt, mt, order = c["xt"], c["mt"], c["order"]
        hs, zr, hh, nn, rec_mask = c["hs"], c["zr"], c["hh"], c["nn"], c["rec_mask"]
        t, n, _ = xt.shape
        u = self.units
        dt = xt.dtype
        rT = np.ascontiguousarray(self.params["recurrent_kernel"].T)
        dyt = None
        if dy is not None and self.return_sequences:
            dyt = dy.transpose(1, 0, 2)
        dh = np.zeros((n, u), dt) if dstates[0] is None else np.array(dstates[0], dtype=dt)
        if dy is not None and not self.return_sequences:
            dh += dy
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
        self.grads["recurrent_kernel"][...] = c["hin"].reshape(t * n, u).T @ dr2
        self.grads["bias"][0] = dx2.sum(axis=0)
        self.grads["bias"][1] = dr2.sum(axis=0)
        return _input_grad(self, dx_g, order)


def _accumulate(layer: _Recurrent, dz: np.ndarray, hin: np.ndarray, order: list[int]) -> None:
    """Weight gradients from the per-step pre-activation gradients, one matmul over all steps."""
    xt = layer._cache["xt"]
    t, n, f = xt.shape
    g = dz.shape[-1]
    x_ord = xt[order] if layer.go_backwards else xt
    dz2 = dz.reshape(t * n, g)
    layer.grads["kernel"][...] = x_ord.reshape(t * n, f).T @ dz2
    layer.grads["recurrent_kernel"][...] = hin.reshape(t * n, -1).T @ dz2
    layer.grads["bias"][...] = dz2.sum(axis=0)


def _input_grad(layer: _Recurrent, dz: np.ndarray, order: list[int]) -> np.ndarray | None:
    """dL/dx from the pre-activation gradients, back in (batch, timesteps, features) order."""
    if not layer.needs_input_grad:
        return None
    t, n, g = dz.shape
    dxt = (dz.reshape(t * n, g) @ layer.params["kernel"].T).reshape(t, n, -1)
    if layer.go_backwards:
        dxt = dxt[::-1]
    in_mask = layer._cache["in_mask"]
    if in_mask is not None:
        dxt *= in_mask
    return np.ascontiguousarray(dxt.transpose(1, 0, 2))


class Bidirectional(Layer):
    """Runs `layer` forwards and a clone of it backwards; merges with concat or sum."""

    def __init__(self, layer: _Recurrent, merge_mode: str = "concat", name: str | None = None):
        super().__init__(name)
        if not isinstance(layer, _Recurrent):
            raise TypeError(
                f"Bidirectional wraps SimpleRNN, LSTM or GRU, got {type(layer).__name__}"
            )
        if merge_mode not in ("concat", "sum"):
            raise ValueError(f"merge_mode must be 'concat' or 'sum', got {merge_mode!r}")
        if layer.return_state:
            raise ValueError("Bidirectional does not support return_state=True")
        if layer.built:
            raise ValueError("wrap a layer that has not been built yet")
        self.merge_mode = merge_mode
        self.forward_layer = layer
        self.backward_layer = copy.deepcopy(layer)
        self.forward_layer.go_backwards = False
        self.backward_layer.go_backwards = True
        self.forward_layer.name = "forward_" + layer.name
        self.backward_layer.name = "backward_" + layer.name
        self.return_sequences = layer.return_sequences
        self.units = layer.units
        self.input_mask: np.ndarray | None = None
        self.output_mask: np.ndarray | None = None

    def build(self, input_shape: Shape, rng: np.random.Generator) -> None:
        self.forward_layer.dtype = self.backward_layer.dtype = self.dtype
        self.forward_layer.build(input_shape, rng)
        self.backward_layer.build(input_shape, rng)
        self.forward_layer.rng = rng
        self.backward_layer.rng = rng
        for prefix, sub in (("forward_", self.forward_layer), ("backward_", self.backward_layer)):
            for key in sub.params:
                self.params[prefix + key] = sub.params[key]
                self.grads[prefix + key] = sub.grads[key]
        super().build(input_shape, rng)

    def _sync(self) -> None:
        """Point the two sub-layers at our arrays (in case a loader replaced them)."""
        for prefix, sub in (("forward_", self.forward_layer), ("backward_", self.backward_layer)):
            for key in list(sub.params):
                sub.params[key] = self.params[prefix + key]
                sub.grads[key] = self.grads[prefix + key]

    def output_shape(self, input_shape: Shape) -> Shape:
        out = self.forward_layer.output_shape(input_shape)
        if self.merge_mode == "concat":
            return (*out[:-1], 2 * self.units)
        return out

    def get_config(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "merge_mode": self.merge_mode,
            "layer": {
                "class_name": type(self.forward_layer).__name__,
                "config": {
                    **self.forward_layer.get_config(),
                    "name": self.forward_layer.name[len("forward_") :],
                    "go_backwards": False,
                },
            },
        }

    def __call__(self, x, training=False, mask=None):  # type: ignore[override]
        return self.forward(x, training=training, mask=mask)

    def forward(self, x, training=False, mask=None):
        if not self.built:
            self.build((None, *x.shape[1:]), np.random.default_rng(0))
        self._sync()
        if mask is None:
            mask = self.input_mask
        self.forward_layer.input_mask = None
        self.backward_layer.input_mask = None
        yf = self.forward_layer.forward(x, training=training, mask=mask)
        yb = self.backward_layer.forward(x, training=training, mask=mask)
        self.output_mask = self.forward_layer.output_mask
        if self.merge_mode == "concat":
            return np.concatenate([yf, yb], axis=-1)
        return yf + yb

    def backward(self, dout):
        self._sync()
        self.forward_layer.needs_input_grad = self.needs_input_grad
        self.backward_layer.needs_input_grad = self.needs_input_grad
        u = self.units
        if self.merge_mode == "concat":
            dxf = self.forward_layer.backward(dout[..., :u])
            dxb = self.backward_layer.backward(dout[..., u:])
        else:
            dxf = self.forward_layer.backward(dout)
            dxb = self.backward_layer.backward(dout)
        if dxf is None:
            return None
        dxf += dxb
        return dxf


class TimeDistributed(Layer):
    """Applies a 2D layer (e.g. Dense) to every step: (N, T, F) -> (N, T, units).

    The wrapped layer sees (N·T, F); its params keep their own names (`kernel`, `bias`).
    A mask passes through unchanged (``output_mask = input mask``).
    """

    def __init__(self, layer: Layer, name: str | None = None) -> None:
        super().__init__(name)
        if not isinstance(layer, Layer):
            raise TypeError(f"TimeDistributed wraps a Layer, got {type(layer).__name__}")
        self.layer = layer
        self.input_mask: np.ndarray | None = None
        self.output_mask: np.ndarray | None = None

    def build(self, input_shape: Shape, rng: np.random.Generator) -> None:
        if len(input_shape) != 3:
            raise ValueError(
                f"TimeDistributed expects (batch, timesteps, features), got {input_shape}"
            )
        self.layer.dtype = self.dtype
        self.layer.build((None, input_shape[-1]), rng)
        self.params = self.layer.params
        self.grads = self.layer.grads
        super().build(input_shape, rng)

    def astype(self, dtype: Any) -> Layer:
        self.dtype = np.dtype(dtype).type
        self.layer.astype(dtype)
        self.params = self.layer.params
        self.grads = self.layer.grads
        return self

    def output_shape(self, input_shape: Shape) -> Shape:
        inner = self.layer.output_shape((None, input_shape[-1]))
        return (input_shape[0], input_shape[1], *inner[1:])

    def regularization_keys(self) -> tuple[str, ...]:
        return self.layer.regularization_keys()

    def get_config(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "layer": {"class_name": type(self.layer).__name__, "config": self.layer.get_config()},
        }

    def forward(self, x, training=False, mask=None):
        if not self.built:
            self.build((None, *x.shape[1:]), np.random.default_rng(0))
        self.layer.params, self.layer.grads = self.params, self.grads
        n, t = x.shape[:2]
        y = self.layer.forward(x.reshape(n * t, -1), training=training)
        self.output_mask = self.input_mask if mask is None else mask
        self._nt = (n, t)
        return y.reshape(n, t, *y.shape[1:])

    def backward(self, dout):
        n, t = self._nt
        self.layer.needs_input_grad = self.needs_input_grad
        dx = self.layer.backward(dout.reshape(n * t, *dout.shape[2:]))
        return None if dx is None else dx.reshape(n, t, -1)
