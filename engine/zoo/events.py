"""Progress events of a recipe (`dltutor models train`): frozen records, like the training
loop's, sent to the recipe's `progress` callable. Recipes never print."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

Stage = Literal["data", "train", "evaluate", "export", "verify", "done"]


@dataclass(frozen=True)
class ZooEvent:
    """One step of a recipe: its stage, one human-readable line, and for training events
    where it stands (epoch / step counts, loss, metrics) when known."""

    stage: Stage
    message: str
    epoch: int | None = None
    epochs: int | None = None
    step: int | None = None
    steps: int | None = None
    loss: float | None = None
    metrics: Mapping[str, float] = field(default_factory=dict)


Progress = Callable[[ZooEvent], None] | None


def say(progress: Progress, stage: Stage, message: str, **fields) -> None:
    """Send one event when someone listens."""
    if progress is not None:
        progress(ZooEvent(stage, message, **fields))
