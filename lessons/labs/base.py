"""The lab framework: knobs, lab descriptions, and the frames a lab yields as it runs.

A lab is a short live experiment a lesson points to. `Lab.run(knobs, seed, lang)` is a generator
of `Frame`s: each frame says how far the run is (`step` of `total`), the metrics so far, and
what to draw (`plots`: curves, a decision boundary, histograms, optimizer paths, images,
text samples, tables; each its own dataclass, told apart by type). The last frame has
`final=True`. Frames hold plain NumPy arrays and lists, so the CLI, the TUI and the tests all
consume the same generator; nothing here imports a UI library. Every word a lab shows comes
from its `Words` table (title, summary, `knob_NAME` help, and the run's own texts), so titles,
series names, axis labels, table headers and messages come in the learner's language (`lang`,
"en" or "ja"); metric keys never change with it.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dltutor.engine.threads import blas_threads
from dltutor.lessons.words import LANGS, Words


def lab_threads() -> int:
    """BLAS threads for a lab run: one unless DLTUTOR_LAB_THREADS says otherwise.

    Lab matrices are small: a second BLAS thread buys little and, on a busy 2-core machine,
    threads that spin waiting for each other made a lab run 10× slower than single-threaded.
    """
    try:
        return max(1, int(os.environ.get("DLTUTOR_LAB_THREADS", "1")))
    except ValueError:
        return 1


class LabError(Exception):
    """A lab that cannot run as asked: unknown id or knob, bad value, missing artefact."""


class KnobError(LabError):
    """A knob value outside its type, range or choices."""


KNOB_TYPES = ("int", "float", "choice", "bool")
_TRUE = {"1", "true", "yes", "on", "y"}
_FALSE = {"0", "false", "no", "off", "n"}


@dataclass(frozen=True)
class Knob:
    """One setting of a lab, with its type, range (or choices) and default; its help is the
    lab's `knob_NAME` word."""

    name: str
    type: str
    default: Any
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.type not in KNOB_TYPES:
            raise ValueError(
                f"knob {self.name}: type must be one of {KNOB_TYPES}, got {self.type!r}"
            )
        if self.type == "choice" and not self.choices:
            raise ValueError(f"knob {self.name}: a choice knob needs choices")
        self.parse(self.default)  # the default must itself be valid

    def describe(self) -> str:
        """The allowed values, e.g. `int 1..200`, `one of sgd, adam`, `on/off`."""
        if self.type == "choice":
            return "one of " + ", ".join(self.choices)
        if self.type == "bool":
            return "on/off"
        lo = "" if self.low is None else f"{self.low:g}"
        hi = "" if self.high is None else f"{self.high:g}"
        return f"{self.type} {lo}..{hi}"

    def parse(self, raw: Any) -> Any:
        """Convert and check a value (a string from the command line or a Python value)."""
        where = f"knob {self.name!r}"
        if self.type == "bool":
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            raise KnobError(f"{where} takes on/off (true/false, 1/0), got {raw!r}")
        if self.type == "choice":
            text = str(raw).strip().lower()
            for choice in self.choices:
                if choice.lower() == text:
                    return choice
            raise KnobError(f"{where} must be one of {', '.join(self.choices)}; got {raw!r}")
        try:
            if self.type == "int":
                if isinstance(raw, float) and not raw.is_integer():
                    raise ValueError
                value: float = int(str(raw).strip()) if isinstance(raw, str) else int(raw)
            else:
                value = float(raw)
        except (TypeError, ValueError):
            raise KnobError(
                f"{where} takes {'an integer' if self.type == 'int' else 'a number'}, got {raw!r}"
            ) from None
        if self.type == "float" and not math.isfinite(value):
            raise KnobError(f"{where} must be a finite number, got {raw!r}")
        if (self.low is not None and value < self.low) or (
            self.high is not None and value > self.high
        ):
            raise KnobError(f"{where} must be in {self.describe().split(' ', 1)[1]}, got {raw!r}")
        return value

    def to_dict(self, help_text: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "default": self.default,
            "help": help_text,
        }
        if self.type in ("int", "float"):
            out["range"] = [self.low, self.high]
        if self.type == "choice":
            out["choices"] = list(self.choices)
        return out


# ---------------------------------------------------------------------------------------
# What a lab draws. Every plot is a small dataclass of arrays/lists; renderers dispatch on
# its type.


@dataclass
class Curves:
    """Named series over steps or epochs (loss curves, accuracy, timings)."""

    title: str
    series: dict[str, list[float]]
    xlabel: str = "epoch"
    logy: bool = False
    smoothing: float = 0.0
    x: list[float] | None = None


@dataclass
class Boundary:
    """A decision boundary: `grid[i, j]` = P(class 1) (or a class id) at y_i, x_j, plus points."""

    title: str
    grid: np.ndarray
    extent: tuple[float, float, float, float]
    points: np.ndarray | None = None
    labels: np.ndarray | None = None
    classes: bool = False


@dataclass
class Histograms:
    """Several histograms side by side: `items` is a list of (name, values)."""

    title: str
    items: list[tuple[str, np.ndarray]]
    range: tuple[float, float] | None = None
    bins: int = 20


@dataclass
class Paths:
    """2-D optimizer paths `{name: (steps, 2) array}` over a contour grid of f."""

    title: str
    paths: dict[str, np.ndarray]
    grid: np.ndarray | None
    extent: tuple[float, float, float, float]


