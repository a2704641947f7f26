"""The engine and ONNX, both ways: `export_model` writes a model as an ONNX graph,
`engine_model_from_onnx` reads one back. One codec per layer class does both (codecs.py,
recurrent.py). `onnx` is imported only inside the functions."""

from dltutor.engine.onnx.export import (
    OPSET,
    ExportError,
    engine_version,
    export_model,
    round_embeddings,
)
from dltutor.engine.onnx.load import engine_model_from_onnx

__all__ = [
    "OPSET",
    "ExportError",
    "engine_model_from_onnx",
    "engine_version",
    "export_model",
    "round_embeddings",
]
