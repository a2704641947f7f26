"""The command palette (Ctrl+P): every screen and action, and every lesson, quiz and lab."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class DLTutorCommands(Provider):
    """Screens, actions and the course, searchable by name."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from dltutor.lessons.catalog import lessons

        app = self.app
        ja = getattr(app, "lang", "en") == "ja"
        found: list[tuple[str, str, Callable[[], object]]] = [
            ("Course map" if not ja else "コース一覧", "the list of lessons", app.action_home),
            (
                "Review due questions" if not ja else "復習（期限の来た問題）",
                "spaced-repetition review",
                app.action_review,
            ),
            (
                "Model playground" if not ja else "モデルで遊ぶ",
                "classify images and text, generate text",
                app.action_models,
            ),
            (
                "Model inspector" if not ja else "モデルの中身",
                "the ONNX graph and the model card",
                partial(app.action_models, inspect=True),
            ),
            ("Help: keys" if not ja else "ヘルプ：キー操作", "every key", app.action_help),
            (
                "Toggle language en/ja" if not ja else "言語の切り替え en/ja",
                "English ↔ 日本語",
                app.action_toggle_language,
            ),
            (
                "Toggle dark/light theme" if not ja else "テーマの切り替え",
                "remembered for next time",
                app.action_toggle_theme,
            ),
            (
                "Quiz: whole course" if not ja else "クイズ：コース全体",
                "10 questions from every lesson",
                partial(app.open_quiz, None),
            ),
        ]
        for lesson in lessons(app.lang):
            found.append(
                (
                    f"Lesson {lesson.id}: {lesson.title}",
                    lesson.summary,
                    partial(app.open_lesson, lesson.key),
                )
            )
            if lesson.quiz:
                found.append(
                    (
                        f"Quiz {lesson.id}: {lesson.title}",
                        "10 questions",
                        partial(app.open_quiz, lesson.id),
                    )
                )
            for lab in lesson.labs:
                found.append((f"Lab {lab}", f"from lesson {lesson.id}", partial(app.open_lab, lab)))
        return found

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands()[:8]:
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
