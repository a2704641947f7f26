"""The ONNX graph as a model viewer shows it: each node's op, output shape and weights."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

# inputs that are running statistics (state kept for inference), not learned weights
STATISTICS = {"BatchNormalization": (3, 4)}


@dataclass(frozen=True)
class GraphRow:
    """One node. `shape` is None where shape inference could not tell."""

    op: str
    name: str
    inputs: tuple[str, ...]
    output: str
    shape: tuple[str | int, ...] | None
    params: int
    statistics: int


def graph_rows(path: str | Path) -> list[GraphRow]:
    """Every node of the model file, in graph order, with the weights it reads.

    Weights are the initializers named `<layer>.<key>` (shape and axis constants have no
    dot); batch-norm running statistics are counted apart from the learned parameters."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(path))
    with contextlib.suppress(Exception):  # shapes help, but a graph without them still shows
        model = onnx.shape_inference.infer_shapes(model)
    graph = model.graph
    sizes = {t.name: int(numpy_helper.to_array(t).size) for t in graph.initializer}
    shapes = {
        info.name: tuple(d.dim_param or d.dim_value or "?" for d in info.type.tensor_type.shape.dim)
        for info in [*graph.input, *graph.value_info, *graph.output]
    }
    rows = []
    for node in graph.node:
        output = node.output[0] if node.output else ""
        skip = STATISTICS.get(node.op_type, ())
        weights = [(i, n) for i, n in enumerate(node.input) if n in sizes and "." in n]
        rows.append(
            GraphRow(
                op=node.op_type,
                name=node.name,
                inputs=tuple(n for n in node.input if n and n not in sizes),
                output=output,
                shape=shapes.get(output),
                params=sum(sizes[n] for i, n in weights if i not in skip),
                statistics=sum(sizes[n] for i, n in weights if i in skip),
            )
        )
    return rows
