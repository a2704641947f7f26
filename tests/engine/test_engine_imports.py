"""`import dltutor.engine` pulls in NumPy only: no UI libraries, no sklearn, no onnx."""

from __future__ import annotations

import subprocess
import sys


def test_engine_import_loads_no_ui_or_heavy_libraries():
    code = (
        "import sys, dltutor.engine, dltutor.engine.layers, dltutor.engine.data, "
        "dltutor.engine.training, dltutor.engine.functions, dltutor.engine.bench\n"
        "print(' '.join(sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = {name.split(".")[0] for name in out.stdout.split()}
    assert not loaded & {"textual", "typer", "rich"}
    assert not loaded & {"sklearn", "onnx", "onnxruntime", "torch"}
