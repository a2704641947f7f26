"""One way to say things in two languages.

Every table of words a person reads (course, labs, exercises, quizzes, CLI, app, renderers)
is a `Words`: `{"en": {key: text}, "ja": {key: text}}`, looked up as `words.get(lang, key,
**values)`. A key or language that is missing falls back to English, so a gap shows English
rather than an error; `tests/lessons/test_words.py` checks that both languages define the
same keys in every table, so gaps are caught before they ship.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGS = ("en", "ja")
FALLBACK = "en"


class Words:
    """A named table of texts by language, then key."""

    registry: list[Words] = []  # every table made, for the key-parity test

    def __init__(self, name: str, table: Mapping[str, Mapping[str, str]]) -> None:
        if FALLBACK not in table:
            raise ValueError(f"words {name!r} has no {FALLBACK!r} table")
        self.name = name
        self.table = {lang: dict(texts) for lang, texts in table.items()}
        Words.registry.append(self)

    def get(self, lang: str, key: str, **values: object) -> str:
        """The text `key` in `lang` (English when missing there), formatted with `values`."""
        texts = self.table.get(lang, {})
        text = texts[key] if key in texts else self.table[FALLBACK][key]
        return text.format(**values) if values else text

    def of(self, lang: str) -> dict[str, str]:
        """Every text in `lang`, English filling the gaps."""
        return self.table[FALLBACK] | self.table.get(lang, {})

    def __contains__(self, key: str) -> bool:
        return key in self.table[FALLBACK]

    def gaps(self) -> list[str]:
        """Keys one language defines and another does not, as 'lang: key' lines."""
        keys = set().union(*(texts.keys() for texts in self.table.values()))
        return sorted(
            f"{lang}: {key}"
            for lang in LANGS
            for key in keys
            if key not in self.table.get(lang, {})
        )
