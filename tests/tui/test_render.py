"""Renderables: golden text at 80 and 120 columns without colour, widths respected, summaries.

Regenerate the golden files with `UPDATE_GOLDEN=1 pytest tests/tui/test_render.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from rich.cells import cell_len
from rich.console import Console

from dltutor.tui.render import (
    FrameView,
    Heatmap,
    Histogram,
    HistogramRow,
    ImageGrid,
    LineChart,
    PathPlot,
)

GOLDEN = Path(__file__).parent / "golden"
WIDTHS = (80, 120)


def render(renderable, width: int, *, color: bool = False) -> str:
    console = Console(
        width=width,
        no_color=not color,
        record=True,
        file=open(os.devnull, "w"),  # noqa: SIM115
        color_system="truecolor" if color else None,
        force_terminal=color,
        legacy_windows=False,
    )
    console.print(renderable)
    return console.export_text(styles=color)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN") or not path.exists():
        if not os.environ.get("UPDATE_GOLDEN"):
            pytest.fail(
                f"golden file {path.name} is missing: run UPDATE_GOLDEN=1 pytest {__file__}"
            )
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} differs from its golden file (UPDATE_GOLDEN=1 to accept)"
    )


def fits(text: str, width: int) -> None:
    for line in text.splitlines():
        assert cell_len(line) <= width, f"line wider than {width}: {line!r}"


# --- fixed inputs -------------------------------------------------------------------------


def chart() -> LineChart:
    x = np.arange(1, 121)
    return LineChart(
        {
            "sgd": list(2.0 * np.exp(-x / 60) + 0.05 * np.sin(x)),
            "adam": list(2.0 * np.exp(-x / 15) + 0.02),
        },
        title="training loss",
        xlabel="step",
    )


def boundary() -> Heatmap:
    xs = np.linspace(-0.5, 1.5, 40)
    gx, gy = np.meshgrid(xs, xs)
    grid = 1 / (1 + np.exp(-12 * (gx - 0.5) * (0.5 - gy)))  # an XOR-like saddle
    points = np.array([[0, 0], [1, 1], [0, 1], [1, 0]], dtype=float)
    return Heatmap(
        grid,
        extent=(-0.5, 1.5, -0.5, 1.5),
        points=points,
        labels=[0, 0, 1, 1],
        vmin=0,
        vmax=1,
        title="XOR: P(class 1)",
        height=10,
    )


def histograms() -> HistogramRow:
    rng = np.random.default_rng(0)
    items = [
        Histogram(
            1 / (1 + np.exp(-rng.normal(0, s, 2000))),
            bins=20,
            range=(0, 1),
            title=f"std {s:g}",
            height=4,
        )
        for s in (0.1, 1.0, 5.0)
    ]
    return HistogramRow(items, title="sigmoid activations")


def paths() -> PathPlot:
    xs, ys = np.linspace(-10, 10, 81), np.linspace(-5, 5, 41)
    gx, gy = np.meshgrid(xs, ys)
    p = [np.array([-7.0, 2.0])]
    for _ in range(25):
        x, y = p[-1]
        p.append(np.array([x - 0.95 * x / 10, y - 0.95 * 2 * y]))
    direct = np.linspace([-7.0, 2.0], [0.0, 0.0], 8)
    return PathPlot(
        {"sgd": np.array(p), "adam": direct},
        grid=gx**2 / 20 + gy**2,
        extent=(-10, 10, -5, 5),
        title="paths",
        height=10,
    )


def images() -> ImageGrid:
    k = np.linspace(-1, 1, 5)
    items = [
        ("vertical", np.tile(k, (5, 1))),
        ("horizontal", np.tile(k, (5, 1)).T),
        ("blob", np.exp(-(k[:, None] ** 2 + k[None] ** 2) * 2)),
    ]
    return ImageGrid(items, title="filters", size=10, signed=True)


CASES = {
    "line_chart": chart,
    "heatmap": boundary,
    "histograms": histograms,
    "path_plot": paths,
    "image_grid": images,
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_no_color(name, width):
    text = render(CASES[name](), width)
    fits(text, width)
    check_golden(f"{name}_{width}", text)


def test_chart_at_80_columns_has_axes_ticks_and_legend():
    text = render(chart(), 80)
    lines = text.splitlines()
    assert lines[0] == "training loss"
    assert any("┤" in line for line in lines) and any("└" in line and "┬" in line for line in lines)
    assert "━━ sgd" in text and "━━ adam" in text
    assert any(ch in text for ch in "⠁⠂⠄⡀⢀⠈⠐⠠")  # braille dots
    assert max(cell_len(line) for line in lines) <= 80


def test_chart_log_scale_and_ema():
    x = np.arange(1, 101)
    noisy = list(np.exp(-x / 20) + 0.3 * (x % 2))
    smooth = LineChart({"loss": noisy}, logy=True, smoothing=0.9)
    assert "log scale" in smooth.summary() and "smoothed end" in smooth.summary()
    text = render(smooth, 80)
    assert "(EMA 0.9)" in text
    with pytest.raises(ValueError):
        LineChart({"a": [1, 2]}, smoothing=1.0)
    # non-finite values and non-positive values on a log scale break the line, not the chart
    broken = LineChart({"a": [1.0, float("nan"), 0.0, -1.0, 10.0]}, logy=True)
    fits(render(broken, 40), 40)
    assert "1 non-finite, 2 ≤ 0 not shown on the log scale" in broken.summary()
    assert "no data yet" in render(LineChart({"a": []}), 40)


def test_summaries_say_what_is_drawn():
    assert chart().summary().startswith("training loss: sgd 2.01→0.3 (min 0.231, max 2.01); adam")
    assert "4/4 points on their class's side" in boundary().summary()
    assert "std 5 mean" in histograms().summary()
    s = paths().summary()
    assert "sgd 25 steps" in s and "adam 7 steps" in s and "y-direction flips" in s
    assert images().summary() == "filters: 3 images of 5×5, values -1..1."


def test_histogram_share_and_counts():
    h = Histogram(counts=[5, 0, 0, 5], edges=[0, 0.25, 0.5, 0.75, 1.0])
    assert h.share(0, 0.25) == pytest.approx(0.5)
    assert h.mean == pytest.approx(0.5)
    with pytest.raises(ValueError):
        Histogram(counts=[1, 2], edges=[0, 1])


def test_color_rendering_uses_half_blocks_and_colours():
    text = render(boundary(), 80, color=True)
    assert "▀" in text and "\x1b[" in text
    plain = render(boundary(), 80)
    assert "▀" not in plain and "█" in plain  # no colour: a shade ramp instead


def test_no_color_env_is_respected(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    console = Console(width=80, record=True, file=open(os.devnull, "w"), force_terminal=True)  # noqa: SIM115
    console.print(boundary())
    assert "▀" not in console.export_text()


def test_frame_view_lays_out_a_lab_frame():
    from dltutor.lessons.labs import get_lab

    frame = get_lab("01-xor-boundary").run_to_end({"epochs": 10})
    for width in WIDTHS:
        text = render(FrameView(frame, title="01-xor-boundary"), width)
        fits(text, width)
        assert "1 layer: P(class 1)" in text and "acc_2layer=" in text
    assert "grid over x" in FrameView(frame).summary()


@pytest.mark.parametrize(
    "lab_id",
    [
        "02-activations",
        "03-gradient-descent",
        "05-optimizer-paths",
        "06-init-histograms",
        "10-conv-shapes",
        "13-tokenize",
        "04-gradient-check",
        "16-temperature",
    ],
)
def test_lab_frames_fit_80_columns(lab_id):
    from dltutor.lessons.labs import get_lab

    lab = get_lab(lab_id)
    frame = lab.run_to_end(lab.quick)
    for width in (80, 120):
        text = render(FrameView(frame, title=lab.title()), width)
        fits(text, width)
        assert frame.message.split()[0] in text.replace("\n", " ")


JAPANESE_LABS = ["01-xor-boundary", "05-optimizer-paths", "06-init-histograms", "10-conv-shapes"]


@pytest.mark.parametrize("lab_id", JAPANESE_LABS)
def test_japanese_frames_fit_and_their_summaries_are_japanese(lab_id):
    from dltutor.lessons.labs import get_lab
    from dltutor.tui.render import plot_summary

    lab = get_lab(lab_id)
    frame = lab.run_to_end(lab.quick, lang="ja")
    for width in (80, 120):
        text = render(FrameView(frame, title=lab.title("ja"), lang="ja"), width)
        fits(text, width)  # wide characters count two cells
    summary = FrameView(frame, lang="ja").summary()
    for english in ("points", "grid over", "values", "steps to", "path length", "mean", "images"):
        assert english not in summary, english
    for plot in frame.plots:
        assert plot_summary(plot, lang="ja").startswith(plot.title + "：")


def test_summaries_speak_the_asked_language():
    assert "over 120 points" in chart().summary()
    ja = LineChart({"損失": [3.0, 2.0, 1.0]}, title="損失", logy=True, lang="ja")
    assert ja.summary() == "損失：損失 3→1（最小 1、最大 3）（3 点）、対数目盛。"
    hist = Histogram(np.linspace(0, 1, 50), title="1 層目", lang="ja")
    assert "平均" in hist.summary() and "mean" not in hist.summary()
