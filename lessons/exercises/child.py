"""The sandbox target of a check: load the learner's file, run the exercise's check on it.

Runs in the child only (`dltutor.lessons.sandbox` imports it there). The learner's file is
compiled and run under its own file name, so their tracebacks point at their lines.
"""

from __future__ import annotations

import types
import warnings
from importlib import import_module
from pathlib import Path
from typing import Any

import numpy as np

from dltutor.lessons.exercises.checking import Checker
from dltutor.lessons.sandbox import learner_traceback


def load_learner(path: Path) -> dict[str, Any]:
    """Run the learner's file as a module named `learner`; its namespace."""
    source = path.read_text(encoding="utf-8")
    module = types.ModuleType("learner")
    module.__file__ = str(path)
    code = compile(source, str(path), "exec")
    exec(code, module.__dict__)  # noqa: S102 - this is the point: the learner's own code
    return module.__dict__


def run(payload: dict[str, Any]) -> dict[str, Any]:
    """{"load_error": traceback} when the file does not run, {"missing": [names]} when it
    lacks a name the exercise asks for, else {"checks": [result, …]}."""
    path = Path(payload["file"])
    files = [str(path)]
    try:
        ns = load_learner(path)
    except (MemoryError, RecursionError):
        raise
    except BaseException as error:  # noqa: BLE001 - a SyntaxError, a NameError, sys.exit…
        return {"load_error": learner_traceback(error, files)}
    missing = [name for name in payload.get("implements", ()) if name not in ns]
    if missing:
        return {"missing": missing}
    check = import_module(payload["check"]).check
    checker = Checker(files, seed=int(payload.get("seed", 0)))
    # overflow warnings from book-style code (exp(1000) in sigmoid) are not failures
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        check(ns, checker)
    return {"checks": checker.results}
