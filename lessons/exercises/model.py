"""What an exercise is: its id, lesson, the names the learner writes, its words, its files."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from dltutor.lessons.exercises.texts import TEXTS
from dltutor.lessons.words import Words

HINT_LEVELS = 3


@dataclass(frozen=True)
class Exercise:
    """One exercise. Its folder holds `template.py`, `solution.py` and `check.py`; the words
    table holds `title`, `task`, `hint.1`… and one `mistake.ID` per recognised mistake.
    `seconds` limits one check; a capstone that trains on MNIST gets more than the rest."""

    id: str
    lesson: str
    implements: tuple[str, ...]
    words: Words
    package: (
        str  # the exercise's folder as a module path, e.g. dltutor.lessons.exercises.e02_softmax
    )
    seconds: float = 10.0

    def text(self, lang: str, key: str, **values: object) -> str:
        return self.words.get(lang, key, **values)

    def title(self, lang: str) -> str:
        return self.text(lang, "title")

    def task(self, lang: str) -> str:
        return self.text(lang, "task")

    def hints(self, lang: str) -> list[str]:
        """The hints in order, from a nudge to nearly the answer."""
        return [
            self.text(lang, f"hint.{n}")
            for n in range(1, HINT_LEVELS + 1)
            if f"hint.{n}" in self.words
        ]

    @property
    def mistakes(self) -> tuple[str, ...]:
        """Ids of the mistakes the check recognises and names."""
        prefix = "mistake."
        return tuple(k[len(prefix) :] for k in self.words.of("en") if k.startswith(prefix))

    def _file(self, name: str) -> str:
        return resources.files(self.package).joinpath(name).read_text(encoding="utf-8")

    @property
    def template_code(self) -> str:
        return self._file("template.py")

    @property
    def solution_code(self) -> str:
        return self._file("solution.py")

    @property
    def check_module(self) -> str:
        return f"{self.package}.check"

    @property
    def filename(self) -> str:
        return f"{self.id}.py"

    def template(self, lang: str) -> str:
        """The learner's starting file: the task as its docstring, then the template code."""
        lines = [f"{self.id} · {self.title(lang)}", "", self.task(lang).strip(), ""]
        lines.append(TEXTS.get(lang, "footer", id=self.id))
        doc = "\n".join(lines).rstrip()
        return f'"""{doc}\n"""\n\n{self.template_code.lstrip()}'
