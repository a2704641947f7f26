"""mnist-cnn on digits it never saw in any form: drawn here, made photo-like, read by the CLI.

The pictures come from `digit_photos` with seeds training never used; the printed ones use
DejaVu fonts, while training renders only Pillow's own fonts. Each style must be read right
at least 90% of the time through `dltutor infer image --json`, preprocessing included.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from digit_photos import dejavu_fonts, make_set, pen_digit, photograph
from PIL import Image
from typer.testing import CliRunner

from dltutor.engine.inference import runtime
from dltutor.tui.app.data.models import model_status
from dltutor.tui.cli.main import app

runner = CliRunner()
PER_DIGIT = 5
SEEDS = {"pen": 424_242, "font": 515_151}

pytestmark = pytest.mark.skipif(
    model_status("mnist-cnn") == "missing", reason="mnist-cnn is not built in models_onnx/"
)


@pytest.fixture(autouse=True)
def shipped_models(monkeypatch):
    monkeypatch.delenv("DLTUTOR_MODELS_DIR", raising=False)
    runtime.clear_cache()


def _read(paths) -> list[dict]:
    result = runner.invoke(app, ["infer", "image", *map(str, paths), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("style", ["pen", "font"])
def test_photographed_digits_are_read_right(style, tmp_path, require_data):
    if style == "font" and not dejavu_fonts():
        require_data(
            FileNotFoundError("no DejaVu fonts (Debian: apt-get install fonts-dejavu-core)")
        )
    pictures = make_set(tmp_path, style, PER_DIGIT, SEEDS[style])
    sizes = {Image.open(path).size for path, _ in pictures}
    assert min(min(s) for s in sizes) >= 300 and max(max(s) for s in sizes) <= 1600
    rows = _read(path for path, _ in pictures)
    assert [r["input"] for r in rows] == [str(path) for path, _ in pictures]
    assert all(r["label"] is not None for r in rows)
    right = [r["label"] == str(digit) for r, (_, digit) in zip(rows, pictures, strict=True)]
    wrong = [(digit, r["label"]) for r, (_, digit), ok in zip(rows, pictures, right, strict=True)]
    wrong = [pair for pair, ok in zip(wrong, right, strict=True) if not ok]
    assert np.mean(right) >= 0.90, f"{style}: {np.mean(right):.0%} right; (true, read): {wrong}"


def test_show_draws_the_prepared_28x28_input(tmp_path):
    rng = np.random.default_rng(7)
    path = tmp_path / "seven.png"
    photograph(pen_digit(7, rng), rng).save(path)
    result = runner.invoke(app, ["infer", "image", str(path), "--show"], terminal_width=100)
    assert result.exit_code == 0, result.output
    assert "model input 28x28" in result.output
    assert "centred by mass" in result.output  # the steps taken are listed


def test_light_ink_on_a_dark_board_is_read_too(tmp_path):
    rng = np.random.default_rng(11)
    path = tmp_path / "chalk.png"
    photo = np.asarray(photograph(pen_digit(4, rng), rng), dtype=np.uint8)
    Image.fromarray(255 - photo).save(path)  # chalk on a blackboard
    (row,) = _read([path])
    assert row["label"] == "4", row
    assert "light ink on dark" in row["notes"]


def test_blank_paper_is_a_clear_error(tmp_path):
    rng = np.random.default_rng(3)
    yy, xx = np.mgrid[0:600, 0:800]
    paper = 200 + 30 * xx / 800 + rng.normal(0, 3, (600, 800))
    path = tmp_path / "blank.png"
    Image.fromarray(np.clip(paper, 0, 255).astype(np.uint8)).save(path)
    result = runner.invoke(app, ["infer", "image", str(path), "--json"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    (row,) = json.loads(result.stdout)
    assert row["label"] is None and "no digit found" in row["error"]


def test_a_huge_photo_is_downscaled_first(tmp_path):
    rng = np.random.default_rng(5)
    big = photograph(pen_digit(3, rng), rng).convert("L").resize((6000, 4500))
    path = tmp_path / "huge.png"
    big.save(path, compress_level=1)
    (row,) = _read([path])
    assert row["label"] == "3", row
    assert any(note.startswith("downscaled from 6000x4500") for note in row["notes"])
