"""Every table of words says the same things in both languages."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

from dltutor.lessons.words import Words


def _import_everything() -> None:
    for package in ("dltutor.lessons", "dltutor.tui"):
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, package + "."):
            importlib.import_module(info.name)


_import_everything()


def test_words_fall_back_to_english() -> None:
    words = Words(
        "test-fallback", {"en": {"hi": "hello {name}", "bye": "bye"}, "ja": {"hi": "{name}さん"}}
    )
    assert words.get("ja", "hi", name="A") == "Aさん"
    assert words.get("ja", "bye") == "bye"
    assert words.get("fr", "hi", name="A") == "hello A"
    assert words.gaps() == ["ja: bye"]
    Words.registry.remove(words)


@pytest.mark.parametrize("words", Words.registry, ids=lambda w: w.name)
def test_both_languages_define_the_same_keys(words: Words) -> None:
    assert not words.gaps(), f"{words.name}: {words.gaps()}"
