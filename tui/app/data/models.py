"""What the model screens show about the zoo's files: installed or not, and the ONNX graph."""

from __future__ import annotations

import contextlib
from pathlib import Path

# inputs that are running statistics, not learned weights (the card counts learned ones)
STATISTICS = {"BatchNormalization": (3, 4)}


def models_folder() -> Path:
    from dltutor.engine.inference.cards import models_dir

    return models_dir()


def model_status(name: str) -> str:
    """`ready` when the model file is there, else `missing` (checked cheaply, no sha256)."""
    folder = models_folder()
    return (
        "ready"
        if (folder / f"{name}.json").is_file() and (folder / f"{name}.onnx").is_file()
        else "missing"
    )


def graph_rows(path: str) -> list[tuple[str, str, str, int, int]]:
    """(op, output name, output shape, learned parameters, statistics) per node; the shapes
    come from ONNX shape inference."""
    import onnx
    import onnx.shape_inference
    from onnx import numpy_helper

    model = onnx.load(path)
    with contextlib.suppress(Exception):  # shapes are a help, not a requirement
        model = onnx.shape_inference.infer_shapes(model)
    graph = model.graph
    sizes = {init.name: int(numpy_helper.to_array(init).size) for init in graph.initializer}
    shapes: dict[str, str] = {}
    for info in [*graph.value_info, *graph.output, *graph.input]:
        dims = info.type.tensor_type.shape.dim
        shapes[info.name] = "(" + ", ".join(d.dim_param or str(d.dim_value) for d in dims) + ")"
    rows = []
    for node in graph.node:
        out = node.output[0] if node.output else ""
        skip = STATISTICS.get(node.op_type, ())
        params = sum(sizes.get(n, 0) for i, n in enumerate(node.input) if i not in skip)
        stats = sum(sizes.get(n, 0) for i, n in enumerate(node.input) if i in skip)
        rows.append((node.op_type, out, shapes.get(out, "?"), params, stats))
    return rows
