"""Hostile and unlucky inputs to the CLI: short errors, exit codes 1/2, valid JSON, no
traceback. Each test pins a case that once failed one of these rules."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

pytest.importorskip("onnxruntime")

from dltutor.engine.inference import cards, runtime  # noqa: E402
from dltutor.engine.inference.image import ImageInputError, prepare_image  # noqa: E402
from dltutor.engine.inference.predict import generate  # noqa: E402
from dltutor.tui.cli.main import app  # noqa: E402

runner = CliRunner()
SHIPPED = cards.models_dir()
needs_models = pytest.mark.skipif(
    not all((SHIPPED / f"{n}.onnx").is_file() for n in ("fashion-cnn", "shakespeare-char")),
    reason="the shipped models are not built in this checkout",
)


def _clean(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.fixture(autouse=True)
def fresh_sessions():
    runtime.clear_cache()
    yield
    runtime.clear_cache()


@pytest.fixture
def model_copy(tmp_path, monkeypatch) -> Path:
    """A private copy of the shipped models (damaged by the tests, never the originals)."""
    copy = tmp_path / "models"
    shutil.copytree(SHIPPED, copy, ignore=shutil.ignore_patterns("__pycache__", "samples"))
    monkeypatch.setenv("DLTUTOR_MODELS_DIR", str(copy))
    return copy


# -- images ------------------------------------------------------------------------------
def test_zero_byte_image_says_empty(tmp_path) -> None:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    with pytest.raises(ImageInputError, match="empty"):
        prepare_image(empty)


@needs_models
def test_zero_byte_image_fails_alone_in_json(tmp_path) -> None:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    good = tmp_path / "good.png"
    a = np.zeros((28, 28), np.uint8)
    a[6:22, 8:20] = 200
    Image.fromarray(a).save(good)
    result = runner.invoke(app, ["infer", "image", str(empty), str(good), "--json"])
    _clean(result)
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert [r["input"] for r in rows] == [str(empty), str(good)]
    assert "empty" in rows[0]["error"] and rows[0]["label"] is None
    assert rows[1]["error"] is None and rows[1]["label"]


# -- text ------------------------------------------------------------------------------------
@needs_models
def test_infer_text_with_empty_stdin_is_a_usage_error() -> None:
    result = runner.invoke(app, ["infer", "text"], input="")
    _clean(result)
    assert result.exit_code == 2
    assert "give a TEXT" in result.output


@needs_models
def test_long_text_error_stays_short(tmp_path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("good " * 200_000 + "\n", "utf-8")
    result = runner.invoke(app, ["infer", "text", "--file", str(big)], terminal_width=80)
    _clean(result)
    assert result.exit_code == 1
    assert "too long" in result.output
    assert len(result.output.strip().splitlines()) <= 2


# -- generate -------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["nan", "0", "-1", "1e9", "inf"])
def test_generate_temperature_out_of_range(value) -> None:
    result = runner.invoke(app, ["generate", "-n", "5", "-t", value])
    _clean(result)
    assert result.exit_code == 2
    assert "0.01 to 10" in result.output


@needs_models
def test_generate_negative_seed_is_a_usage_error_before_any_output() -> None:
    result = runner.invoke(app, ["generate", "-n", "5", "--seed", "-1"])
    _clean(result)
    assert result.exit_code == 2
    assert "ROMEO" not in result.stdout


@needs_models
def test_generate_with_wrong_model_prints_nothing_first() -> None:
    result = runner.invoke(app, ["generate", "-n", "5", "--model", "sst2-rnn"])
    _clean(result)
    assert result.exit_code == 2
    assert "ROMEO" not in result.stdout
    assert "is a text-classification model" in result.output


@needs_models
def test_engine_generate_checks_on_the_call_not_on_first_next() -> None:
    with pytest.raises(ValueError, match="seed"):
        generate("x", 5, 0.8, seed=-1)
    with pytest.raises(ValueError, match="an image-classification model"):
        generate("x", 5, 0.8, model="fashion-cnn")


# -- models ---------------------------------------------------------------------------------
@needs_models
def test_models_info_on_an_unparseable_model_is_one_line(model_copy) -> None:
    onnx_file = model_copy / "fashion-cnn.onnx"
    onnx_file.write_bytes(b"garbage" * 100)
    card_file = model_copy / "fashion-cnn.json"
    card = json.loads(card_file.read_text("utf-8"))
    card["sha256"] = hashlib.sha256(onnx_file.read_bytes()).hexdigest()  # a consistent lie
    card_file.write_text(json.dumps(card), "utf-8")
    for args in (["models", "info", "fashion-cnn"], ["models", "info", "fashion-cnn", "--json"]):
        result = runner.invoke(app, args)
        _clean(result)
        assert result.exit_code == 1
        assert "cannot read the graph" in result.output
        assert len(result.output.strip().splitlines()) <= 2


@needs_models
def test_card_that_is_not_an_object(model_copy) -> None:
    (model_copy / "fashion-cnn.json").write_text("5", "utf-8")
    result = runner.invoke(app, ["models", "info", "fashion-cnn"])
    _clean(result)
    assert result.exit_code == 1
    assert "not a JSON object" in result.output


@needs_models
def test_bench_error_rows_have_null_fields_and_stay_out_of_the_table(model_copy) -> None:
    (model_copy / "digits-cnn.onnx").unlink()
    result = runner.invoke(app, ["models", "bench", "digits-cnn", "--json"])
    _clean(result)
    assert result.exit_code == 1
    (row,) = json.loads(result.stdout)
    assert row["name"] == "digits-cnn" and "missing" in row["error"]
    for key in ("providers", "ort", "engine", "speedup_batch1", "speedup_batch256"):
        assert key in row and row[key] is None
    text = runner.invoke(app, ["models", "bench", "digits-cnn"], terminal_width=100)
    _clean(text)
    assert text.exit_code == 1
    assert text.output.startswith("✗ digits-cnn: model file")


@needs_models
def test_markup_like_paths_are_printed_not_parsed(tmp_path, monkeypatch) -> None:
    """A folder named like rich markup ("[/x]") once crashed info/verify/bench."""
    copy = tmp_path / "m[" / "x]"
    shutil.copytree(SHIPPED, copy, ignore=shutil.ignore_patterns("__pycache__", "samples"))
    monkeypatch.setenv("DLTUTOR_MODELS_DIR", str(copy))
    monkeypatch.setenv("COLUMNS", "300")  # rich reads the width from here, so no wrapping
    info = runner.invoke(app, ["models", "info", "digits-cnn"], terminal_width=200)
    _clean(info)
    assert info.exit_code == 0
    assert f"file: {copy / 'digits-cnn.onnx'}" in info.output
    (copy / "digits-cnn.onnx").unlink()
    for args in (["models", "verify"], ["models", "bench", "digits-cnn"]):
        result = runner.invoke(app, args, terminal_width=300)
        _clean(result)
        assert result.exit_code == 1
        assert str(copy / "digits-cnn.onnx") in result.output


# -- lab, quiz ------------------------------------------------------------------------------
def test_lab_negative_seed_is_a_usage_error() -> None:
    result = runner.invoke(app, ["lab", "05-optimizer-paths", "--quick", "--seed", "-1", "--json"])
    _clean(result)
    assert result.exit_code == 2
    assert "--seed" in result.output


def test_quiz_with_binary_stdin_answers_in_json() -> None:
    garbage = bytes(range(256)) * 4 + b"\n\xff\xfe\n\x80\n"
    result = runner.invoke(app, ["quiz", "-n", "2", "--seed", "2", "--json"], input=garbage)
    _clean(result)
    assert result.exit_code == 0
    summary = json.loads(result.stdout)
    assert summary["asked"] == 2 and summary["correct"] == 0


def test_quiz_answer_that_looks_like_markup() -> None:
    result = runner.invoke(app, ["quiz", "-n", "1", "--seed", "2"], input="[/x]\n")
    _clean(result)
    assert result.exit_code == 0
    assert "[/x]" in result.output


# -- help ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "shown", "absent"),
    [
        (["lessons", "--help"], "en|ja", "<str>   Language"),
        (["infer", "image", "--help"], "auto|cpu|cuda", "{PATH...}"),
        (["infer", "text", "--help"], "[TEXT]", "[[TEXT]]"),
        (["models", "bench", "--help"], "[NAME]", "[[NAME]]"),
        (["generate", "--help"], "ROMEO:\\n", "<float range>"),
    ],
)
def test_help_shows_choices_not_types(args, shown, absent) -> None:
    result = runner.invoke(app, args, terminal_width=120)
    assert result.exit_code == 0
    assert shown in result.output
    assert absent not in result.output
