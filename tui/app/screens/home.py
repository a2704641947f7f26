"""The home screen: the course map with reading state, mastery and due reviews."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from dltutor.tui.app.data.course import LessonState, continue_key, course_map, mark, mastery_bar
from dltutor.tui.app.strings import WORDS


class HomeScreen(Screen[None]):
    """Lists the lessons; Enter opens one, `c` continues where the learner left off."""

    BINDINGS = [
        Binding("q", "app.quit", "Quit"),
        Binding("c", "continue", "Continue"),
        Binding("r", "app.review", "Review"),
        Binding("m", "app.models", "Models"),
        Binding("x", "exercises", "Exercises", show=False),
        Binding("L", "app.toggle_language", "Language"),
        Binding("t", "app.toggle_theme", "Theme", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="intro")
        yield Static(id="status")
        yield OptionList(id="lesson-list")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_map()
        self.set_timer(0.5, self._warm_up)

    @work(thread=True, exclusive=True, group="warm-up")
    def _warm_up(self) -> None:
        """Import the engine in the background once the map is shown, so the first lab opens
        at once instead of after NumPy and the engine load."""
        import dltutor.lessons.labs  # noqa: F401

    def on_screen_resume(self) -> None:
        self.refresh_map()

    def language_changed(self) -> None:
        self.refresh_map()

    def refresh_map(self) -> None:
        """Re-read the store: coming back from a lesson or a quiz changes the marks."""
        store = getattr(self.app, "store", None)
        lang = self.app.lang
        states = course_map(store, lang)
        self.query_one("#intro", Static).update(WORDS.get(lang, "home_intro"))
        listing = self.query_one("#lesson-list", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        listing.add_options([Option(self._line(s, lang), id=s.key) for s in states])
        resume = continue_key(store, lang)
        self._resume: str | None = resume  # the lesson `c` opens
        if highlighted is None and resume is not None:
            highlighted = next((i for i, s in enumerate(states) if s.key == resume), 0)
        listing.highlighted = highlighted
        due = sum(s.due for s in states)
        done = sum(s.read == "finished" for s in states)
        title = next((f"{s.id} {s.title}" for s in states if s.key == resume), "")
        opened = any(s.read for s in states)
        head = WORDS.get(lang, "home_continue" if opened else "home_start", title=title)
        tail = WORDS.get(lang, "home_due", n=due) if due else WORDS.get(lang, "home_none_due")
        progress = WORDS.get(lang, "home_done", done=done, total=len(states))
        self.query_one("#status", Static).update(f"{head}  ·  {tail}  ·  {progress}")
        listing.focus()

    @staticmethod
    def _line(state: LessonState, lang: str) -> Text:
        line = Text()
        line.append(f"{mark(state)} {state.id}  ")
        line.append(state.title, style="bold" if state.read != "finished" else "")
        line.append(f"  {state.minutes} {WORDS.get(lang, 'minutes')}", style="dim")
        extra = mastery_bar(state.mastery).rstrip()
        if extra:
            line.append(f"  {extra}", style="green")
        if state.due:
            line.append(f"  ⟳{state.due}", style="yellow")
        return line

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.app.open_lesson(event.option.id or "")

    def action_exercises(self) -> None:
        self.app.open_exercises()

    def action_continue(self) -> None:
        if self._resume:
            self.app.open_lesson(self._resume)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
