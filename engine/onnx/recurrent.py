"""Codecs for SimpleRNN, LSTM, GRU and Bidirectional: ONNX's RNN / LSTM / GRU ops.

The engine's weight and gate layouts are documented in engine/layers/recurrent.py. ONNX
stacks one (W, R, B) set per direction on axis 0 and wants, per direction,
W = kernel[:, cols].T (G·U, F), R = recurrent_kernel[:, cols].T (G·U, U) and
B = concat(input bias, recurrent bias)[cols] (2·G·U): `cols` puts the engine's gate blocks
in ONNX's order (LSTM i, f, c, o → i, o, f, c) and `np.argsort(cols)` takes them back.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dltutor.engine.layers import GRU, LSTM, Bidirectional, SimpleRNN
from dltutor.engine.layers.recurrent import Recurrent

from .codecs import Codec, Export, Import
from .graph import ExportError, Tensor

#: Per cell: the ONNX op, and the engine's gate blocks in the order ONNX wants them.
OPS: dict[type[Recurrent], tuple[str, tuple[int, ...]]] = {
    SimpleRNN: ("RNN", (0,)),
    LSTM: ("LSTM", (0, 3, 1, 2)),
    GRU: ("GRU", (0, 1, 2)),
}


def gate_columns(cell: Recurrent) -> np.ndarray:
    """Kernel columns in ONNX's gate order."""
    u = cell.units
    return np.concatenate([np.arange(b * u, (b + 1) * u) for b in OPS[type(cell)][1]])


def to_onnx(cell: Recurrent, kernel, rkernel, bias) -> tuple[np.ndarray, ...]:
    """One direction's W, R, B. GRU keeps both biases (its (2, 3U) bias); the others have
    only the input bias and a zero recurrent bias."""
    cols = gate_columns(cell)
    bias = np.asarray(bias, np.float32).reshape(-1, len(cols))[:, cols]
    if len(bias) == 1:
        bias = np.concatenate([bias, np.zeros_like(bias)])
    return (
        np.asarray(kernel, np.float32)[:, cols].T,
        np.asarray(rkernel, np.float32)[:, cols].T,
        bias.reshape(-1),
    )


def from_onnx(cell: Recurrent, w, r, b) -> tuple[np.ndarray, ...]:
    """`to_onnx` undone: kernel, recurrent_kernel, bias (in the engine's shapes)."""
    back = np.argsort(gate_columns(cell))
    wb, rb = b.reshape(2, -1)[:, back]
    bias = np.stack([wb, rb]) if cell.params["bias"].ndim == 2 else wb + rb
    return w.T[:, back], r.T[:, back], bias


def _check(cell: Recurrent) -> None:
    if cell.go_backwards:
        raise ExportError(f"{cell.name}: go_backwards=True is not supported by the exporter")


def _emit(
    ex: Export,
    layer: Any,
    t: Tensor,
    cells: list[Recurrent],
    prefixes: tuple[str, ...],
    merge: str = "concat",
) -> Tensor:
    """The op for one cell per direction; `prefixes` name each direction's params and
    `merge` how two directions combine."""
    g, base, cell = ex.g, layer.name, cells[0]
    op = OPS[type(cell)][0]
    ws, rs, bs = zip(
        *(
            to_onnx(c, *(layer.params[f"{pre}{k}"] for k in ("kernel", "recurrent_kernel", "bias")))
            for c, pre in zip(cells, prefixes, strict=True)
        ),
        strict=True,
    )
    x_tm = g.node("Transpose", [t.name], f"{base}_time_major", perm=[1, 0, 2])
    inputs = [
        x_tm,
        g.const(f"{base}.W", np.stack(ws)),
        g.const(f"{base}.R", np.stack(rs)),
        g.const(f"{base}.B", np.stack(bs)),
        t.seq_lens or "",
    ]
    n_dir, units = len(cells), cell.units
    attrs: dict[str, Any] = {
        "hidden_size": units,
        "direction": "forward" if n_dir == 1 else "bidirectional",
    }
    if op == "GRU":
        attrs["linear_before_reset"] = 1
    if op == "RNN":
        attrs["activations"] = ["Tanh"] * n_dir
    states = ("h", "c") if op == "LSTM" else ("h",)
    if ex.stateful:  # initial_h (, initial_c) in, final states out
        for s in states:
            name = g.unique(f"{base}_{s}0")
            ex.state_io.append((name, f"{base}_{s}", (n_dir, "batch", units)))
            inputs.append(name)
    y, *finals = g.node(op, inputs, base, n_out=1 + len(states), **attrs)
    if ex.stateful:
        for (_, out, _), src in zip(ex.state_io[-len(states) :], finals, strict=True):
            g.rename(src, out)
    if cell.return_sequences:  # Y (T, dirs, N, U) → (N, T, dirs, U)
        y = g.node("Transpose", [y], f"{base}_batch_major", perm=[2, 0, 1, 3])
        if n_dir == 1:
            y = g.node("Squeeze", [y, g.axes(2)], f"{base}_seq")
        else:
            y = _merge(g, y, merge, base, axis=2)
        return Tensor(y, 3, t.seq_lens)
    if n_dir == 1:  # Y_h (dirs, N, U)
        return Tensor(g.node("Squeeze", [finals[0], g.axes(0)], f"{base}_last"), 2)
    last = g.node("Transpose", [finals[0]], f"{base}_last_bm", perm=[1, 0, 2])
    return Tensor(_merge(g, last, merge, base, axis=1), 2)


def _merge(g, y: str, merge: str, base: str, axis: int) -> str:
    """Bidirectional's two directions (on `axis`) merged as the engine does."""
    if merge == "concat":  # forward units first
        shape = np.array([0] * axis + [-1], np.int64)
        return g.node("Reshape", [y, g.const("shape", shape)], f"{base}_merge")
    return g.node("ReduceSum", [y, g.axes(axis)], f"{base}_merge", keepdims=0)


def _load(im: Import, layer: Any, cells: list[Recurrent], prefixes: tuple[str, ...]) -> None:
    w, r, b = (im.get(layer, k) for k in ("W", "R", "B"))
    for d, (cell, pre) in enumerate(zip(cells, prefixes, strict=True)):
        kernel, rkernel, bias = from_onnx(cell, w[d], r[d], b[d])
        layer.params[f"{pre}kernel"][...] = kernel
        layer.params[f"{pre}recurrent_kernel"][...] = rkernel
        layer.params[f"{pre}bias"][...] = bias


class RecurrentCodec(Codec):
    layers = tuple(OPS)

    def emit(self, ex, layer, t, shape):
        _check(layer)
        return _emit(ex, layer, t, [layer], ("",))

    def load_weights(self, im, layer, shape):
        _load(im, layer, [layer], ("",))


class BidirectionalCodec(Codec):
    """ONNX's direction="bidirectional": [forward, backward] on axis 0 of W, R, B."""

    layers = (Bidirectional,)
    prefixes = ("forward_", "backward_")

    def emit(self, ex, layer, t, shape):
        _check(layer.forward_layer)
        cells = [layer.forward_layer, layer.backward_layer]
        return _emit(ex, layer, t, cells, self.prefixes, layer.merge_mode)

    def load_weights(self, im, layer, shape):
        _load(im, layer, [layer.forward_layer, layer.backward_layer], self.prefixes)
