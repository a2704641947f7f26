"""A lesson as a Jupyter notebook: prose as Markdown cells, Python blocks as code cells.

The notebook runs top to bottom wherever dltutor is installed (the blocks import
`dltutor.engine` like the lesson does). `py` is jupytext's percent format and `md` its
Markdown notebook format, for those who keep notebooks as text.
"""

from __future__ import annotations

from dltutor.lessons.catalog import Lesson

from .blocks import CodeBlock, segments

FORMATS = {"ipynb": "ipynb", "py": "py:percent", "md": "md"}


def lesson_notebook(lesson: Lesson):
    """The nbformat v4 notebook of `lesson`."""
    import nbformat.v4 as nbf

    heading = f"# {lesson.id} · {lesson.title}\n\n*{lesson.summary}*\n\n"
    heading += f"{' · '.join(lesson.sources)}"
    cells = [nbf.new_markdown_cell(heading)]
    for part in segments(lesson.body):
        if isinstance(part, CodeBlock):
            cells.append(nbf.new_code_cell(part.code))
        else:
            cells.append(nbf.new_markdown_cell(part.strip("\n")))
    return nbf.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
            "dltutor": {"lesson": lesson.id, "lang": lesson.lang},
        },
    )


def export_text(lesson: Lesson, fmt: str) -> str:
    """The lesson in `fmt` (ipynb, py or md), as the text of the file to write."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    notebook = lesson_notebook(lesson)
    if fmt == "ipynb":
        import nbformat

        nbformat.validate(notebook)
        return nbformat.writes(notebook)
    import jupytext

    return jupytext.writes(notebook, fmt=FORMATS[fmt])


def file_name(lesson: Lesson, fmt: str) -> str:
    """`04-backprop.ipynb`, with the language before the suffix when it is not English."""
    suffix = "" if lesson.lang == "en" else f".{lesson.lang}"
    return f"{lesson.key}{suffix}.{fmt}"
