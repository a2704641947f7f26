"""Start-up stays light: the app imports no heavy module before one is needed.

Start-up time itself is a benchmark, not a test: `python -m dltutor.tui.app.bench`.
"""

from __future__ import annotations

import subprocess
import sys


def test_heavy_modules_are_not_imported_at_start() -> None:
    code = (
        "import sys\nfrom dltutor.tui.app.app import DLTutorApp\n"
        "print(sorted(m for m in ('numpy', 'onnxruntime', 'onnx', 'dltutor.engine') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
