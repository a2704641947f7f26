"""The labs: short live NumPy experiments the lessons point to.

Each lab lives in its own module named after its id (`01-xor-boundary` →
`lab01_xor_boundary.py`) and defines `LAB`, a `Lab`. `all_labs()` lists them in course
order and `get_lab(id)` finds one (a clear `LabError` lists the ids otherwise).
"""

from __future__ import annotations

import importlib

from .base import (
    Boundary,
    Curves,
    Frame,
    Histograms,
    Images,
    Knob,
    KnobError,
    Lab,
    LabError,
    Paths,
    Table,
    TextSamples,
)

LAB_IDS: tuple[str, ...] = (
    "00-broadcasting",
    "01-logic-gates",
    "01-xor-boundary",
    "02-activations",
    "02-softmax-overflow",
    "02-batch-timing",
    "03-gradient-descent",
    "03-numerical-gradient",
    "04-gradient-check",
    "04-backprop-speed",
    "05-optimizer-paths",
    "05-optimizer-curves",
    "06-init-histograms",
    "06-batchnorm",
    "07-overfitting",
    "08-random-search",
    "08-kfold",
    "09-loss-choice",
    "09-ema-smoothing",
    "10-conv-shapes",
    "10-cnn-train",
    "11-feature-maps",
    "12-transfer",
    "13-tokenize",
    "13-embedding-neighbours",
    "14-gru-sentiment",
    "15-callbacks",
    "15-ensemble",
    "16-temperature",
)


def module_name(lab_id: str) -> str:
    return "lab" + lab_id.replace("-", "_")


def _load(lab_id: str) -> Lab:
    module = importlib.import_module(f"{__name__}.{module_name(lab_id)}")
    lab = module.LAB
    if lab.id != lab_id:  # pragma: no cover - a wiring mistake
        raise LabError(f"module {module.__name__} defines lab {lab.id!r}, expected {lab_id!r}")
    return lab


def all_labs() -> list[Lab]:
    """Every lab, in course order."""
    return [_load(i) for i in LAB_IDS]


def get_lab(lab_id: str) -> Lab:
    """The lab with this id (a unique prefix such as `05-optimizer-p` also works)."""
    key = lab_id.strip().lower()
    if key in LAB_IDS:
        return _load(key)
    matches = [i for i in LAB_IDS if i.startswith(key)]
    if len(matches) == 1:
        return _load(matches[0])
    hint = f" (it matches {', '.join(matches)})" if matches else ""
    raise LabError(f"unknown lab {lab_id!r}{hint}; labs: {', '.join(LAB_IDS)}")


__all__ = [
    "LAB_IDS",
    "Boundary",
    "Curves",
    "Frame",
    "Histograms",
    "Images",
    "Knob",
    "KnobError",
    "Lab",
    "LabError",
    "Paths",
    "Table",
    "TextSamples",
    "all_labs",
    "get_lab",
]
