"""The labs: short live NumPy experiments the lessons point to.

Each lab lives in its own module named after its id (`01-xor-boundary` →
`lab01_xor_boundary.py`) and defines `LAB`, a `Lab`. The lessons' front matter (`labs = [...]`)
says which labs the course has: `all_labs()` lists them in course order and `get_lab(id)` finds
one (a clear `LabError` lists the ids otherwise).
"""

from __future__ import annotations

import importlib
import importlib.util

from dltutor.lessons.catalog import lessons

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


def lab_ids() -> tuple[str, ...]:
    """Every lab a lesson names (its front matter's `labs`), in course order."""
    named = dict.fromkeys(lab for lesson in lessons("en") for lab in lesson.labs)
    return tuple(i for i in named if importlib.util.find_spec(f"{__name__}.{module_name(i)}"))


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
    return [_load(i) for i in lab_ids()]


def get_lab(lab_id: str) -> Lab:
    """The lab with this id (a unique prefix such as `05-optimizer-p` also works)."""
    key = lab_id.strip().lower()
    ids = lab_ids()
    if key in ids:
        return _load(key)
    matches = [i for i in ids if i.startswith(key)]
    if len(matches) == 1:
        return _load(matches[0])
    hint = f" (it matches {', '.join(matches)})" if matches else ""
    raise LabError(f"unknown lab {lab_id!r}{hint}; labs: {', '.join(ids)}")


__all__ = [
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
    "lab_ids",
]
