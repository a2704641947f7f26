"""Engine → ONNX export (`export_model`). `onnx` is imported only inside the functions."""

from dltutor.engine.export.onnx_export import OPSET, ExportError, export_model
from dltutor.engine.export.onnx_import import engine_model_from_onnx

__all__ = ["OPSET", "ExportError", "engine_model_from_onnx", "export_model"]
