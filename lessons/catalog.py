"""The course catalog: lessons read from package data, looked up by id, in either language."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

LANGUAGES = ("en", "ja")
FRONT_MATTER = re.compile(r"\A\+\+\+\n(.*?)\n\+\+\+\n", re.DOTALL)
HEADING = re.compile(r"^## (.+?)\s*$", re.MULTILINE)
FENCE = re.compile(r"^```.*?^```", re.DOTALL | re.MULTILINE)
CJK = r"\u3000-\u30ff\u3400-\u9fff\uff00-\uffef"
BLOCK_START = re.compile(r"\s*([-*+] |\d+[.)] |#|\||>|```)")
MARKER = re.compile(r"\s*(?:(?:[-*+]|\d+[.)]|#+|>)\s+)?")
SPACE_NEAR_CJK = re.compile(rf"(?<=\S) (?=[{CJK}])|(?<=[{CJK}]) (?=\S)")


class LessonError(Exception):
    """A lesson that is missing or malformed; the message says what to do."""


@dataclass(frozen=True)
class Section:
    slug: str
    title: str


@dataclass(frozen=True)
class Lesson:
    id: str
    slug: str
    lang: str
    title: str
    summary: str
    minutes: int
    sources: tuple[str, ...]
    labs: tuple[str, ...]
    quiz: str | None
    sections: tuple[Section, ...]
    body: str = field(repr=False)

    @property
    def key(self) -> str:
        """`NN-slug`, the name the lesson's file, quiz bank and labs share."""
        return f"{self.id}-{self.slug}"

    def section(self, slug: str) -> Section | None:
        return next((s for s in self.sections if s.slug == slug), None)


def parse_lesson(text: str, *, lang: str, filename: str) -> Lesson:
    """Split TOML front matter from the Markdown body and pair `##` headings with slugs."""
    match = FRONT_MATTER.match(text)
    if not match:
        raise LessonError(f"{filename}: no +++ TOML front matter at the top")
    try:
        meta = tomllib.loads(match.group(1))
    except tomllib.TOMLDecodeError as error:
        raise LessonError(f"{filename}: front matter is not valid TOML ({error})") from None
    body = text[match.end() :].lstrip("\n")
    if lang == "ja":
        body = join_cjk_lines(body)
    headings = HEADING.findall(prose(body))
    slugs = meta.get("sections", [])
    if len(slugs) != len(headings):
        raise LessonError(
            f"{filename}: front matter names {len(slugs)} sections but the body has "
            f"{len(headings)} '## ' headings"
        )
    stem = filename.removesuffix(".md")
    lesson_id, _, slug = stem.partition("-")
    try:
        return Lesson(
            id=str(meta["id"]),
            slug=slug,
            lang=lang,
            title=meta["title"],
            summary=meta["summary"],
            minutes=int(meta["minutes"]),
            sources=tuple(meta.get("sources", [])),
            labs=tuple(meta.get("labs", [])),
            quiz=meta.get("quiz"),
            sections=tuple(Section(s, h) for s, h in zip(slugs, headings, strict=True)),
            body=body,
        )
    except KeyError as missing:
        raise LessonError(f"{filename}: front matter lacks {missing}") from None


def join_cjk_lines(markdown: str) -> str:
    """Set Japanese prose for terminals that wrap only at spaces: join each paragraph and
    list item into one line and drop the spaces next to Japanese text (a long Japanese run
    after a space would jump to the next line whole, and a break Markdown renders as a
    space would sit between two Japanese characters). Japanese then wraps anywhere, as it
    should. Code, headings and table rows keep their lines."""
    parts, last = [], 0
    for fence in FENCE.finditer(markdown):
        parts.append(_join_prose_lines(markdown[last : fence.start()]))
        parts.append(fence.group(0))
        last = fence.end()
    parts.append(_join_prose_lines(markdown[last:]))
    return "".join(parts)


def _join_prose_lines(text: str) -> str:
    lines = text.split("\n")
    joined = [lines[0]]
    for line in lines[1:]:
        previous = joined[-1]
        if _continues(previous, line):
            joined[-1] = f"{previous} {line.strip()}"
        else:
            joined.append(line)
    return "\n".join(_drop_spaces_near_cjk(line) for line in joined)


def _continues(previous: str, line: str) -> bool:
    """Whether `line` is a soft-wrapped continuation of the paragraph or list item above."""
    if not previous.strip() or not line.strip() or BLOCK_START.match(line):
        return False
    return not previous.lstrip().startswith(("#", "|", "```"))


def _drop_spaces_near_cjk(line: str) -> str:
    """Drop each space that has Japanese on one side, unless it is what lets a `**` or
    `__` next to it open or close emphasis (CommonMark's flanking rules). A list marker or
    heading mark keeps its space."""
    kept, last = [], 0
    for space in SPACE_NEAR_CJK.finditer(line, MARKER.match(line).end()):
        if _droppable(line, space.start()):
            kept.append(line[last : space.start()])
            last = space.end()
    return "".join(kept) + line[last:]


def _droppable(line: str, at: int) -> bool:
    left, right = line[at - 1], line[at + 1]
    if right in "*_":
        run_end = at + 1 + len(line[at + 1 :]) - len(line[at + 1 :].lstrip(right))
        after = line[run_end : run_end + 1] or " "
        return not after.isspace() and (not _punctuation(after) or _punctuation(left))
    if left in "*_":
        run_start = len(line[:at].rstrip(left))
        before = line[run_start - 1 : run_start] or " "
        return not before.isspace() and (not _punctuation(before) or _punctuation(right))
    return True


def _punctuation(char: str) -> bool:
    """CommonMark's punctuation: ASCII punctuation and Unicode P* and S* characters."""
    return unicodedata.category(char)[0] in "PS"


def prose(markdown: str) -> str:
    """The Markdown without its fenced code, where a `#` is a comment, not a heading."""
    return FENCE.sub("", markdown)


@cache
def lessons(lang: str = "en") -> tuple[Lesson, ...]:
    """All lessons in one language, in course order."""
    if lang not in LANGUAGES:
        raise LessonError(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    folder = resources.files("dltutor.lessons") / lang
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".md"):
            found.append(parse_lesson(entry.read_text("utf-8"), lang=lang, filename=entry.name))
    return tuple(found)


def get_lesson(ref: str, lang: str = "en") -> Lesson:
    """Find a lesson by id ("3", "03"), key ("03-learning") or slug ("learning")."""
    ref = ref.strip().lower()
    for lesson in lessons(lang):
        if ref in (lesson.key, lesson.slug) or (ref.isdigit() and int(ref) == int(lesson.id)):
            return lesson
    known = ", ".join(lesson.id for lesson in lessons(lang))
    raise LessonError(f"no lesson {ref!r}; known ids: {known} (try `dltutor lessons`)")
