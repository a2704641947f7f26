"""Quiz and review: every question type answered by keys, feedback with the explanation and
a jump to the lesson section it tests, and a summary at the end."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from dltutor.lessons.quiz.strings import t as quiz_words
from dltutor.tui.app.strings import words_for

if TYPE_CHECKING:
    from dltutor.lessons.quiz import Feedback, Presented, QuizSession


class QuizScreen(Screen[None]):
    """Drives one `QuizSession`; `review=True` titles it as a spaced-repetition review."""

    BINDINGS = [
        Binding("escape", "leave", "Leave"),
        Binding("g", "goto_section", "Read section", show=False),
    ]

    def __init__(self, session: QuizSession, *, review: bool = False) -> None:
        super().__init__()
        self.session = session
        self.review = review
        self.shown: Presented | None = None
        self.feedback: Feedback | None = None
        self.picks: list[str] = []
        self.mode = "ask"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="quiz-progress")
        with VerticalScroll(id="quiz-body"):
            yield Static(id="prompt")
            yield Static(id="choices")
            yield Static(id="hint")
            yield Input(id="answer")
            yield Static(id="feedback")
        yield Footer()

    @property
    def words(self) -> dict[str, str]:
        return words_for(self.app.lang)

    def on_mount(self) -> None:
        self.sub_title = self.words["review" if self.review else "quiz"]
        self.advance()

    # --- the question -------------------------------------------------------------------

    def advance(self) -> None:
        self.feedback = None
        self.picks = []
        self.shown = self.session.next()
        if self.shown is None:
            self.show_summary()
            return
        self.mode = "ask"
        self.query_one("#prompt", Static).update(escape(self.shown.prompt))
        self.query_one("#feedback", Static).update("")
        answer = self.query_one("#answer", Input)
        typed = self.shown.question.type in ("numeric", "text")
        answer.display = typed
        answer.value = ""
        answer.disabled = False
        if typed:
            answer.placeholder = quiz_words(f"hint_{self.shown.question.type}", self.app.lang)
            answer.focus()
        else:
            self.query_one("#quiz-body").focus()
        self.render_question()

    def render_question(self) -> None:
        shown = self.shown
        words = self.words
        kind = "review" if self.review else "quiz"
        lesson = self.session.lesson or ("" if self.review else words["quiz_course"])
        right = sum(f.correct for f in self.session.results)
        self.query_one("#quiz-progress", Static).update(
            words["quiz_progress"].format(
                kind=words[kind],
                lesson=lesson,
                i=self.session.index + 1,
                n=self.session.total,
                right=right,
            )
        )
        if shown is None:
            return
        lines = []
        for letter, text in shown.choices:
            if shown.question.type == "multi":
                box = "[x]" if letter in self.picks else "[ ]"
                lines.append(f"{box} {letter}) {escape(text)}")
            elif shown.question.type == "order" and letter in self.picks:
                lines.append(f" {self.picks.index(letter) + 1}. {letter}) {escape(text)}")
            else:
                lines.append(f"    {letter}) {escape(text)}")
        self.query_one("#choices", Static).update("\n".join(lines))
        hint = shown.hint
        if shown.question.type == "multi":
            hint += (
                "  "
                + words["quiz_enter_multi"]
                + "  "
                + words["quiz_picked"].format(x=",".join(sorted(self.picks)) or "-")
            )
        elif shown.question.type == "order":
            hint += (
                "  "
                + words["quiz_enter_order"]
                + "  "
                + words["quiz_order"].format(x=",".join(self.picks) or "-")
            )
        self.query_one("#hint", Static).update(escape(hint))

    def submit(self, raw: str) -> None:
        from dltutor.lessons.quiz import AnswerError

        try:
            self.feedback = self.session.answer(raw)
        except AnswerError as error:
            self.notify(str(error), severity="warning")
            return
        self.mode = "feedback"
        self.query_one("#answer", Input).disabled = True
        self.query_one("#quiz-body").focus()
        self.render_question()
        self.show_feedback(self.feedback)

    def show_feedback(self, fb: Feedback) -> None:
        style = "bold green" if fb.correct else "bold red"
        mark = "✓" if fb.correct else "✗"
        text = [f"[{style}]{mark} {escape(fb.headline)}[/]"]
        text += [escape(line) for line in fb.lines()[1:]]
        last = self.session.index + 1 >= self.session.total
        text.append("")
        text.append(f"[dim]{self.words['quiz_last' if last else 'quiz_next']}[/dim]")
        self.query_one("#feedback", Static).update("\n".join(text))
        self.query_one("#quiz-body", VerticalScroll).scroll_end(animate=False)

    def show_summary(self) -> None:
        self.mode = "summary"
        summary = self.session.summary()
        words = self.words
        kind = words["review" if self.review else "quiz"]
        self.render_question()
        self.query_one("#prompt", Static).update(
            f"[b]{words['quiz_summary'].format(kind=kind, right=summary.correct, n=summary.asked, score=summary.score)}[/b]"
        )
        lines = []
        for fb in self.session.results:
            mark = "✓" if fb.correct else "✗"
            lines.append(f"{mark} {escape(fb.question.id)}  {escape(fb.presented.prompt[:60])}")
        wrong = [fb.section for fb in self.session.results if not fb.correct]
        if wrong:
            places = ", ".join(dict.fromkeys(f"{s.lesson} {s.title or s.slug}" for s in wrong))
            lines += ["", escape(words["quiz_again"].format(places=places))]
        self.query_one("#choices", Static).update("\n".join(lines))
        self.query_one("#hint", Static).update("")
        self.query_one("#answer", Input).display = False
        self.query_one("#feedback", Static).update(f"[dim]{words['quiz_summary_keys']}[/dim]")
        self.query_one("#quiz-body").focus()

    # --- keys ---------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.mode == "ask":
            self.submit(event.value)

    def on_key(self, event: events.Key) -> None:
        if isinstance(self.focused, Input) and not self.focused.disabled:
            return
        key = event.key
        if self.mode == "feedback":
            if key in ("enter", "n", "space"):
                event.stop()
                self.advance()
            return
        if self.mode == "summary":
            if key == "enter":
                event.stop()
                self.app.pop_screen()
            return
        shown = self.shown
        if shown is None:
            return
        letters = [letter for letter, _ in shown.choices]
        kind = shown.question.type
        char = (event.character or "").lower()
        if char.isdigit() and 1 <= int(char) <= len(letters):  # the hint offers numbers too
            char = letters[int(char) - 1]
        if char in letters:
            event.stop()
            if kind == "single":
                self.submit(char)
                return
            if kind == "multi":
                if char in self.picks:
                    self.picks.remove(char)
                else:
                    self.picks.append(char)
            elif kind == "order" and char not in self.picks:
                self.picks.append(char)
            self.render_question()
        elif key == "backspace" and self.picks:
            event.stop()
            self.picks.pop()
            self.render_question()
        elif key == "enter" and kind in ("multi", "order"):
            event.stop()
            self.submit(",".join(sorted(self.picks) if kind == "multi" else self.picks))

    def language_changed(self) -> None:
        """Redraw the screen's own words; the questions stay in the language they were drawn."""
        self.sub_title = self.words["review" if self.review else "quiz"]
        if self.mode == "summary":
            self.show_summary()
            return
        self.render_question()
        if self.mode == "feedback" and self.feedback is not None:
            self.show_feedback(self.feedback)

    def action_goto_section(self) -> None:
        target = None
        if self.mode == "feedback" and self.feedback is not None:
            target = self.feedback.section
        elif self.mode == "summary":
            target = next((fb.section for fb in self.session.results if not fb.correct), None)
        if target is not None:
            self.app.open_lesson(target.lesson, section=target.slug)

    def action_leave(self) -> None:
        self.app.pop_screen()
