"""The dltutor Textual application: screens for the course, labs, quizzes and models."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from dltutor.tui.app.commands import DLTutorCommands
from dltutor.tui.app.screens.help import HelpScreen
from dltutor.tui.app.screens.home import HomeScreen
from dltutor.tui.app.strings import WORDS, localize_bindings
from dltutor.tui.locale import locale_lang

if TYPE_CHECKING:
    from dltutor.lessons.progress.store import ProgressStore

LANGS = ("en", "ja")
THEMES = ("textual-dark", "textual-light")


class DLTutorApp(App[None]):
    """Keyboard-first deep-learning tutor.

    `lang=None` takes the language remembered in the progress store (else the locale's);
    the theme is remembered the same way.
    """

    CSS_PATH = "app.tcss"
    TITLE = "dltutor"
    COMMANDS = App.COMMANDS | {DLTutorCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, lang: str | None = None, *, store: ProgressStore | None = None) -> None:
        super().__init__()
        self.store: ProgressStore | None = store
        self._store_error = ""
        if self.store is None:
            self._open_store()
        remembered = self.setting("lang")
        self.lang = (
            lang if lang in LANGS else (remembered if remembered in LANGS else locale_lang())
        )
        theme = self.setting("theme")
        if theme in self.available_themes:
            self.theme = theme

    def _open_store(self) -> None:
        from dltutor.lessons.progress.store import ProgressError, ProgressStore

        try:
            self.store = ProgressStore.open()
        except ProgressError as error:
            self._store_error = str(error)

    # --- settings kept in the progress store --------------------------------------------

    def setting(self, key: str) -> str | None:
        """A remembered setting, or None without a readable store."""
        if self.store is None:
            return None
        try:
            return self.store.get_setting(key)
        except Exception:  # a locked or damaged store must not stop the app
            return None

    def remember(self, key: str, value: str) -> None:
        """Keep a setting for next time; a store that refuses it only costs a warning."""
        if self.store is None:
            return
        try:
            self.store.set_setting(key, value)
        except Exception as error:
            self.notify(
                WORDS.get(self.lang, "setting_failed", key=key, error=error), severity="warning"
            )

    # --- lifecycle ----------------------------------------------------------------------

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        self.screen_change_signal.subscribe(self, self._screen_changed)
        self.push_screen(HomeScreen())
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self._store_error:
            self.notify(
                WORDS.get(self.lang, "store_error", error=self._store_error),
                title=WORDS.get(self.lang, "progress"),
                severity="error",
                timeout=10,
            )
        for warning in getattr(self.store, "warnings", []):
            self.notify(
                warning, title=WORDS.get(self.lang, "progress"), severity="warning", timeout=10
            )

    def _screen_changed(self, screen: object) -> None:
        """A screen shown for the first time gets its footer words in the current language."""
        if getattr(screen, "_localized", None) != self.lang:
            self.localize(screen)

    def localize(self, screen: object) -> None:
        """Footer descriptions of `screen` and everything on it, in the app's language."""
        nodes = [screen, *getattr(screen, "walk_children", lambda: [])()]
        for node in nodes:
            localize_bindings(node, self.lang)
        screen._localized = self.lang  # type: ignore[attr-defined]
        screen.refresh_bindings()  # type: ignore[attr-defined]

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()

    def _theme_changed(self, theme: object) -> None:
        """Remember a theme picked by key or from the palette's own theme command."""
        name = getattr(theme, "name", None)
        if name and name != self.setting("theme"):
            self.remember("theme", name)

    # --- app-wide actions (also in the command palette) -----------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_language(self) -> None:
        """Switch en ↔ ja, remember it, and redraw the screens that show course text."""
        self.lang = "ja" if self.lang == "en" else "en"
        self.remember("lang", self.lang)
        localize_bindings(self, self.lang)
        for screen in self.screen_stack:
            refresh = getattr(screen, "language_changed", None)
            if refresh is not None:
                refresh()
            self.localize(screen)
        self.notify(WORDS.get(self.lang, "language"))

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]

    def action_home(self) -> None:
        """Back to the course map: the stack holds Textual's default screen, then home."""
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def open_lesson(self, key: str, section: str | None = None) -> None:
        from dltutor.lessons.catalog import LessonError
        from dltutor.tui.app.screens.lesson import LessonScreen

        try:
            self.push_screen(LessonScreen(key, section=section))
        except LessonError as error:
            self.notify(str(error), severity="error")

    def open_quiz(self, lesson: str | None, n: int = 10, seed: int | None = None) -> None:
        from dltutor.lessons.quiz import QuizError, build_quiz
        from dltutor.tui.app.screens.quiz import QuizScreen

        try:
            session = build_quiz(lesson, n=n, seed=seed, lang=self.lang, store=self.store)
        except QuizError as error:
            self.notify(str(error), title=WORDS.get(self.lang, "quiz"), severity="error")
            return
        self.push_screen(QuizScreen(session))

    def action_review(self) -> None:
        from dltutor.lessons.quiz import build_review
        from dltutor.tui.app.screens.quiz import QuizScreen

        if self.store is None:
            self.notify(WORDS.get(self.lang, "review_needs_store"), severity="error")
            return
        session = build_review(self.store, lang=self.lang)
        if not session.total:
            self.notify(WORDS.get(self.lang, "nothing_due"))
            return
        self.push_screen(QuizScreen(session, review=True))

    def open_lab(self, lab_id: str) -> None:
        from dltutor.tui.app.screens.lab import LabScreen, load_lab

        lab = load_lab(self, lab_id)
        if lab is not None:
            self.push_screen(LabScreen(lab))

    def open_exercises(self, lesson: str | None = None) -> None:
        """The exercises (a lesson's own when `lesson` is given)."""
        from dltutor.tui.app.screens.exercises import ExercisesScreen

        self.push_screen(ExercisesScreen(lesson))

    def action_models(self, inspect: bool = False) -> None:
        from dltutor.tui.app.screens.models import ModelsScreen

        self.push_screen(ModelsScreen(inspect=inspect))
