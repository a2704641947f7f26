"""Engine `Sequential` → ONNX graph (opset 17), built layer by layer by the codecs.

The public image layout of the engine is (N, C, H, W), which is ONNX's, so the graph input
takes exactly what `model.predict` takes. Only `onnx` is imported, inside the functions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from dltutor.engine.layers import Embedding

from . import recurrent  # noqa: F401  (registers the recurrent codecs)
from .codecs import Export
from .graph import OPSET, ExportError, Tensor


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

    if model.input_shape is None:
        raise ExportError("the model has not been built: call it on an input first")
    ex = Export(stateful, half_embeddings)
    g = ex.g
    shape = tuple(input_shape) if input_shape is not None else tuple(model.input_shape)[1:]
    dims = ["batch", *[d if d is not None else f"dim{i}" for i, d in enumerate(shape, 1)]]
    elem = {"float32": TensorProto.FLOAT, "int64": TensorProto.INT64}[input_dtype]
    g.used.add(input_name)
    g.inputs.append(helper.make_tensor_value_info(input_name, elem, dims))

    cur = Tensor(input_name, len(dims))
    cur_shape: tuple = (None, *[d if isinstance(d, int) else None for d in shape])
    for layer in model.layers:
        cur = ex.layer(layer, cur, cur_shape)
        cur_shape = tuple(layer.output_shape(cur_shape))
    if ex.flatten_hwc is not None:
        raise ExportError("a Flatten after an image must be followed by a Dense layer")

    for name in outputs:
        if name == "logits":
            g.rename(cur.name, name)
        elif name == "probs":
            g.rename(g.node("Softmax", [cur.name], "probs_softmax", axis=-1), name)
        else:
            raise ExportError(f"unknown output {name!r}: use logits and/or probs")
        g.outputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, None))
    for sin, sout, sshape in ex.state_io:
        g.inputs.append(helper.make_tensor_value_info(sin, TensorProto.FLOAT, list(sshape)))
        g.outputs.append(helper.make_tensor_value_info(sout, TensorProto.FLOAT, list(sshape)))

    graph = helper.make_graph(g.nodes, graph_name, g.inputs, g.outputs, g.inits, doc_string=doc)
    proto = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", opset)],
        producer_name="dltutor",
        producer_version=engine_version(),
        doc_string=doc,
    )
    proto.ir_version = min(proto.ir_version, 9)  # readable by older runtimes too
    metadata = {**(metadata or {})}
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
    for layer in model.layers:
        if isinstance(layer, Embedding):
            w = layer.params["embeddings"]
            w[...] = w.astype(np.float16).astype(w.dtype)


def engine_version() -> str:
    """The installed dltutor version (written into exported files and model cards)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("dltutor")
    except PackageNotFoundError:  # running from a checkout that is not installed
        return "0+unknown"
