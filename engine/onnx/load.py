"""ONNX file → the engine model it was exported from (architecture + weights).

The exporter stores `model.get_config()` in the metadata (`dltutor.engine_config`) and names
every initializer after its layer (`conv2d.kernel`, `lstm.W`, ...), so the engine model can
be rebuilt exactly: this is how `dltutor models bench` and the parity tests run the
engine's own forward pass on a shipped model without shipping the weights twice. Each
layer's codec reads its weights back (codecs.py, recurrent.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dltutor.engine.layers.base import layer_from_config

from . import recurrent  # noqa: F401  (registers the recurrent codecs)
from .codecs import Import


def _layer_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """Legacy read: files exported before the config spelling was unified (the shipped
    models among them) name a top-level layer's class under "class"."""
    if "class" in entry:
        return {"class_name": entry["class"], "config": entry["config"]}
    return entry


def engine_model_from_onnx(source: str | Path | Any):
    """Rebuild the engine `Sequential` (inference weights) from an exported ONNX model."""
    import onnx
    from onnx import numpy_helper

    from dltutor.engine.model import Sequential

    proto = source if hasattr(source, "graph") else onnx.load(str(source))
    meta = {p.key: p.value for p in proto.metadata_props}
    if "dltutor.engine_config" not in meta:
        raise ValueError("this ONNX file was not exported by dltutor (no engine config)")
    config = json.loads(meta["dltutor.engine_config"])
    layers = [layer_from_config(_layer_entry(e)) for e in config["layers"]]
    model = Sequential(layers, seed=0, name=config.get("name", "model"))
    model.build(tuple(config["input_shape"]))
    im = Import({t.name: numpy_helper.to_array(t) for t in proto.graph.initializer})
    shape = model.input_shape
    for layer in model.layers:
        im.layer(layer, shape)
        shape = layer.output_shape(shape)
    return model
