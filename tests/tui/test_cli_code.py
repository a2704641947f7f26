"""`dltutor run` and `dltutor export` on every lesson, both languages."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dltutor.lessons.catalog import lessons
from dltutor.tui.cli.main import app

runner = CliRunner()
KEYS = [lesson.key for lesson in lessons("en")]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("key", KEYS)
def test_every_block_runs_and_prints_what_the_lesson_says(key: str, lang: str) -> None:
    result = runner.invoke(app, ["run", key[:2], "--lang", lang, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["lesson"] == key[:2]
    for block in report["blocks"]:
        assert block["ok"], f"{lang}/{key} block {block['index']}: {block['error']}"
        wrong = [e for e in block["expectations"] if not e["matched"]]
        assert not wrong, f"{lang}/{key} block {block['index']}: {wrong}"


def test_run_one_block_shows_it_and_reports_a_bad_index() -> None:
    result = runner.invoke(app, ["run", "04", "--block", "1", "--lang", "en"])
    assert result.exit_code == 0
    assert "block 1" in result.stdout and "block 2" not in result.stdout
    bad = runner.invoke(app, ["run", "04", "--block", "99", "--lang", "en"])
    assert bad.exit_code == 2 and "--block 1 to" in bad.output


def test_a_failing_edited_block_exits_1(tmp_path, monkeypatch) -> None:
    from dltutor.lessons.runner.edits import prepare

    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path))
    prepare("04", "en", 1, "raise ValueError('my mistake')\n")
    result = runner.invoke(app, ["run", "04", "--block", "1", "--edited", "--lang", "en", "--json"])
    assert result.exit_code == 1
    block = json.loads(result.stdout)["blocks"][0]
    assert not block["ok"] and "ValueError: my mistake" in block["error"]


@pytest.mark.parametrize("fmt", ["ipynb", "py", "md"])
def test_export_all_writes_notebooks_that_read_back(tmp_path, fmt: str) -> None:
    import jupytext
    import nbformat

    for lang in ("en", "ja"):
        result = runner.invoke(
            app, ["export", "all", "--format", fmt, "-o", str(tmp_path / lang), "--lang", lang]
        )
        assert result.exit_code == 0, result.output
        files = sorted((tmp_path / lang).iterdir())
        assert len(files) == len(KEYS)
        for path in files:
            notebook = nbformat.read(path, as_version=4) if fmt == "ipynb" else jupytext.read(path)
            nbformat.validate(notebook)
            assert notebook.cells[0].cell_type == "markdown"
            assert any(cell.cell_type == "code" for cell in notebook.cells)


def test_export_refuses_to_overwrite_without_force(tmp_path) -> None:
    target = tmp_path / "n.ipynb"
    target.write_text("mine")
    result = runner.invoke(app, ["export", "04", "-o", str(target), "--lang", "en"])
    assert result.exit_code == 2 and target.read_text() == "mine"
    forced = runner.invoke(app, ["export", "04", "-o", str(target), "--force", "--lang", "en"])
    assert forced.exit_code == 0 and target.read_text() != "mine"


def test_export_rejects_an_unknown_format() -> None:
    result = runner.invoke(app, ["export", "04", "--format", "pdf"])
    assert result.exit_code == 2 and "ipynb" in result.output


@pytest.mark.parametrize("key", ["02-neural-networks", "04-backprop", "10-cnn"])
def test_exported_notebooks_run_top_to_bottom(tmp_path, key: str) -> None:
    import nbformat
    from nbclient import NotebookClient

    path = tmp_path / f"{key}.ipynb"
    result = runner.invoke(app, ["export", key[:2], "-o", str(path), "--lang", "en"])
    assert result.exit_code == 0, result.output
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert outputs and not [o for o in outputs if o.output_type == "error"]
