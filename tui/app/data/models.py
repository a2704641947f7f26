"""Which of the zoo's models are installed, for the model screens."""

from __future__ import annotations

from pathlib import Path


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
