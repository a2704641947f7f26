"""Remembering a finished lab run in the progress store, the same way from the CLI and the app:
the knob values and final metrics as JSON allows them, and the seed that makes the run repeat."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from .base import json_value


class LabRunStore(Protocol):
    """What recording needs of a progress store."""

    def record_lab_run(
        self, lab: str, knobs: dict[str, Any], metrics: dict[str, Any], ran_at: str | None = None
    ) -> str: ...


def record_run(
    store: LabRunStore,
    lab_id: str,
    knobs: Mapping[str, Any],
    seed: int,
    metrics: Mapping[str, Any],
) -> str:
    """Store one finished run; returns the stored run's id."""
    plain_metrics = {k: json_value(v) for k, v in metrics.items()}
    plain_metrics["seed"] = seed
    return store.record_lab_run(lab_id, {k: json_value(v) for k, v in knobs.items()}, plain_metrics)
