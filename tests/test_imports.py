"""Import discipline: the engine and the course stay UI-free, and `--help` stays light."""

from __future__ import annotations

import subprocess
import sys

UI = ("textual", "typer", "rich")


def loaded_modules(code: str) -> set[str]:
    script = f"{code}\nimport sys\nprint(' '.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in out.stdout.split()}


def test_engine_and_lessons_import_no_ui_library() -> None:
    modules = loaded_modules(
        "import dltutor.engine, dltutor.lessons, dltutor.lessons.catalog\n"
        "import pkgutil, importlib\n"
        "for pkg in ('dltutor.engine', 'dltutor.lessons'):\n"
        "    p = importlib.import_module(pkg)\n"
        "    for m in pkgutil.walk_packages(p.__path__, pkg + '.'):\n"
        "        importlib.import_module(m.name)"
    )
    assert not modules & set(UI), f"UI libraries imported: {modules & set(UI)}"


def test_engine_imports_onnx_lazily() -> None:
    modules = loaded_modules("import dltutor.engine, dltutor.lessons.catalog")
    assert "onnx" not in modules and "onnxruntime" not in modules


def test_help_does_not_import_numpy_or_onnxruntime() -> None:
    script = (
        "import sys\nfrom dltutor.tui.cli.main import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('MODULES', ' '.join(sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    modules = {m.split(".")[0] for m in out.stdout.split("MODULES", 1)[1].split()}
    assert "numpy" not in modules and "onnxruntime" not in modules and "textual" not in modules
