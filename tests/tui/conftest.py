"""TUI test fixtures: every test gets its own progress folder (never the real data dir)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.message import Message
from textual.notifications import Notify


@pytest.fixture(autouse=True)
def dltutor_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`DLTUTOR_HOME` in a fresh tmp folder, and no language taken from the locale."""
    home = tmp_path / "home"
    monkeypatch.setenv("DLTUTOR_HOME", str(home))
    monkeypatch.delenv("DLTUTOR_LANG", raising=False)
    return home


@pytest.fixture
def no_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty models folder: the screens show how to get a model, the same on every machine."""
    folder = tmp_path / "models"
    folder.mkdir()
    monkeypatch.setenv("DLTUTOR_MODELS_DIR", str(folder))
    return folder


class Notes(list[str]):
    """A `run_test(message_hook=...)` that keeps the text of every notification posted."""

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.append(message.notification.message)


@pytest.fixture
def notes() -> Notes:
    """What the app told the learner in notifications, in order."""
    return Notes()
