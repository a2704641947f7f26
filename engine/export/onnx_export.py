"""Engine `Sequential` → ONNX graph (opset 17), built node by node with `onnx.helper`.

Mapping (engine layer → ONNX ops):

| engine                          | ONNX                                                        |
|---------------------------------|-------------------------------------------------------------|
| Conv2D (+activation)            | Conv (W as (out, in, kh, kw)), then the activation          |
| MaxPooling2D / AveragePooling2D | MaxPool / AveragePool                                       |
| GlobalAveragePooling2D / 1D     | GlobalAveragePool + Flatten / ReduceMean over time (masked) |
| BatchNormalization              | BatchNormalization (ONNX Runtime fuses it into the Conv)    |
| Flatten after an image          | folded into the next Dense's rows (engine flattens H, W, C) |
| Dense (+activation)             | Gemm (2-D) or MatMul + Add (sequences)                      |
| ReLU / LeakyReLU / Sigmoid / Tanh / Softmax | Relu / LeakyRelu / Sigmoid / Tanh / Softmax     |
| Dropout, Identity               | nothing (identity at inference)                             |
| Embedding                       | Gather (+ sequence lengths from the padding mask)           |
| SimpleRNN / LSTM / GRU          | RNN / LSTM (gates i, o, f, c) / GRU (z, r, h, linear_before_reset=1) |
| Bidirectional(...)              | the same op with direction="bidirectional"                  |

The public image layout of the engine is (N, C, H, W), which is ONNX's, so the graph input
takes exactly what `model.predict` takes. Only `onnx` is imported, inside the functions.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

OPSET = 17


class ExportError(ValueError):
    """A model (or layer) the exporter cannot translate, with the reason."""


@dataclass
class _Tensor:
    name: str
    rank: int  # including the batch axis
    seq_lens: str | None = None  # int32 (batch,) tensor of real steps, when masked


@dataclass
class _Graph:
    nodes: list = field(default_factory=list)
    inits: list = field(default_factory=list)
    inputs: list = field(default_factory=list)
    outputs: list = field(default_factory=list)
    used: set = field(default_factory=set)
    small: dict = field(default_factory=dict)

    def unique(self, base: str, sep_ok: bool = False) -> str:
        base = base.replace(" ", "_") if sep_ok else base.replace("/", "_").replace(" ", "_")
        base = base or "t"
        name, i = base, 1
        while name in self.used:
            i += 1
            name = f"{base}_{i}"
        self.used.add(name)
        return name

    def const(self, base: str, value: np.ndarray) -> str:
        from onnx import numpy_helper

        value = np.asarray(value)
        key = (base, value.dtype.str, value.shape, value.tobytes()) if value.size <= 16 else None
        if key is not None and key in self.small:
            return self.small[key]
        name = self.unique(base)
        if key is not None:
            self.small[key] = name
        self.inits.append(numpy_helper.from_array(np.array(value, order="C"), name))
        return name

    def node(self, op: str, inputs: Iterable[str], base: str, n_out: int = 1, **attrs) -> Any:
        from onnx import helper

        outs = [self.unique(f"{base}" if n_out == 1 else f"{base}_{k}") for k in range(n_out)]
        self.nodes.append(
            helper.make_node(
                op, list(inputs), outs, name=self.unique(f"{base}/{op}", sep_ok=True), **attrs
            )
        )
        return outs[0] if n_out == 1 else outs


def _kind(layer: Any) -> str:
    return type(layer).__name__


def _activation_kind(act: Any) -> str | None:
    if act is None:
        return None
    if isinstance(act, str):
        return act
    return _kind(act)


def _emit_activation(g: _Graph, x: str, act: Any, base: str) -> str:
    kind = _activation_kind(act)
    if kind is None or kind in ("linear", "Identity", "identity"):
        return x
    table = {
        "relu": "Relu",
        "ReLU": "Relu",
        "sigmoid": "Sigmoid",
        "Sigmoid": "Sigmoid",
        "tanh": "Tanh",
        "Tanh": "Tanh",
    }
    if kind in table:
        return g.node(table[kind], [x], f"{base}_{table[kind].lower()}")
    if kind in ("softmax", "Softmax"):
        return g.node("Softmax", [x], f"{base}_softmax", axis=-1)
    if kind in ("leaky_relu", "LeakyReLU"):
        alpha = float(getattr(act, "alpha", 0.01))
        return g.node("LeakyRelu", [x], f"{base}_leakyrelu", alpha=alpha)
    raise ExportError(f"activation {kind!r} has no ONNX mapping")


def _pads(layer: Any, kernel: tuple[int, int], shape: tuple | None = None) -> list[int]:
    """ONNX pads [top, left, bottom, right] for the engine layer's padding."""
    if shape is not None and hasattr(layer, "_pads") and len(shape) == 4 and shape[2]:
        top, bottom, left, right = layer._pads(int(shape[2]), int(shape[3]))
        return [int(top), int(left), int(bottom), int(right)]
    pad = getattr(layer, "padding", 0)
    if isinstance(pad, str):
        if pad == "valid":
            return [0, 0, 0, 0]
        if pad == "same":
            strides = _pair(getattr(layer, "strides", getattr(layer, "stride", 1)))
            if strides != (1, 1):
                explicit = getattr(layer, "pads", None)
                if explicit is not None:
                    return list(explicit)
                raise ExportError(f"{layer.name}: padding='same' with strides {strides}")
            kh, kw = kernel
            top, left = (kh - 1) // 2, (kw - 1) // 2
            return [top, left, kh - 1 - top, kw - 1 - left]
        raise ExportError(f"{layer.name}: unknown padding {pad!r}")
    ph, pw = _pair(pad)
    return [ph, pw, ph, pw]


