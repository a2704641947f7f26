"""Shared test helpers.

`require_data` (a fixture returning a function): call it with a path that must exist, or with
the exception a loader raised; the test is skipped with the reason, or fails when the
environment sets DLTUTOR_REQUIRE_DATA=1 (CI installs the data, so a skip there is a bug).

    def test_accuracy(require_data):
        try:
            data = load_fashion_mnist()
        except FileNotFoundError as exc:
            require_data(exc)
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def require_data_or_skip(path_or_exc) -> None:
    if isinstance(path_or_exc, BaseException):
        reason = f"data set missing: {path_or_exc}"
    else:
        path = Path(path_or_exc)
        if path.exists():
            return
        reason = f"data set missing: {path} does not exist"
    if os.environ.get("DLTUTOR_REQUIRE_DATA") == "1":
        pytest.fail(f"DLTUTOR_REQUIRE_DATA=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def require_data():
    return require_data_or_skip
