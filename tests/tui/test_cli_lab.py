"""`dltutor lab`: listing, knob validation (exit 2), JSON results, text output, stopping."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dltutor.lessons.labs import Curves, Frame, Lab, get_lab
from dltutor.lessons.labs.base import float_knob
from dltutor.lessons.words import Words
from dltutor.tui.cli import lab as lab_cli
from dltutor.tui.cli.main import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "home"))


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_list_json_has_every_lab_with_knobs():
    result = invoke("lab", "--list", "--json")
    assert result.exit_code == 0, result.output
    labs = json.loads(result.stdout)
    assert len(labs) == 29
    paths = next(x for x in labs if x["id"] == "05-optimizer-paths")
    steps = next(k for k in paths["knobs"] if k["name"] == "steps")
    assert steps["type"] == "int" and steps["range"] == [1, 500] and steps["default"] == 30


def test_list_text_and_japanese():
    result = invoke("lab", "--list", "--lang", "ja")
    assert result.exit_code == 0
    assert "01-xor-boundary" in result.stdout and "XOR の決定境界" in result.stdout


def test_json_run_prints_metrics_and_history():
    result = invoke("lab", "05-optimizer-paths", "--set", "steps=12", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["lab"] == "05-optimizer-paths" and data["knobs"]["steps"] == 12
    assert data["stopped"] is False and data["step"] == data["total"] == 12
    assert data["metrics"]["sgd_y_flips"] > data["metrics"]["adam_y_flips"]
    assert len(data["history"]["f(x, y) per step"]["sgd"]) == 13


def test_common_options_map_to_knobs():
    result = invoke(
        "lab", "01-xor-boundary", "--epochs", "5", "--lr", "0.1", "--seed", "3", "--json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["knobs"]["epochs"] == 5 and data["knobs"]["lr"] == 0.1 and data["seed"] == 3
    assert len(data["history"]["loss"]["1 layer"]) == 5


def test_same_seed_same_json():
    a = json.loads(invoke("lab", "01-xor-boundary", "--epochs", "5", "--json").stdout)
    b = json.loads(invoke("lab", "01-xor-boundary", "--epochs", "5", "--json").stdout)
    assert a["metrics"] == b["metrics"] and a["history"] == b["history"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("lab", "05-optimizer-paths", "--set", "steps=0"), "must be in 1..500"),
        (("lab", "05-optimizer-paths", "--set", "optimizer=lbfgs"), "must be one of"),
        (("lab", "05-optimizer-paths", "--set", "speed=3"), "has no knob 'speed'"),
        (("lab", "05-optimizer-paths", "--set", "steps"), "takes name=value"),
        (("lab", "05-optimizer-paths", "--epochs", "3"), "has no --epochs setting"),
        (("lab", "01-xor-boundary", "--lr", "5"), "must be in"),
        (("lab", "no-such-lab"), "unknown lab"),
        (("lab",), "give a lab id"),
    ],
)
def test_usage_errors_exit_2_without_traceback(args, message):
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_model_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("DLTUTOR_MODELS_DIR", str(tmp_path))
    result = invoke("lab", "13-embedding-neighbours", "--json")
    assert result.exit_code == 1
    assert "model not available: run `dltutor models train sst2-rnn`" in result.output


def test_text_run_prints_the_final_plots_and_summary():
    result = invoke("lab", "01-logic-gates", "--set", "gate=and")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "01-logic-gates · Logic gates with perceptrons" in out
    assert "AND truth table" in out and "4/4 right" in out
    assert "Finished in" in out


def test_text_run_in_japanese_shows_japanese_plots_and_summaries():
    result = invoke("lab", "05-optimizer-paths", "--set", "steps=12", "--lang", "ja")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "x²/20 + y² 上の経路" in out and "最適化手法" in out and "12 ステップ後" in out
    assert "ステップごとの f(x, y)" in out and "（13 点）、対数目盛。" in out
    for english in ("per step", "path length", "over 13 points", "log scale", "Finished in"):
        assert english not in out


def test_json_run_in_japanese_keeps_the_metric_keys():
    en = json.loads(invoke("lab", "05-optimizer-paths", "--set", "steps=12", "--json").stdout)
    ja = json.loads(
        invoke("lab", "05-optimizer-paths", "--set", "steps=12", "--json", "--lang", "ja").stdout
    )
    assert ja["metrics"] == en["metrics"]
    assert ja["history"]["ステップごとの f(x, y)"] == en["history"]["f(x, y) per step"]


def test_runs_are_recorded_in_the_progress_store():
    pytest.importorskip("dltutor.lessons.progress.store")
    from dltutor.lessons.progress.store import ProgressStore

    assert invoke("lab", "01-logic-gates", "--json", "--seed", "7").exit_code == 0
    with ProgressStore.open() as store:
        runs = store.lab_runs("01-logic-gates")
    # the same record as the app keeps: checked knob values, final metrics and the seed
    assert runs and runs[-1]["metrics"]["correct"] == 4 and runs[-1]["metrics"]["seed"] == 7
    assert runs[-1]["knobs"] == get_lab("01-logic-gates").resolve()


def _interrupting_lab() -> Lab:
    def run(knobs, rng, lang="en"):
        for i in range(1, 4):
            yield Frame(
                step=i,
                total=10,
                plots=[Curves("loss", {"a": [1.0 / j for j in range(1, i + 1)]})],
                metrics={"i": i},
            )
        raise KeyboardInterrupt

    words = Words(
        "test-interrupt",
        {
            "en": {"lab_title": "Interrupt", "lab_summary": "stops", "knob_lr": "lr"},
            "ja": {"lab_title": "中断", "lab_summary": "止まる", "knob_lr": "学習率"},
        },
    )
    Words.registry.remove(words)
    return Lab("99-interrupt", "99", words, (float_knob("lr", 0.1, 0, 1),), run)


def test_ctrl_c_keeps_the_result(monkeypatch):
    monkeypatch.setattr("dltutor.lessons.labs.get_lab", lambda _id: _interrupting_lab())
    result = invoke("lab", "99-interrupt", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["stopped"] is True and data["step"] == 3 and data["metrics"] == {"i": 3}
    assert data["history"] == {"loss": {"a": [1.0, 0.5, 1 / 3]}}
    text = invoke("lab", "99-interrupt")
    assert text.exit_code == 0
    assert "Stopped early at 3/10" in text.stdout


def test_runner_stops_between_frames_and_closes_the_generator():
    closed = []

    def frames():
        try:
            for i in range(1000):
                yield Frame(step=i, total=1000)
        finally:
            closed.append(True)

    worker = lab_cli.Runner(frames())
    worker.stop.set()
    worker.start().wait()
    assert closed == [True] and worker.frame.step == 0 and worker.error is None