def _pair(v: Any) -> tuple[int, int]:
    if isinstance(v, int | np.integer):
        return int(v), int(v)
    a, b = v
    return int(a), int(b)


def _conv_weight(layer: Any) -> np.ndarray:
    """Conv kernel as ONNX wants it: (out, in, kh, kw)."""
    k = np.asarray(layer.params["kernel"], dtype=np.float32)
    filters = int(layer.filters)
    kh, kw = _pair(layer.kernel_size)
    if k.ndim != 4:
        raise ExportError(f"{layer.name}: kernel of shape {k.shape} is not 4-D")
    if k.shape[:2] == (kh, kw) and k.shape[3] == filters:
        return k.transpose(3, 2, 0, 1)  # the engine's (Keras) layout (kh, kw, in, out)
    if k.shape[0] == filters and k.shape[2:] == (kh, kw):
        return k  # already (out, in, kh, kw)
    raise ExportError(f"{layer.name}: cannot tell the layout of a kernel of shape {k.shape}")


class _Exporter:
    def __init__(self, model: Any, stateful: bool, half_embeddings: bool = False) -> None:
        self.model = model
        self.half_embeddings = half_embeddings
        self.layers = list(getattr(model, "layers", []))
        self.stateful = stateful
        self.g = _Graph()
        self.state_io: list[tuple[str, str, str, tuple]] = []  # (in, out, kind, shape)
        self.pending_flatten: tuple[int, int, int] | None = None  # (C, H, W) folded

    # --- layers -----------------------------------------------------------------------
    def layer(self, layer: Any, t: _Tensor, shape: tuple) -> _Tensor:
        kind = _kind(layer)
        handler = getattr(self, f"_{kind}", None)
        if handler is None:
            raise ExportError(f"layer {layer.name!r} ({kind}) has no ONNX mapping yet")
        return handler(layer, t, shape)

    def _Dropout(self, layer, t, shape):
        return t

    _Identity = _Dropout

    def _ReLU(self, layer, t, shape):
        return _Tensor(_emit_activation(self.g, t.name, "relu", layer.name), t.rank, t.seq_lens)

    def _Sigmoid(self, layer, t, shape):
        return _Tensor(_emit_activation(self.g, t.name, "sigmoid", layer.name), t.rank, t.seq_lens)

    def _Tanh(self, layer, t, shape):
        return _Tensor(_emit_activation(self.g, t.name, "tanh", layer.name), t.rank, t.seq_lens)

    def _LeakyReLU(self, layer, t, shape):
        return _Tensor(_emit_activation(self.g, t.name, layer, layer.name), t.rank, t.seq_lens)

    def _Softmax(self, layer, t, shape):
        return _Tensor(_emit_activation(self.g, t.name, "softmax", layer.name), t.rank, t.seq_lens)

    def _Conv2D(self, layer, t, shape):
        g = self.g
        w = _conv_weight(layer)
        kh, kw = w.shape[2:]
        strides = _pair(getattr(layer, "strides", getattr(layer, "stride", 1)))
        inputs = [t.name, g.const(f"{layer.name}.kernel", w)]
        if getattr(layer, "use_bias", True) and "bias" in layer.params:
            inputs.append(g.const(f"{layer.name}.bias", layer.params["bias"].astype(np.float32)))
        y = g.node(
            "Conv",
            inputs,
            layer.name,
            kernel_shape=[int(kh), int(kw)],
            strides=list(strides),
            pads=_pads(layer, (kh, kw), shape),
        )
        y = _emit_activation(g, y, getattr(layer, "activation", None), layer.name)
        return _Tensor(y, 4)

    def _pool(self, op, layer, t):
        size = _pair(getattr(layer, "pool_size", 2))
        strides = getattr(layer, "strides", None) or getattr(layer, "stride", None) or size
        attrs = {"kernel_shape": list(size), "strides": list(_pair(strides))}
        pads = _pads(layer, size)
        if any(pads):
            attrs["pads"] = pads
            if op == "AveragePool":
                attrs["count_include_pad"] = 0
        return _Tensor(self.g.node(op, [t.name], layer.name, **attrs), 4)

    def _MaxPooling2D(self, layer, t, shape):
        return self._pool("MaxPool", layer, t)

    def _AveragePooling2D(self, layer, t, shape):
        return self._pool("AveragePool", layer, t)

    def _GlobalAveragePooling2D(self, layer, t, shape):
        y = self.g.node("GlobalAveragePool", [t.name], layer.name)
        return _Tensor(self.g.node("Flatten", [y], f"{layer.name}_flat", axis=1), 2)

    def _GlobalAveragePooling1D(self, layer, t, shape):
        g = self.g
        if t.seq_lens is None:
            return _Tensor(g.node("ReduceMean", [t.name], layer.name, axes=[1], keepdims=0), 2)
        mask3 = self._time_mask(t, layer.name)
        mask3 = g.node("Cast", [mask3], f"{layer.name}_maskf", to=1)
        lens64 = g.node("Cast", [t.seq_lens], f"{layer.name}_lens_f", to=1)
        lens_col = g.node(
            "Unsqueeze",
            [lens64, g.const("axes_1", np.array([1], np.int64))],
            f"{layer.name}_lens_col",
        )
        summed = g.node(
            "ReduceSum",
            [
                g.node("Mul", [t.name, mask3], f"{layer.name}_masked"),
                g.const("axes_1b", np.array([1], np.int64)),
            ],
            f"{layer.name}_sum",
            keepdims=0,
        )
        count = g.node(
            "Max", [lens_col, g.const("one_f", np.array(1.0, np.float32))], f"{layer.name}_cnt"
        )
        return _Tensor(g.node("Div", [summed, count], layer.name), 2)

    def _time_mask(self, t: _Tensor, base: str) -> str:
        """bool (N, T, 1): True at the real steps of a masked sequence."""
        g = self.g
        steps = g.node("Shape", [t.name], f"{base}_shape", start=1, end=2)
        rng = g.node(
            "Range",
            [
                g.const("zero_i64", np.array(0, np.int64)),
                g.node("Squeeze", [steps, g.const("axes_0", np.array([0], np.int64))], f"{base}_T"),
                g.const("one_i64", np.array(1, np.int64)),
            ],
            f"{base}_range",
        )
        lens64 = g.node("Cast", [t.seq_lens], f"{base}_lens64", to=7)
        lens_col = g.node(
            "Unsqueeze", [lens64, g.const("axes_1", np.array([1], np.int64))], f"{base}_lens_col"
        )
        mask = g.node("Less", [rng, lens_col], f"{base}_mask")  # (N, T)
        return g.node(
            "Unsqueeze", [mask, g.const("axes_2", np.array([2], np.int64))], f"{base}_mask3"
        )

    def _GlobalMaxPooling1D(self, layer, t, shape):
        g = self.g
        x = t.name
        if t.seq_lens is not None:
            mask = self._time_mask(t, layer.name)
            x = g.node(
                "Where",
                [mask, x, g.const("neg_big", np.array(-3.0e38, np.float32))],
                f"{layer.name}_masked",
            )
        return _Tensor(g.node("ReduceMax", [x], layer.name, axes=[1], keepdims=0), 2)

    def _Conv1D(self, layer, t, shape):
        g = self.g
        if layer.strides != 1 and layer.padding == "same":
            raise ExportError(f"{layer.name}: Conv1D padding='same' with strides > 1")
        k = int(layer.kernel_size)
        lo, hi = {
            "valid": (0, 0),
            "causal": (k - 1, 0),
            "same": ((k - 1) // 2, k - 1 - (k - 1) // 2),
        }[layer.padding]
        x = g.node("Transpose", [t.name], f"{layer.name}_nct", perm=[0, 2, 1])
        inputs = [
            x,
            g.const(
                f"{layer.name}.kernel",
                np.asarray(layer.params["kernel"], np.float32).transpose(2, 1, 0),
            ),
        ]
        if layer.use_bias:
            inputs.append(
                g.const(f"{layer.name}.bias", np.asarray(layer.params["bias"], np.float32))
            )
        y = g.node(
            "Conv",
            inputs,
            f"{layer.name}_conv",
            kernel_shape=[k],
            strides=[int(layer.strides)],
            pads=[lo, hi],
        )
        y = g.node("Transpose", [y], layer.name, perm=[0, 2, 1])
        return _Tensor(_emit_activation(g, y, layer.activation, layer.name), 3)

    def _MaxPooling1D(self, layer, t, shape):
        g = self.g
        if getattr(layer, "padding", "valid") != "valid":
            raise ExportError(f"{layer.name}: MaxPooling1D padding {layer.padding!r}")
        x = g.node("Transpose", [t.name], f"{layer.name}_nct", perm=[0, 2, 1])
        y = g.node(
            "MaxPool",
            [x],
            f"{layer.name}_pool",
            kernel_shape=[int(layer.pool_size)],
            strides=[int(layer.strides)],
        )
        return _Tensor(g.node("Transpose", [y], layer.name, perm=[0, 2, 1]), 3)

    def _TimeDistributed(self, layer, t, shape):
        inner = layer.layer
        return self.layer(inner, t, shape)

    def _BatchNormalization(self, layer, t, shape):
        g = self.g
        gamma = np.asarray(layer.params["gamma"], np.float32).reshape(-1)
        beta = np.asarray(layer.params["beta"], np.float32).reshape(-1)
        mean = np.asarray(layer.buffers["moving_mean"], np.float32).reshape(-1)
        var = np.asarray(layer.buffers["moving_variance"], np.float32).reshape(-1)
        eps = layer.epsilon
        if t.rank in (2, 4):
            y = g.node(
                "BatchNormalization",
                [
                    t.name,
                    g.const(f"{layer.name}.gamma", gamma),
                    g.const(f"{layer.name}.beta", beta),
                    g.const(f"{layer.name}.moving_mean", mean),
                    g.const(f"{layer.name}.moving_variance", var),
                ],
                layer.name,
                epsilon=eps,
            )
            return _Tensor(y, t.rank, t.seq_lens)
        scale = gamma / np.sqrt(var + eps)
        shift = beta - mean * scale
        y = g.node("Mul", [t.name, g.const(f"{layer.name}.scale", scale)], f"{layer.name}_scale")
        y = g.node("Add", [y, g.const(f"{layer.name}.shift", shift)], layer.name)
        return _Tensor(y, t.rank, t.seq_lens)

    def _Flatten(self, layer, t, shape):
        if t.rank == 4:
            # the engine flattens (H, W, C); ONNX holds (C, H, W): the next Dense takes its
            # rows in that order instead (no runtime transpose)
            _, c, h, w = shape
            self.pending_flatten = (int(c), int(h), int(w))
        return _Tensor(self.g.node("Flatten", [t.name], layer.name, axis=1), 2)

    def _Dense(self, layer, t, shape):
        g = self.g
        k = np.asarray(layer.params["kernel"], np.float32)
        if self.pending_flatten is not None:
            c, h, w = self.pending_flatten
            k = k.reshape(h, w, c, -1).transpose(2, 0, 1, 3).reshape(c * h * w, -1)
            self.pending_flatten = None
        b = layer.params.get("bias") if getattr(layer, "use_bias", True) else None
        if t.rank == 2:
            inputs = [t.name, g.const(f"{layer.name}.kernel", k)]
            if b is not None:
                inputs.append(g.const(f"{layer.name}.bias", np.asarray(b, np.float32)))
            y = g.node("Gemm", inputs, layer.name)
        else:
            y = g.node("MatMul", [t.name, g.const(f"{layer.name}.kernel", k)], f"{layer.name}_mm")
            if b is not None:
                y = g.node(
                    "Add", [y, g.const(f"{layer.name}.bias", np.asarray(b, np.float32))], layer.name
                )
        y = _emit_activation(g, y, getattr(layer, "activation", None), layer.name)
        return _Tensor(y, t.rank, t.seq_lens)

    def _Embedding(self, layer, t, shape):
        g = self.g
        w = np.asarray(layer.params["embeddings"], np.float32)
        ids = t.name
        if self.half_embeddings:  # stored as float16 (half the file), cast after the lookup
            table = g.const(f"{layer.name}.embeddings", w.astype(np.float16))
            y = g.node("Gather", [table, ids], f"{layer.name}_f16", axis=0)
            y = g.node("Cast", [y], layer.name, to=1)
        else:
            y = g.node("Gather", [g.const(f"{layer.name}.embeddings", w), ids], layer.name, axis=0)
        seq_lens = None
        if getattr(layer, "mask_zero", False):
            nonzero = g.node(
                "Not",
                [
                    g.node(
                        "Equal",
                        [ids, g.const("pad_id", np.array(0, np.int64))],
                        f"{layer.name}_is_pad",
                    )
                ],
                f"{layer.name}_real",
            )
            seq_lens = g.node(
                "ReduceSum",
                [
                    g.node("Cast", [nonzero], f"{layer.name}_real_i32", to=6),
                    g.const("axes_time", np.array([1], np.int64)),
                ],
                f"{layer.name}_seq_lens",
                keepdims=0,
            )
        return _Tensor(y, 3, seq_lens)

    # --- recurrent --------------------------------------------------------------------
    @staticmethod
    def _onnx_wrb(kind: str, kernel, rkernel, bias, units: int):
        kernel = np.asarray(kernel, np.float32)
        rkernel = np.asarray(rkernel, np.float32)
        bias = np.asarray(bias, np.float32)
        if kind == "LSTM":
            u = units
            perm = np.concatenate(
                [
                    np.arange(0, u),
                    np.arange(3 * u, 4 * u),
                    np.arange(u, 2 * u),
                    np.arange(2 * u, 3 * u),
                ]
            )
            w = kernel[:, perm].T
            r = rkernel[:, perm].T
            b = np.concatenate([bias.reshape(-1)[perm], np.zeros(4 * u, np.float32)])
        elif kind == "GRU":
            w, r = kernel.T, rkernel.T
            b = bias.reshape(-1)  # (2, 3U): input bias then recurrent bias, as ONNX's Wb, Rb
        elif kind == "SimpleRNN":
            w, r = kernel.T, rkernel.T
            b = np.concatenate([bias.reshape(-1), np.zeros(units, np.float32)])
        else:
            raise ExportError(f"recurrent cell {kind} has no ONNX mapping")
        return w, r, b

    def _recurrent(
        self,
        layer,
        t,
        shape,
        cells: list,
        prefix: list[str],
        direction: str,
        return_sequences: bool,
        merge: str = "concat",
    ):
        g = self.g
        kind = _kind(cells[0])
        units = int(cells[0].units)
        ws, rs, bs = [], [], []
        for pre in prefix:
            p = layer.params
            kernel = p[f"{pre}kernel"]
            rkernel = p[f"{pre}recurrent_kernel"]
            bias = p[f"{pre}bias"]
            w, r, b = self._onnx_wrb(kind, kernel, rkernel, bias, units)
            ws.append(w)
            rs.append(r)
            bs.append(b)
        op = {"LSTM": "LSTM", "GRU": "GRU", "SimpleRNN": "RNN"}[kind]
        x_tm = g.node("Transpose", [t.name], f"{layer.name}_time_major", perm=[1, 0, 2])
        inputs = [
            x_tm,
            g.const(f"{layer.name}.W", np.stack(ws)),
            g.const(f"{layer.name}.R", np.stack(rs)),
            g.const(f"{layer.name}.B", np.stack(bs)),
            t.seq_lens or "",
        ]
        attrs: dict[str, Any] = {"hidden_size": units, "direction": direction}
        if op == "GRU":
            attrs["linear_before_reset"] = 1
        if op == "RNN":
            attrs["activations"] = ["Tanh"] * len(cells)
        n_dir = len(cells)
        state_names = []
        if self.stateful:
            n_state = 2 if op == "LSTM" else 1
            for s in range(n_state):
                suffix = "h" if s == 0 else "c"
                name = g.unique(f"{layer.name}_{suffix}0")
                out = f"{layer.name}_{suffix}"
                self.state_io.append((name, out, suffix, (n_dir, "batch", units)))
                state_names.append(name)
            inputs += state_names  # initial_h (, initial_c)
        n_out = 3 if op == "LSTM" else 2
        outs = g.node(op, inputs, layer.name, n_out=n_out, **attrs)
        y, y_h = outs[0], outs[1]
        if self.stateful:
            # graph outputs for the final states: rename through Identity
            for (_sin, sout, _k, _shape), src in zip(
                self.state_io[-len(state_names) :], outs[1:], strict=False
            ):
                g.used.add(sout)
                from onnx import helper

                g.nodes.append(
                    helper.make_node("Identity", [src], [sout], name=g.unique(f"{sout}/Identity"))
                )
        if return_sequences:
            y = g.node("Transpose", [y], f"{layer.name}_batch_major", perm=[2, 0, 1, 3])
            if n_dir == 1:
                y = g.node(
                    "Squeeze", [y, g.const("axes_2s", np.array([2], np.int64))], f"{layer.name}_seq"
                )
            elif merge == "concat":
                y = g.node(
                    "Reshape",
                    [y, g.const("shape_00m1", np.array([0, 0, -1], np.int64))],
                    f"{layer.name}_seq",
                )
            else:
                y = self._merge(y, merge, layer.name, axis=2)
            return _Tensor(y, 3, t.seq_lens)
        if n_dir == 1:
            last = g.node(
                "Squeeze", [y_h, g.const("axes_0", np.array([0], np.int64))], f"{layer.name}_last"
            )
            return _Tensor(last, 2)
        last = g.node("Transpose", [y_h], f"{layer.name}_last_bm", perm=[1, 0, 2])
        if merge == "concat":
            last = g.node(
                "Reshape",
                [last, g.const("shape_0m1", np.array([0, -1], np.int64))],
                f"{layer.name}_last",
            )
        else:
            last = self._merge(last, merge, layer.name, axis=1)
        return _Tensor(last, 2)

    def _merge(self, y: str, merge: str, base: str, axis: int) -> str:
        ops = {"sum": "ReduceSum", "ave": "ReduceMean", "mul": "ReduceProd"}
        if merge not in ops:
            raise ExportError(f"{base}: merge_mode {merge!r} has no ONNX mapping")
        return self.g.node(
            ops[merge],
            [y, self.g.const(f"axes_{axis}m", np.array([axis], np.int64))],
            f"{base}_merge",
            keepdims=0,
        )

    def _check_cell(self, cell):
        if getattr(cell, "go_backwards", False):
            raise ExportError(f"{cell.name}: go_backwards=True is not supported by the exporter")

    def _rnn(self, layer, t, shape):
        self._check_cell(layer)
        return self._recurrent(layer, t, shape, [layer], [""], "forward", layer.return_sequences)

    _LSTM = _rnn
    _GRU = _rnn
    _SimpleRNN = _rnn

    def _Bidirectional(self, layer, t, shape):
        fwd = getattr(layer, "forward_layer", None) or getattr(layer, "layer", None)
        bwd = getattr(layer, "backward_layer", None) or fwd
        self._check_cell(fwd)
        merge = getattr(layer, "merge_mode", "concat")
        return self._recurrent(
            layer,
            t,
            shape,
            [fwd, bwd],
            ["forward_", "backward_"],
            "bidirectional",
            fwd.return_sequences,
            merge,
        )


def _input_shape(model: Any) -> tuple:
    if getattr(model, "input_shape", None) is None:
        raise ExportError("the model has not been built: call it on an input first")
    return tuple(model.input_shape)


def export_model(
    model: Any,
    path: str | Path | None = None,
    *,
    input_name: str = "input",
    input_dtype: str = "float32",
    input_shape: tuple | None = None,
    outputs: tuple[str, ...] = ("logits", "probs"),
    metadata: dict[str, Any] | None = None,
    stateful: bool = False,
    half_embeddings: bool = False,
    graph_name: str = "dltutor",
    doc: str = "",
    opset: int = OPSET,
):
    """Translate an engine model to an `onnx.ModelProto` (and save it when `path` is given).

    `input_shape` is the shape without the batch axis (default: the model's); a str entry
    is a symbolic axis (e.g. "time"). `outputs` names the graph outputs: "logits" is the
    last layer's output; "probs" adds a Softmax over the last axis (omit it for a model
    that already ends in one). `metadata` values become `metadata_props` (JSON for
    non-strings). `stateful=True` adds `<rnn>_h0`/`<rnn>_c0` inputs and `<rnn>_h`/`<rnn>_c`
    outputs for every recurrent layer, so generation can carry the state.
    `half_embeddings=True` stores embedding tables as float16 (use `round_embeddings` on
    the engine model first, so the engine and the graph still agree exactly).
    """
    import onnx
    from onnx import TensorProto, helper

    ex = _Exporter(model, stateful, half_embeddings)
    g = ex.g
    shape = tuple(input_shape) if input_shape is not None else _input_shape(model)[1:]
    dims = ["batch", *[d if d is not None else f"dim{i}" for i, d in enumerate(shape, 1)]]
    elem = {"float32": TensorProto.FLOAT, "int64": TensorProto.INT64}[input_dtype]
    g.used.add(input_name)
    g.inputs.append(helper.make_tensor_value_info(input_name, elem, dims))

    cur = _Tensor(input_name, len(dims))
    cur_shape: tuple = (None, *[d if isinstance(d, int) else None for d in shape])
    for layer in ex.layers:
        cur = ex.layer(layer, cur, cur_shape)
        try:
            cur_shape = tuple(layer.output_shape(cur_shape))
        except Exception:  # shape bookkeeping is only needed for Flatten after an image
            cur_shape = (None,) * cur.rank
    if ex.pending_flatten is not None:  # Flatten was last: do the engine's (H, W, C) order
        raise ExportError("a Flatten after an image must be followed by a Dense layer")

    out_nodes: list[tuple[str, str]] = []
    logits = cur.name
    for name in outputs:
        if name == "logits":
            out_nodes.append((logits, name))
        elif name == "probs":
            out_nodes.append((g.node("Softmax", [logits], "probs_softmax", axis=-1), name))
        else:
            raise ExportError(f"unknown output {name!r}: use logits and/or probs")
    for src, name in out_nodes:
        g.nodes.append(helper.make_node("Identity", [src], [name], name=f"{name}/Identity"))
        g.outputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, None))
    for sin, sout, _, sshape in ex.state_io:
        g.inputs.append(helper.make_tensor_value_info(sin, TensorProto.FLOAT, list(sshape)))
        g.outputs.append(helper.make_tensor_value_info(sout, TensorProto.FLOAT, list(sshape)))

    graph = helper.make_graph(g.nodes, graph_name, g.inputs, g.outputs, g.inits, doc_string=doc)
    proto = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", opset)],
        producer_name="dltutor",
        producer_version=_engine_version(),
        doc_string=doc,
    )
    proto.ir_version = min(proto.ir_version, 9)  # readable by older runtimes too
    metadata = {**(metadata or {})}
    if hasattr(model, "get_config"):
        metadata.setdefault("dltutor.engine_config", model.get_config())
    for key, value in metadata.items():
        entry = proto.metadata_props.add()
        entry.key = key
        entry.value = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    proto = onnx.shape_inference.infer_shapes(proto)
    onnx.checker.check_model(proto, full_check=True)
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        onnx.save(proto, str(path))
    return proto


def round_embeddings(model: Any) -> None:
    """Round every Embedding table to float16 precision in place (before a half export)."""
    for layer in getattr(model, "layers", []):
        if type(layer).__name__ == "Embedding":
            w = layer.params["embeddings"]
            w[...] = w.astype(np.float16).astype(w.dtype)


def _engine_version() -> str:
    try:
        from importlib.metadata import version

        return version("dltutor")
    except Exception:  # not installed (running from a checkout)
        return "0+unknown"
