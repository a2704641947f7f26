"""The root CLI: version, lesson listing and reading, with the contract's exit codes."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from dltutor.tui.cli.main import app

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("dltutor ")


def test_lessons_json_shape() -> None:
    result = runner.invoke(app, ["lessons", "--json", "--lang", "en"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data[0]["id"] == "00" and data[0]["key"] == "00-welcome"
    assert set(data[0]) == {"id", "key", "title", "summary", "minutes", "labs", "quiz"}


def test_lessons_table_in_japanese() -> None:
    from dltutor.lessons.catalog import lessons

    result = runner.invoke(app, ["lessons", "--lang", "ja"], env={"COLUMNS": "300"})
    assert result.exit_code == 0
    header = result.output.splitlines()[0].split()
    assert header == ["番号", "タイトル", "分", "概要"]
    for lesson in lessons("ja"):
        assert re.search(rf"^ ?{lesson.id}\s+{re.escape(lesson.title)}", result.output, re.M)
    assert lessons("ja")[0].title != lessons("en")[0].title


def test_read_renders_the_lesson() -> None:
    result = runner.invoke(app, ["read", "00", "--lang", "en", "--no-pager"])
    assert result.exit_code == 0
    assert "00 · " in result.output


def test_read_unknown_lesson_is_a_usage_error() -> None:
    result = runner.invoke(app, ["read", "99", "--lang", "en"])
    assert result.exit_code == 2
    assert "no lesson '99'" in result.output
    assert "Traceback" not in result.output


def test_bad_language_is_a_usage_error() -> None:
    result = runner.invoke(app, ["lessons", "--lang", "fr"])
    assert result.exit_code == 2
    assert "--lang en" in result.output


def test_language_follows_the_locale_or_the_root_option(monkeypatch) -> None:
    monkeypatch.setenv("DLTUTOR_LANG", "ja_JP.UTF-8")
    ja = runner.invoke(app, ["lessons", "--json"])
    monkeypatch.setenv("DLTUTOR_LANG", "en_US.UTF-8")
    en = runner.invoke(app, ["lessons", "--json"])
    root = runner.invoke(app, ["--lang", "ja", "lessons", "--json"])
    own = runner.invoke(app, ["--lang", "ja", "lessons", "--json", "--lang", "en"])
    assert ja.exit_code == en.exit_code == root.exit_code == own.exit_code == 0
    assert json.loads(ja.output)[0]["title"] != json.loads(en.output)[0]["title"]
    assert json.loads(root.output)[0]["title"] == json.loads(ja.output)[0]["title"]
    assert json.loads(own.output)[0]["title"] == json.loads(en.output)[0]["title"]
    after = runner.invoke(app, ["lessons", "--json"])  # the root option does not linger
    assert json.loads(after.output)[0]["title"] == json.loads(en.output)[0]["title"]


def test_model_commands_speak_the_language_asked_for(tmp_path) -> None:
    listed = runner.invoke(app, ["--lang", "ja", "models", "list"], env={"COLUMNS": "200"})
    assert listed.exit_code == 0
    assert listed.output.split()[:3] == ["モデル", "タスク", "テストの評価指標"]
    missing = str(tmp_path / "nope.txt")
    ja = runner.invoke(app, ["infer", "text", "--file", missing, "--lang", "ja"])
    en = runner.invoke(app, ["infer", "text", "--file", missing, "--lang", "en"])
    assert ja.exit_code == en.exit_code == 2
    assert "ファイルがありません" in ja.output and "no such file" in en.output
