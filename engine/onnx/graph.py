"""The ONNX graph under construction: nodes, initializers, unique names, and the few node
patterns several codecs share (activations, the time mask of a padded sequence).

Only `onnx` is imported, inside the functions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dltutor.engine.layers.activations import LeakyReLU, ReLU, Sigmoid, Softmax, Tanh
from dltutor.engine.layers.base import Layer

OPSET = 17


class ExportError(ValueError):
    """A model (or layer) the exporter cannot translate, with the reason."""


@dataclass
class Tensor:
    """A value in the graph: its name, rank (batch axis included) and, for a padded sequence,
    the int32 (batch,) tensor of real steps."""

    name: str
    rank: int
    seq_lens: str | None = None


@dataclass
class Graph:
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
        """An initializer; small constants with equal values are stored once."""
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

    def axes(self, *axes: int) -> str:
        """An int64 axes input (Squeeze, Unsqueeze, Reduce*)."""
        return self.const("axes_" + "_".join(map(str, axes)), np.array(axes, np.int64))

    def node(self, op: str, inputs: Iterable[str], base: str, n_out: int = 1, **attrs) -> Any:
        from onnx import helper

        outs = [self.unique(f"{base}" if n_out == 1 else f"{base}_{k}") for k in range(n_out)]
        self.nodes.append(
            helper.make_node(
                op, list(inputs), outs, name=self.unique(f"{base}/{op}", sep_ok=True), **attrs
            )
        )
        return outs[0] if n_out == 1 else outs

    def rename(self, src: str, name: str) -> None:
        """Expose `src` under the fixed graph name `name` (an Identity node)."""
        from onnx import helper

        self.used.add(name)
        node_name = self.unique(f"{name}/Identity", sep_ok=True)
        self.nodes.append(helper.make_node("Identity", [src], [name], name=node_name))

    def time_mask(self, t: Tensor, base: str) -> str:
        """bool (N, T, 1): True at the real steps of a padded sequence."""
        steps = self.node("Shape", [t.name], f"{base}_shape", start=1, end=2)
        rng = self.node(
            "Range",
            [
                self.const("zero_i64", np.array(0, np.int64)),
                self.node("Squeeze", [steps, self.axes(0)], f"{base}_T"),
                self.const("one_i64", np.array(1, np.int64)),
            ],
            f"{base}_range",
        )
        lens64 = self.node("Cast", [t.seq_lens], f"{base}_lens64", to=7)
        lens_col = self.node("Unsqueeze", [lens64, self.axes(1)], f"{base}_lens_col")
        mask = self.node("Less", [rng, lens_col], f"{base}_mask")  # (N, T)
        return self.node("Unsqueeze", [mask, self.axes(2)], f"{base}_mask3")


#: Activation layer class → ONNX op (LeakyRelu also takes the layer's alpha).
ACTIVATION_OPS: dict[type[Layer], str] = {
    ReLU: "Relu",
    Sigmoid: "Sigmoid",
    Tanh: "Tanh",
    Softmax: "Softmax",
    LeakyReLU: "LeakyRelu",
}


def emit_activation(g: Graph, x: str, act: Layer | None, base: str) -> str:
    """The node for an activation layer (a standalone one or a layer's built-in one)."""
    if act is None:
        return x
    op = ACTIVATION_OPS.get(type(act))
    if op is None:
        raise ExportError(f"activation {type(act).__name__} has no ONNX mapping")
    attrs: dict[str, Any] = {}
    if op == "Softmax":
        attrs["axis"] = -1
    elif op == "LeakyRelu":
        attrs["alpha"] = act.alpha
    return g.node(op, [x], f"{base}_{op.lower()}", **attrs)
