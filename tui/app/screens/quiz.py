"""Quiz and review: every question type answered by keys, feedback with the explanation and
a jump to the lesson section it tests, and a summary at the end."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from rich.markup import escape
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from dltutor.lessons.words import Words
from dltutor.tui.app.strings import tr

if TYPE_CHECKING:
    from dltutor.lessons.quiz import Feedback, Presented, QuizSession


WORDS = Words(
    "app-quiz",
    {
        "en": {
            "course": "whole course",
            "progress": "{kind} {lesson} · question {i}/{n} · {right} correct so far",
            "keys_multi": "Letters toggle a choice; Enter submits.",
            "keys_order": "Press the letters in order; Backspace undoes; Enter submits.",
            "picked_multi": "Picked: {x}",
            "picked_order": "Your order: {x}",
            "next": "Enter: next question · g: read the section again · Esc: leave",
            "last": "Enter: see the summary · g: read the section again · Esc: leave",
            "summary": "{kind} finished: {right}/{n} correct ({score:.0%}).",
            "summary_keys": "Enter or Esc: back · g: read the first missed section again",
            "again": "Read again: {places}",
        },
        "ja": {
            "course": "コース全体",
            "progress": "{kind} {lesson} · {i}/{n} 問目 · 正解 {right} 問",
            "keys_multi": "記号キーで選択を切り替え、Enter で回答します。",
            "keys_order": "記号キーを順に押し（Backspace で 1 つ戻す）、Enter で回答します。",
            "picked_multi": "選択中: {x}",
            "picked_order": "並び順: {x}",
            "next": "Enter: 次の問題 · g: 該当箇所を読み直す · Esc: 終了",
            "last": "Enter: 結果を見る · g: 該当箇所を読み直す · Esc: 終了",
            "summary": "{kind}終了: {n} 問中 {right} 問正解（{score:.0%}）です。",
            "summary_keys": "Enter か Esc: 戻る · g: 最初に間違えた箇所を読み直す",
            "again": "読み直す箇所: {places}",
        },
    },
)


class Mode(StrEnum):
    """What the screen shows, and so what a key does."""

    ASK = "ask"  # a question: keys pick, Enter submits
    FEEDBACK = "feedback"  # the verdict and explanation: Enter goes on
    SUMMARY = "summary"  # the end: Enter leaves


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
        self.picks: tuple[int, ...] = ()  # stored choice indices, in the order pressed
        self.mode = Mode.ASK

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

    def word(self, key: str, **values: object) -> str:
        return WORDS.get(self.app.lang, key, **values)

    @property
    def title_word(self) -> str:
        return tr(self.app.lang, "review" if self.review else "quiz")

    def on_mount(self) -> None:
        self.sub_title = self.title_word
        self.advance()

    # --- the question -------------------------------------------------------------------

    def advance(self) -> None:
        self.feedback = None
        self.picks = ()
        self.shown = self.session.next()
        if self.shown is None:
            self.show_summary()
            return
        self.mode = Mode.ASK
        self.query_one("#prompt", Static).update(escape(self.shown.prompt))
        self.query_one("#feedback", Static).update("")
        answer = self.query_one("#answer", Input)
        typed = not self.shown.question.kind.has_choices
        answer.display = typed
        answer.value = ""
        answer.disabled = False
        if typed:
            answer.placeholder = self.shown.hint
            answer.focus()
        else:
            self.query_one("#quiz-body").focus()
        self.render_question()

    def render_question(self) -> None:
        shown = self.shown
        lesson = self.session.lesson or ("" if self.review else self.word("course"))
        right = sum(f.correct for f in self.session.results)
        self.query_one("#quiz-progress", Static).update(
            self.word(
                "progress",
                kind=self.title_word,
                lesson=lesson,
                i=self.session.index + 1,
                n=self.session.total,
                right=right,
            )
        )
        if shown is None:
            return
        kind = shown.question.kind
        lines = [
            f"{kind.mark(self.picks, index)} {letter}) {escape(text)}"
            for index, (letter, text) in zip(shown.order, shown.choices, strict=True)
        ]
        self.query_one("#choices", Static).update("\n".join(lines))
        hint = shown.hint
        if kind.collects_picks:
            picked = kind.picked(shown, self.picks) or "-"
            hint += "  " + self.word(f"keys_{kind.name}")
            hint += "  " + self.word(f"picked_{kind.name}", x=picked)
        self.query_one("#hint", Static).update(escape(hint))

    def submit(self, raw: str | None = None) -> None:
        """Answer with typed text, or with the picks when `raw` is None."""
        from dltutor.lessons.quiz import AnswerError

        try:
            if raw is None:
                self.feedback = self.session.answer_picks(self.picks)
            else:
                self.feedback = self.session.answer(raw)
        except AnswerError as error:
            self.notify(str(error), severity="warning")
            return
        self.mode = Mode.FEEDBACK
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
        text.append(f"[dim]{self.word('last' if last else 'next')}[/dim]")
        self.query_one("#feedback", Static).update("\n".join(text))
        self.query_one("#quiz-body", VerticalScroll).scroll_end(animate=False)

    def show_summary(self) -> None:
        self.mode = Mode.SUMMARY
        summary = self.session.summary()
        self.render_question()
        headline = self.word(
            "summary",
            kind=self.title_word,
            right=summary.correct,
            n=summary.asked,
            score=summary.score,
        )
        self.query_one("#prompt", Static).update(f"[b]{headline}[/b]")
        lines = []
        for fb in self.session.results:
            mark = "✓" if fb.correct else "✗"
            lines.append(f"{mark} {escape(fb.question.id)}  {escape(fb.presented.prompt[:60])}")
        wrong = [fb.section for fb in self.session.results if not fb.correct]
        if wrong:
            places = ", ".join(dict.fromkeys(f"{s.lesson} {s.title or s.slug}" for s in wrong))
            lines += ["", escape(self.word("again", places=places))]
        self.query_one("#choices", Static).update("\n".join(lines))
        self.query_one("#hint", Static).update("")
        self.query_one("#answer", Input).display = False
        self.query_one("#feedback", Static).update(f"[dim]{self.word('summary_keys')}[/dim]")
        self.query_one("#quiz-body").focus()

    # --- keys ---------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.mode is Mode.ASK:
            self.submit(event.value)

    def on_key(self, event: events.Key) -> None:
        if isinstance(self.focused, Input) and not self.focused.disabled:
            return
        key = event.key
        if self.mode is Mode.FEEDBACK:
            if key in ("enter", "n", "space"):
                event.stop()
                self.advance()
            return
        if self.mode is Mode.SUMMARY:
            if key == "enter":
                event.stop()
                self.app.pop_screen()
            return
        shown = self.shown
        if shown is None:
            return
        kind = shown.question.kind
        letters = [letter for letter, _ in shown.choices]
        char = (event.character or "").lower()
        if char.isdigit() and 1 <= int(char) <= len(letters):  # the hint offers numbers too
            char = letters[int(char) - 1]
        if char in letters:
            event.stop()
            self.picks = kind.pick(self.picks, shown.order[letters.index(char)])
            if kind.submits_on_pick:
                self.submit()
                return
            self.render_question()
        elif key == "backspace" and self.picks:
            event.stop()
            self.picks = self.picks[:-1]
            self.render_question()
        elif key == "enter" and kind.collects_picks:
            event.stop()
            self.submit()

    def language_changed(self) -> None:
        """Redraw the screen's own words; the questions stay in the language they were drawn."""
        self.sub_title = self.title_word
        if self.mode is Mode.SUMMARY:
            self.show_summary()
            return
        self.render_question()
        if self.mode is Mode.FEEDBACK and self.feedback is not None:
            self.show_feedback(self.feedback)

    def action_goto_section(self) -> None:
        target = None
        if self.mode is Mode.FEEDBACK and self.feedback is not None:
            target = self.feedback.section
        elif self.mode is Mode.SUMMARY:
            target = next((fb.section for fb in self.session.results if not fb.correct), None)
        if target is not None:
            self.app.open_lesson(target.lesson, section=target.slug)

    def action_leave(self) -> None:
        self.app.pop_screen()