@dataclass
class Images:
    """Small images (filters, feature maps, inputs) with labels."""

    title: str
    items: list[tuple[str, np.ndarray]]
    signed: bool = False
    size: int | None = None


@dataclass
class TextSamples:
    """Generated or tokenised text: (label, text) pairs."""

    title: str
    items: list[tuple[str, str]]


@dataclass
class Table:
    """A small table of results."""

    title: str
    columns: list[str]
    rows: list[list[Any]]


Plot = Curves | Boundary | Histograms | Paths | Images | TextSamples | Table


@dataclass
class Frame:
    """One update from a running lab."""

    step: int
    total: int
    plots: list[Plot] = field(default_factory=list)
    metrics: dict[str, float] = field(default_factory=dict)
    message: str = ""
    final: bool = False
    record: Any = None  # the engine's StepRecord/EpochRecord when the frame comes from fit

    def plot(self, kind: type[Plot]) -> Plot | None:
        """The first plot of this type (`frame.plot(Curves)`), or None."""
        return next((p for p in self.plots if isinstance(p, kind)), None)

    def history(self) -> dict[str, dict[str, list[float]]]:
        """Every curve in the frame, by plot title: what `--json` prints as the history."""
        return {
            p.title: {k: [json_value(v) for v in vals] for k, vals in p.series.items()}
            for p in self.plots
            if isinstance(p, Curves)
        }


def json_value(value: Any) -> Any:
    """A value as JSON allows it: NumPy numbers as floats, NaN and infinities as None,
    anything else that is not a number as its text."""
    if isinstance(value, bool | int | str) or value is None:
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return number if math.isfinite(number) else None


RunFn = Callable[[dict[str, Any], np.random.Generator, str], Iterator[Frame]]


@dataclass(frozen=True)
class Lab:
    """A lab's description and its run function."""

    id: str
    lesson: str
    words: Words  # lab_title, lab_summary, knob_NAME for every knob, and the run's texts
    knobs: tuple[Knob, ...]
    run_fn: RunFn
    quick: Mapping[str, Any] = field(default_factory=dict)  # small settings for tests
    needs: tuple[str, ...] = ()  # artefacts or data it needs, for --list

    def __post_init__(self) -> None:
        wanted = ["lab_title", "lab_summary", *(f"knob_{k.name}" for k in self.knobs)]
        missing = [key for key in wanted if key not in self.words]
        if missing:
            raise ValueError(f"lab {self.id}: its words lack {', '.join(missing)}")

    def title(self, lang: str = "en") -> str:
        return self.words.get(lang, "lab_title")

    def summary(self, lang: str = "en") -> str:
        return self.words.get(lang, "lab_summary")

    def help(self, knob: Knob, lang: str = "en") -> str:
        """What the knob changes, in `lang`."""
        return self.words.get(lang, f"knob_{knob.name}")

    def knob(self, name: str) -> Knob | None:
        key = name.replace("-", "_")
        return next((k for k in self.knobs if k.name == key), None)

    def resolve(self, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Defaults overlaid with `values`, each checked; unknown names are an error."""
        out = {k.name: k.default for k in self.knobs}
        for name, raw in (values or {}).items():
            knob = self.knob(name)
            if knob is None:
                names = ", ".join(k.name for k in self.knobs) or "none"
                raise KnobError(f"lab {self.id} has no knob {name!r}; its knobs: {names}")
            out[knob.name] = knob.parse(raw)
        return out

    def run(
        self, knobs: Mapping[str, Any] | None = None, seed: int = 0, lang: str = "en"
    ) -> Iterator[Frame]:
        """Run with validated knobs and a seeded generator; yields frames, the last `final`.

        `lang` only changes the words the frames carry; the numbers are the same.
        """
        values = self.resolve(knobs)
        rng = np.random.default_rng(seed)
        last: Frame | None = None
        with blas_threads(lab_threads()):
            for frame in self.run_fn(values, rng, lang if lang in LANGS else "en"):
                last = frame
                yield frame
        if last is not None and not last.final:
            last.final = True

    def run_to_end(
        self, knobs: Mapping[str, Any] | None = None, seed: int = 0, lang: str = "en"
    ) -> Frame:
        """Run headless and return the final frame (tests and scripts)."""
        last = None
        for frame in self.run(knobs, seed, lang):
            last = frame
        if last is None:
            raise LabError(f"lab {self.id} produced no frames")
        return last

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "id": self.id,
            "lesson": self.lesson,
            "title": self.title(lang),
            "summary": self.summary(lang),
            "knobs": [k.to_dict(self.help(k, lang)) for k in self.knobs],
            "needs": list(self.needs),
        }


# ---------------------------------------------------------------------------------------
# Knob shorthands the labs share


def int_knob(name: str, default: int, low: int, high: int) -> Knob:
    return Knob(name, "int", default, low=low, high=high)


def float_knob(name: str, default: float, low: float, high: float) -> Knob:
    return Knob(name, "float", default, low=low, high=high)


def choice_knob(name: str, default: str, choices: Sequence[str]) -> Knob:
    return Knob(name, "choice", default, choices=tuple(choices))


def bool_knob(name: str, default: bool) -> Knob:
    return Knob(name, "bool", default)
