"""Recurrent layers on (batch, timesteps, features): the machinery SimpleRNN (simple_rnn.py),
LSTM (lstm.py) and GRU (gru.py) share; Bidirectional is in wrappers.py.

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
before calling its `forward`. Every layer here also takes ``forward(x, training, mask=...)``
directly.
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

from typing import Any, NamedTuple

import numpy as np

from .. import initializers
from .base import Layer, Shape, check_positive_int


class StepInputs(NamedTuple):
    """What every cell's forward prepares and its backward reads again."""

    xt: np.ndarray  # time-major input (T, N, F), input dropout applied
    mt: np.ndarray | None  # time-major float mask (T, N, 1), None when every step is real
    in_mask: np.ndarray | None  # input-dropout mask (N, F)
    rec_mask: np.ndarray | None  # recurrent-dropout mask (N, U)
    order: list[int]  # time steps in processing order


def _check_rate(name: str, value: float) -> float:
    if not isinstance(value, int | float) or not 0.0 <= float(value) < 1.0:
        raise ValueError(f"{name} must be a number in [0, 1), got {value!r}")
    return float(value)


class Recurrent(Layer):
    """Shared machinery: argument checks, masks, dropout masks, state handling.

    Subclasses set `n_gates` / `n_states` and define forward/backward; `forward` keeps
    what `backward` needs in `self._cache`, one NamedTuple per cell type."""

    output_mask = None  # the incoming mask while sequences are returned, else None

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
        kernel_initializer="glorot_uniform",
        recurrent_initializer="orthogonal",
        name: str | None = None,
    ) -> None:
        super().__init__(name)
        self.units = check_positive_int("units", units, type(self).__name__)
        self.return_sequences = bool(return_sequences)
        self.return_state = bool(return_state)
        self.go_backwards = bool(go_backwards)
        self.dropout = _check_rate("dropout", dropout)
        self.recurrent_dropout = _check_rate("recurrent_dropout", recurrent_dropout)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.initial_state_grads: list[np.ndarray] | None = None

    # ----------------------------------------------------------------- building
    def build(self, input_shape: Shape, rng: np.random.Generator) -> None:
        if len(input_shape) != 3:
            raise ValueError(
                f"{type(self).__name__} expects (batch, timesteps, features), got {input_shape}"
            )
        f = input_shape[-1]
        if f is None:
            raise ValueError(f"{type(self).__name__}: the feature axis must be known")
        u, g = self.units, self.n_gates
        self.add_weight("kernel", self.kernel_initializer((int(f), g * u), rng, int(f), g * u))
        self.add_weight("recurrent_kernel", self.recurrent_initializer((u, g * u), rng, u, g * u))
        self.add_weight("bias", self._init_bias())
        super().build(input_shape, rng)

    def _init_bias(self) -> np.ndarray:
        return np.zeros(self.n_gates * self.units)

    def output_shape(self, input_shape: Shape) -> Shape:
        n, t = input_shape[0], input_shape[1]
        return (n, t, self.units) if self.return_sequences else (n, self.units)

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "units": self.units,
            "return_sequences": self.return_sequences,
            "return_state": self.return_state,
            "go_backwards": self.go_backwards,
            "dropout": self.dropout,
            "recurrent_dropout": self.recurrent_dropout,
            "kernel_initializer": initializers.name_of(self.kernel_initializer),
            "recurrent_initializer": initializers.name_of(self.recurrent_initializer),
        }

    # ----------------------------------------------------------------- helpers
    def _prepare(self, x: np.ndarray, training: bool, mask, initial_state):
        """Checks x; the time-major input with its masks, and the initial states."""
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
        rng = self.rng
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
        self._mask_bool = None if mt is None else mt[:, :, 0].T.astype(bool)
        return StepInputs(xt, mt, in_mask, rec_mask, list(order)), states

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

    def _output_grads(self, dout, xt: np.ndarray):
        """Where every cell's backward starts: the output gradient in time-major order (None
        unless the layer returns sequences) and one gradient per state, zeros where none
        came; when only the last output was returned, its gradient joins the last state's."""
        if isinstance(dout, list | tuple):
            if len(dout) != 1 + self.n_states:
                raise ValueError(f"expected {1 + self.n_states} gradients, got {len(dout)}")
            dy, dstates = dout[0], list(dout[1:])
        else:
            dy, dstates = dout, [None] * self.n_states
        n, dt = xt.shape[1], xt.dtype
        states = [
            np.zeros((n, self.units), dt) if d is None else np.array(d, dtype=dt) for d in dstates
        ]
        if dy is not None and self.return_sequences:
            return dy.transpose(1, 0, 2), states
        if dy is not None:
            states[0] += dy
        return None, states


def accumulate(layer: Recurrent, dz: np.ndarray, hin: np.ndarray, inputs: StepInputs) -> None:
    """Weight gradients from the per-step pre-activation gradients, one matmul over all steps."""
    xt = inputs.xt
    t, n, f = xt.shape
    g = dz.shape[-1]
    x_ord = xt[inputs.order] if layer.go_backwards else xt
    dz2 = dz.reshape(t * n, g)
    layer.grads["kernel"][...] = x_ord.reshape(t * n, f).T @ dz2
    layer.grads["recurrent_kernel"][...] = hin.reshape(t * n, -1).T @ dz2
    layer.grads["bias"][...] = dz2.sum(axis=0)


def input_grad(layer: Recurrent, dz: np.ndarray, inputs: StepInputs) -> np.ndarray | None:
    """dL/dx from the pre-activation gradients, back in (batch, timesteps, features) order."""
    if not layer.needs_input_grad:
        return None
    t, n, g = dz.shape
    dxt = (dz.reshape(t * n, g) @ layer.params["kernel"].T).reshape(t, n, -1)
    if layer.go_backwards:
        dxt = dxt[::-1]
    in_mask = inputs.in_mask
    if in_mask is not None:
        dxt *= in_mask
    return np.ascontiguousarray(dxt.transpose(1, 0, 2))
