"""ONNX file → the engine model it was exported from (architecture + weights).

The exporter stores `model.get_config()` in the metadata (`dltutor.engine_config`) and names
every initializer after its layer (`conv2d.kernel`, `lstm.W`, ...), so the engine model can
be rebuilt exactly: this is how `dltutor models bench` and the parity tests run the
engine's own forward pass on a shipped model without shipping the weights twice.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np


def _make_layer(entry: dict[str, Any]):
    from dltutor.engine import layers as L

    cls_name = entry.get("class") or entry.get("class_name")
    cfg = dict(entry.get("config") or {})
    cls = getattr(L, cls_name, None)
    if cls is None:
        raise ValueError(f"unknown layer class {cls_name!r} in the model config")
    if "layer" in cfg and isinstance(cfg["layer"], dict):  # Bidirectional, TimeDistributed
        cfg["layer"] = _make_layer(cfg["layer"])
    cfg = {k: v for k, v in cfg.items() if v is not None or k in ("activation",)}
    if cls_name == "Dropout":
        cfg.pop("seed", None)
    if "kernel_regularizer" in cfg and isinstance(cfg["kernel_regularizer"], dict):
        cfg.pop("kernel_regularizer")  # inference only
    return cls(**cfg)


def _inverse_wrb(kind: str, w: np.ndarray, r: np.ndarray, b: np.ndarray, units: int):
    u = units
    if kind == "LSTM":
        # ONNX blocks i, o, f, c -> engine i, f, c, o
        inv = np.concatenate(
            [np.arange(0, u), np.arange(2 * u, 3 * u), np.arange(3 * u, 4 * u), np.arange(u, 2 * u)]
        )
        kernel = w.T[:, inv]
        rkernel = r.T[:, inv]
        bias = (b[: 4 * u] + b[4 * u :])[inv]
        return kernel, rkernel, bias
    if kind == "GRU":
        return w.T, r.T, np.stack([b[: 3 * u], b[3 * u :]])
    return w.T, r.T, b[:u] + b[u:]


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
    inits = {t.name: numpy_helper.to_array(t) for t in proto.graph.initializer}
    layers = [_make_layer(e) for e in config["layers"]]
    model = Sequential(layers, seed=0, name=config.get("name", "model"))
    model.build(tuple(config["input_shape"]))
    shape = model.input_shape
    flatten_chw = None
    for layer in model.layers:
        kind = type(layer).__name__
        target = layer.layer if kind == "TimeDistributed" else layer
        tkind = type(target).__name__
        p = layer.params
        name = target.name if kind == "TimeDistributed" else layer.name

        def get(key: str, _name: str = name) -> np.ndarray:
            return inits[f"{_name}.{key}"]

        if tkind == "Conv2D":
            p["kernel"][...] = get("kernel").transpose(2, 3, 1, 0)
            if "bias" in p:
                p["bias"][...] = get("bias")
        elif tkind == "Conv1D":
            p["kernel"][...] = get("kernel").transpose(2, 1, 0)
            if "bias" in p:
                p["bias"][...] = get("bias")
        elif tkind == "BatchNormalization":
            p["gamma"][...] = get("gamma").reshape(p["gamma"].shape)
            p["beta"][...] = get("beta").reshape(p["beta"].shape)
            layer.buffers["moving_mean"][...] = get("moving_mean").reshape(-1)
            layer.buffers["moving_variance"][...] = get("moving_variance").reshape(-1)
        elif tkind == "Flatten" and len(shape) == 4:
            flatten_chw = tuple(int(d) for d in shape[1:])
        elif tkind == "Dense":
            k = get("kernel")
            if flatten_chw is not None:
                c, h, w = flatten_chw
                k = k.reshape(c, h, w, -1).transpose(1, 2, 0, 3).reshape(c * h * w, -1)
                flatten_chw = None
            p["kernel"][...] = k
            if "bias" in p:
                p["bias"][...] = get("bias")
        elif tkind == "Embedding":
            p["embeddings"][...] = get("embeddings")
        elif tkind in ("LSTM", "GRU", "SimpleRNN"):
            w, r, b = get("W")[0], get("R")[0], get("B")[0]
            k, rk, bias = _inverse_wrb(tkind, w, r, b, target.units)
            p["kernel"][...], p["recurrent_kernel"][...] = k, rk
            p["bias"][...] = bias.reshape(p["bias"].shape)
        elif tkind == "Bidirectional":
            inner = type(layer.forward_layer).__name__
            for d, prefix in enumerate(("forward_", "backward_")):
                k, rk, bias = _inverse_wrb(
                    inner, get("W")[d], get("R")[d], get("B")[d], layer.units
                )
                p[prefix + "kernel"][...] = k
                p[prefix + "recurrent_kernel"][...] = rk
                p[prefix + "bias"][...] = bias.reshape(p[prefix + "bias"].shape)
        elif p:
            raise ValueError(f"cannot import weights of layer {layer.name} ({kind})")
        shape = layer.output_shape(shape)
    return model
