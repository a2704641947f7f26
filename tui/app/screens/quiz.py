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

if TYPE_CHECKING:
    from dltutor.lessons.quiz import Feedback, Presented, QuizSession

WORDS = {
    "en": {
        "quiz": "Quiz",
        "review": "Review",
        "course": "whole course",
        "progress": "{kind} {lesson} · question {i}/{n} · {right} correct so far",
        "picked": "Picked: {x}",
        "order": "Your order: {x}",
        "next": "Enter: next question · g: read the section again · Esc: leave",
        "last": "Enter: see the summary · g: read the section again · Esc: leave",
        "summary": "{kind} finished: {right}/{n} correct ({score:.0%}).",
        "summary_keys": "Enter or Esc: back · g on a wrong answer's section: read it again",
        "again": "Read again: {places}",
        "numeric": "Type a number and press Enter",
        "text": "Type the answer and press Enter",
        "enter_multi": "Letters toggle a choice; Enter submits.",
        "enter_order": "Type the letters in order; Backspace undoes; Enter submits.",
    },
    "ja": {
        "quiz": "クイズ",
        "review": "復習",
        "course": "コース全体",
        "progress": "{kind} {lesson} · {i}/{n} 問目 · 正解 {right}",
        "picked": "選択中: {x}",
        "order": "並び順: {x}",
        "next": "Enter: 次の問題 · g: 該当箇所を読み直す · Esc: 終了",
        "last": "Enter: 結果を見る · g: 該当箇所を読み直す · Esc: 終了",
        "summary": "{kind} 終了: {n} 問中 {right} 問正解（{score:.0%}）。",
        "summary_keys": "Enter か Esc: 戻る · g: 間違えた問題の箇所を読み直す",
        "again": "読み直し: {places}",
        "numeric": "数値を入力して Enter",
        "text": "答えを入力して Enter",
        "enter_multi": "文字キーで選択を切り替え、Enter で回答。",
        "enter_order": "文字キーを順に押し、Backspace で戻し、Enter で回答。",
    },
}


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
        return WORDS.get(self.app.lang, WORDS["en"])

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
            answer.placeholder = self.words[self.shown.question.type]
            answer.focus()
        else:
            self.query_one("#quiz-body").focus()
        self.render_question()

    def render_question(self) -> None:
        shown = self.shown
        words = self.words
        kind = "review" if self.review else "quiz"
        lesson = self.session.lesson or ("" if self.review else words["course"])
        right = sum(f.correct for f in self.session.results)
        self.query_one("#quiz-progress", Static).update(
            words["progress"].format(
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
                + words["enter_multi"]
                + "  "
                + words["picked"].format(x=",".join(sorted(self.picks)) or "-")
            )
        elif shown.question.type == "order":
            hint += (
                "  "
                + words["enter_order"]
                + "  "
                + words["order"].format(x=",".join(self.picks) or "-")
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
        text.append(f"[dim]{self.words['last' if last else 'next']}[/dim]")
        self.query_one("#feedback", Static).update("\n".join(text))
        self.query_one("#quiz-body", VerticalScroll).scroll_end(animate=False)

    def show_summary(self) -> None:
        self.mode = "summary"
        summary = self.session.summary()
        words = self.words
        kind = words["review" if self.review else "quiz"]
        self.render_question()
        self.query_one("#prompt", Static).update(
            f"[b]{words['summary'].format(kind=kind, right=summary.correct, n=summary.asked, score=summary.score)}[/b]"
        )
        lines = []
        for fb in self.session.results:
            mark = "✓" if fb.correct else "✗"
            lines.append(f"{mark} {escape(fb.question.id)}  {escape(fb.presented.prompt[:60])}")
        wrong = [fb.section for fb in self.session.results if not fb.correct]
        if wrong:
            places = ", ".join(dict.fromkeys(f"{s.lesson} {s.title or s.slug}" for s in wrong))
            lines += ["", escape(words["again"].format(places=places))]
        self.query_one("#choices", Static).update("\n".join(lines))
        self.query_one("#hint", Static).update("")
        self.query_one("#answer", Input).display = False
        self.query_one("#feedback", Static).update(f"[dim]{words['summary_keys']}[/dim]")
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
