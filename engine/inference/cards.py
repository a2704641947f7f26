"""Model cards: `models_onnx/NAME.json` beside `NAME.onnx`, and the sha256 check on load."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

CARD_FIELDS = (
    "name",
    "task",
    "labels",
    "input",
    "outputs",
    "preprocessing",
    "dataset",
    "metrics",
    "params",
    "file",
    "sha256",
    "bytes",
    "command",
    "engine_version",
)


class ModelFileError(RuntimeError):
    """A shipped model that is missing, tampered with or unreadable (message says how to fix)."""


def models_dir() -> Path:
    """The folder the shipped models are read from (`DLTUTOR_MODELS_DIR` overrides it)."""
    env = os.environ.get("DLTUTOR_MODELS_DIR")
    if env:
        return Path(env)
    from importlib.resources import files

    return Path(str(files("dltutor.models_onnx")))


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _repair(name: str) -> str:
    return (
        f"rebuild it with `dltutor models train {name}` "
        "or reinstall dltutor (pip install --force-reinstall dltutor)"
    )


def card_path(name: str, directory: str | Path | None = None) -> Path:
    return Path(directory or models_dir()) / f"{name}.json"


def load_card(name: str, directory: str | Path | None = None) -> dict[str, Any]:
    """The card of model `name`, without checking the model file."""
    from dltutor.engine.zoo import spec

    spec(name)  # unknown names fail with the list of known ones
    path = card_path(name, directory)
    if not path.is_file():
        raise ModelFileError(f"model card {path} is missing: {_repair(name)}")
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelFileError(
            f"model card {path} is unreadable ({error}): {_repair(name)}"
        ) from None
    if not isinstance(card, dict):
        raise ModelFileError(f"model card {path} is not a JSON object: {_repair(name)}")
    missing = [k for k in CARD_FIELDS if k not in card]
    if missing:
        raise ModelFileError(f"model card {path} lacks {', '.join(missing)}: {_repair(name)}")
    return card


def model_path(card: dict[str, Any], directory: str | Path | None = None) -> Path:
    return Path(directory or models_dir()) / card["file"]


def verify_model(name: str, directory: str | Path | None = None) -> tuple[dict[str, Any], Path]:
    """Card and model path after checking the file's sha256 (and the vocabulary's)."""
    card = load_card(name, directory)
    path = model_path(card, directory)
    if not path.is_file():
        raise ModelFileError(f"model file {path} is missing: {_repair(name)}")
    digest = sha256_file(path)
    if digest != card["sha256"]:
        raise ModelFileError(
            f"model file {path} does not match its card (sha256 {digest[:12]}... expected "
            f"{card['sha256'][:12]}...): the file was modified or damaged; {_repair(name)}"
        )
    for key, entry in (card.get("files") or {}).items():
        extra = Path(directory or models_dir()) / entry["file"]
        if not extra.is_file():
            raise ModelFileError(f"{key} file {extra} is missing: {_repair(name)}")
        if sha256_file(extra) != entry["sha256"]:
            raise ModelFileError(
                f"{key} file {extra} does not match its card (sha256): {_repair(name)}"
            )
    return card, path


def load_vocab(card: dict[str, Any], directory: str | Path | None = None) -> Any:
    entry = (card.get("files") or {}).get("vocab")
    if entry is None:
        raise ModelFileError(f"model {card['name']} has no vocabulary in its card")
    path = Path(directory or models_dir()) / entry["file"]
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelFileError(
            f"vocabulary {path} is unreadable ({error}): {_repair(card['name'])}"
        ) from None


def installed_cards(directory: str | Path | None = None) -> list[str]:
    from dltutor.engine.zoo import names

    d = Path(directory or models_dir())
    return [n for n in names() if (d / f"{n}.json").is_file()]
