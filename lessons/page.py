"""A lesson as its reader shows it: the title, the body, and where its exercises are.

`dltutor read` and the app's reader both show this page, so a learner who finishes the
reading always sees what to write next.
"""

from __future__ import annotations

from dltutor.lessons.catalog import Lesson
from dltutor.lessons.words import Words

WORDS = Words(
    "lesson-page",
    {
        "en": {
            "exercises": "**Exercises.** Write it yourself, checked against the engine:",
            "start": "Start with `dltutor exercise start {id}` (or press x in the app).",
        },
        "ja": {
            "exercises": "**演習**：自分で書いて、エンジンと照らし合わせて確かめましょう。",
            "start": "`dltutor exercise start {id}` で始めます（アプリでは x キー）。",
        },
    },
)


def lesson_page(lesson: Lesson) -> str:
    """The Markdown of the whole page."""
    from dltutor.lessons.exercises import exercises_for

    page = f"# {lesson.id} · {lesson.title}\n\n{lesson.body.rstrip()}\n"
    found = exercises_for(lesson.id)
    if found:
        items = "\n".join(f"- `{e.id}`: {e.title(lesson.lang)}" for e in found)
        page += (
            f"\n---\n\n{WORDS.get(lesson.lang, 'exercises')}\n\n{items}\n\n"
            f"{WORDS.get(lesson.lang, 'start', id=found[0].id)}\n"
        )
    return page
