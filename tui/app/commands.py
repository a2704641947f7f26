"""The command palette (Ctrl+P): every screen and action, and every lesson, quiz and lab."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from dltutor.tui.app.strings import WORDS

APP_COMMANDS = 8  # the screens and actions listed first; the course follows


class DLTutorCommands(Provider):
    """Screens, actions and the course, searchable by name."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from dltutor.lessons.catalog import lessons

        app = self.app
        lang = getattr(app, "lang", "en")

        def words(key: str) -> tuple[str, str]:
            return WORDS.get(lang, key), WORDS.get(lang, f"{key}_help")

        found: list[tuple[str, str, Callable[[], object]]] = [
            (*words("cmd_home"), app.action_home),
            (*words("cmd_review"), app.action_review),
            (*words("cmd_models"), app.action_models),
            (*words("cmd_inspect"), partial(app.action_models, inspect=True)),
            (*words("cmd_help"), app.action_help),
            (*words("cmd_lang"), app.action_toggle_language),
            (*words("cmd_theme"), app.action_toggle_theme),
            (*words("cmd_quiz_all"), partial(app.open_quiz, None)),
        ]
        for lesson in lessons(lang):
            found.append(
                (
                    WORDS.get(lang, "cmd_lesson", id=lesson.id, title=lesson.title),
                    lesson.summary,
                    partial(app.open_lesson, lesson.key),
                )
            )
            if lesson.quiz:
                found.append(
                    (
                        WORDS.get(lang, "cmd_quiz", id=lesson.id, title=lesson.title),
                        WORDS.get(lang, "cmd_quiz_help"),
                        partial(app.open_quiz, lesson.id),
                    )
                )
            for lab in lesson.labs:
                found.append(
                    (
                        WORDS.get(lang, "cmd_lab", lab=lab),
                        WORDS.get(lang, "cmd_lab_help", id=lesson.id),
                        partial(app.open_lab, lab),
                    )
                )
        return found

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands()[:APP_COMMANDS]:
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
