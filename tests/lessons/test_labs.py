"""Every lab runs headless with a fixed seed, and the effect its lesson talks about shows."""

from __future__ import annotations

import re
import string
import subprocess
import sys

import numpy as np
import pytest

from dltutor.lessons.catalog import lessons
from dltutor.lessons.labs import (
    Boundary,
    Curves,
    Histograms,
    Images,
    KnobError,
    LabError,
    Paths,
    Table,
    TextSamples,
    all_labs,
    get_lab,
    lab_ids,
)

# the labs the lessons name, in course order: the registry must serve exactly these
LESSON_LAB_IDS = [lab_id for lesson in lessons("en") for lab_id in lesson.labs]


def final(lab_id: str, knobs: dict | None = None, seed: int = 0, quick: bool = True):
    lab = get_lab(lab_id)
    settings = dict(lab.quick) if quick else {}
    settings.update(knobs or {})
    frame = lab.run_to_end(settings, seed=seed)
    assert frame.final
    return frame


# --- registry and knobs ---------------------------------------------------------------


def test_every_lesson_lab_id_is_registered_and_loads():
    assert list(lab_ids()) == LESSON_LAB_IDS
    labs = all_labs()
    assert [lab.id for lab in labs] == LESSON_LAB_IDS
    for lab in labs:
        assert lab.title("en") and lab.title("ja") and lab.summary("ja")
        assert lab.lesson == lab.id[:2]
        for knob in lab.knobs:
            assert lab.help(knob, "en") and lab.help(knob, "ja")
        lab.resolve(lab.quick)  # quick settings are valid knob values


def test_unknown_lab_lists_the_ids():
    with pytest.raises(LabError) as err:
        get_lab("99-nothing")
    assert "05-optimizer-paths" in str(err.value)
    assert get_lab("05-optimizer-p").id == "05-optimizer-paths"
    with pytest.raises(LabError, match="matches"):
        get_lab("05-optimizer")


def test_knob_values_are_checked():
    lab = get_lab("05-optimizer-paths")
    assert lab.resolve({"steps": "12", "optimizer": "ADAM"}) == {
        **lab.resolve(),
        "steps": 12,
        "optimizer": "adam",
    }
    with pytest.raises(KnobError, match=r"1\.\.500"):
        lab.resolve({"steps": 0})
    with pytest.raises(KnobError, match="integer"):
        lab.resolve({"steps": "1.5"})
    with pytest.raises(KnobError, match="one of"):
        lab.resolve({"optimizer": "lbfgs"})
    with pytest.raises(KnobError, match="no knob 'epochs'"):
        lab.resolve({"epochs": 3})
    gates = get_lab("01-logic-gates")
    assert gates.resolve({"custom": "on"})["custom"] is True
    with pytest.raises(KnobError, match="on/off"):
        gates.resolve({"custom": "maybe"})


def test_labs_import_no_ui_library():
    code = (
        "import sys; from dltutor.lessons.labs import all_labs; all_labs(); "
        "bad = [m for m in ('rich', 'textual', 'typer', 'onnxruntime') if m in sys.modules]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_same_seed_same_run():
    a = final("01-xor-boundary", {"epochs": 20}).metrics
    b = final("01-xor-boundary", {"epochs": 20}).metrics
    assert a == b
    c = final("01-xor-boundary", {"epochs": 20}, seed=1).metrics
    assert c != a


# --- one test per lab: the effect ------------------------------------------------------


def test_00_broadcasting_rules_and_speed():
    ok = final("00-broadcasting", {"a": "3x4", "b": "3x1", "n": 100_000})
    assert ok.metrics["broadcast_ok"] and ok.metrics["rule_agrees"]
    bad = final("00-broadcasting", {"a": "3x4", "b": "4x3", "n": 10_000})
    assert bad.metrics["broadcast_ok"] is False and bad.metrics["rule_agrees"]
    assert ok.metrics["speedup"] > 5  # a C loop beats a Python loop


def test_01_logic_gates_single_perceptron_cannot_do_xor():
    for gate in ("and", "or", "nand"):
        assert final("01-logic-gates", {"gate": gate}).metrics["correct"] == 4
    xor = final("01-logic-gates", {"gate": "xor"}).metrics
    assert xor["best_single_perceptron"] == 3  # no line splits XOR
    assert xor["correct"] == 4 and xor["two_layer_xor_correct"] == 4
    custom = final(
        "01-logic-gates", {"gate": "and", "custom": True, "w1": 1, "w2": 1, "b": 0.5}
    ).metrics
    assert custom["correct"] < 4  # this bias fires on (0, 0)


def test_01_xor_needs_two_layers():
    m = final("01-xor-boundary").metrics
    assert m["acc_2layer"] >= 0.95
    assert m["acc_1layer"] <= 0.8
    assert m["loss_2layer"] < m["loss_1layer"] / 3


def test_02_activations_slopes_and_linear_collapse():
    m = final("02-activations").metrics
    assert m["sigmoid_max_slope"] == pytest.approx(0.25, abs=1e-3)
    assert m["tanh_max_slope"] == pytest.approx(1.0, abs=1e-3)
    assert m["relu_at_minus1"] == 0 and m["leaky_at_minus1"] == pytest.approx(-0.1, abs=1e-6)
    assert m["linear_stack_slope"] == 8  # h(h(h(x))) = 2³x
    assert m["linear_stack_nonlinearity"] < 1e-9 < 0.1 < m["tanh_stack_nonlinearity"]


def test_02_softmax_naive_overflows_stable_does_not():
    m = final("02-softmax-overflow").metrics
    assert m["naive_nan"] is True
    assert m["stable_sum"] == pytest.approx(1.0, abs=1e-6)
    assert m["engine_sum"] == pytest.approx(1.0, abs=1e-6)
    assert 75 <= m["first_nan_shift"] <= 80  # float32 exp overflows above ~88.7 (10 + shift)
    small = final("02-softmax-overflow", {"shift": 50}).metrics
    assert small["naive_nan"] is False
    f64 = final("02-softmax-overflow", {"dtype": "float64", "shift": 500}).metrics
    assert f64["naive_nan"] is False  # float64 overflows only above ~709


def test_02_batches_are_faster_than_loops():
    m = final("02-batch-timing", {"samples": 500, "repeats": 2}).metrics
    assert m["us_per_sample_b1"] > 3 * m["us_per_sample_b100"]


def test_03_learning_rate_too_small_good_too_large():
    m = final("03-gradient-descent").metrics
    assert m["f_good"] < 1e-3
    assert 1.0 < m["f_small"] < m["f_start"]
    assert m["f_large"] > m["f_start"]  # diverges


def test_03_numerical_gradient_matches_but_is_slow():
    m = final("03-numerical-gradient").metrics
    assert m["max_grad_diff"] < 1e-6
    assert m["numerical_loss_end"] == pytest.approx(m["loss_end"], rel=1e-6)
    assert m["loss_end"] < m["loss_start"]
    assert m["slowdown"] > 20


def test_04_gradient_check_passes_for_every_layer():
    m = final("04-gradient-check").metrics
    errors = {k: v for k, v in m.items() if k.endswith("_max_rel_error")}
    assert len(errors) == 9
    assert max(errors.values()) < 1e-6


def test_04_numerical_cost_grows_with_weights():
    m = final("04-backprop-speed").metrics
    assert m["max_rel_diff"] < 1e-4
    assert m["ratio_last"] > m["ratio_first"] > 5


def test_05_sgd_zigzags_adam_does_not():
    m = final("05-optimizer-paths").metrics
    assert m["sgd_y_flips"] >= 20
    assert m["adam_y_flips"] <= 5 and m["adagrad_y_flips"] <= 2
    assert m["sgd_path_length"] > 3 * m["adam_path_length"]
    one = final("05-optimizer-paths", {"optimizer": "sgd", "lr": 0.5}).metrics
    assert set(k.split("_")[0] for k in one) == {"sgd"}


def test_05_sgd_learns_slowest_on_real_data():
    m = final("05-optimizer-curves").metrics
    for name in ("momentum", "adagrad", "rmsprop", "adam"):
        assert m["sgd_loss"] > m[f"{name}_loss"], name


# the labs that repeat the book's MNIST experiments, and the data each may use instead
MNIST_LABS = {
    "02-batch-timing": None,
    "03-numerical-gradient": None,
    "04-backprop-speed": None,
    "05-optimizer-curves": "fashion",
    "06-batchnorm": None,
    "07-overfitting": "moons",
    "10-cnn-train": "fashion",
}


@pytest.mark.parametrize("lab_id", MNIST_LABS)
def test_book_experiments_run_on_mnist_and_say_so(lab_id):
    lab = get_lab(lab_id)
    data = lab.knob("data")
    assert data is None or data.default == "mnist"
    frame = final(lab_id)
    words = " ".join(text for _, text in visible_words(frame))
    assert "MNIST" in words and "Fashion" not in words, words


@pytest.mark.data
@pytest.mark.parametrize("lab_id", [i for i, other in MNIST_LABS.items() if other == "fashion"])
def test_fashion_mnist_stays_an_option(lab_id, require_data):
    from dltutor.engine.data import fashion

    if not fashion.is_available():
        require_data(FileNotFoundError("Fashion-MNIST is not installed"))
    frame = final(lab_id, {"data": "fashion", "epochs": 1})
    assert "Fashion-MNIST" in " ".join(text for _, text in visible_words(frame))


def test_07_half_moons_still_draw_their_boundaries():
    frame = final("07-overfitting", {"data": "moons", "epochs": 5, "layers": 2, "hidden": 16})
    assert len([p for p in frame.plots if isinstance(p, Boundary)]) == 3
    assert "half-moons" in frame.plots[0].title


def test_06_sigmoid_std1_piles_up_at_0_and_1():
    m = final("06-init-histograms").metrics
    assert m["1_extreme_share"] > 0.5  # std 1: most outputs near 0 or 1
    assert m["0.01_extreme_share"] < 0.01 and m["0.01_last_std"] < 0.05  # all near 0.5
    assert m["xavier_extreme_share"] < 0.1 and m["xavier_last_std"] > 2 * m["0.01_last_std"]


def test_06_batchnorm_rescues_a_poorly_scaled_deep_net():
    m = final("06-batchnorm").metrics
    assert m["with_batch_norm_train_acc"] > m["without_train_acc"] + 0.3


def test_07_dropout_and_weight_decay_close_the_gap():
    m = final("07-overfitting").metrics
    assert m["train_acc_none"] > m["test_acc_none"] + 0.03  # overfits
    assert m["gap_dropout"] < m["gap_none"]
    assert m["gap_weight_decay"] < m["gap_none"]
    assert m["train_acc_dropout"] < m["train_acc_none"]


def test_08_random_search_finds_a_good_region():
    m = final("08-random-search").metrics
    assert m["best_val_acc"] > m["worst_val_acc"] + 0.3
    assert m["distinct_lr"] == 10 > m["grid_distinct_lr"]
    assert 1e-3 < m["best_lr"] < 1.0


def test_08_kfold_beats_the_mean_predictor():
    m = final("08-kfold", {"k": 3}).metrics
    assert m["folds"] == 3
    assert m["mean_mae"] < m["baseline_mae"]


def test_09_each_task_gets_its_head_and_loss():
    m = final("09-loss-choice").metrics
    assert m["binary_accuracy"] > 0.9
    assert m["multiclass_accuracy"] > 0.85
    assert m["regression_mae"] < m["regression_baseline_mae"]


def test_09_ema_smooths_and_zero_leaves_the_curve():
    m = final("09-ema-smoothing", {"steps": 120}).metrics
    assert m["smooth_roughness"] < m["raw_roughness"] / 3
    plain = final("09-ema-smoothing", {"steps": 60, "smoothing": 0.0})
    assert plain.metrics["smooth_roughness"] == pytest.approx(plain.metrics["raw_roughness"])
    assert plain.metrics["start_bias"] == 0


def test_10_conv_output_sizes():
    assert final("10-conv-shapes").metrics["out_h"] == 24  # (28 − 5)/1 + 1
    same = final("10-conv-shapes", {"pad": 2}).metrics
    assert same["out_h"] == same["engine_out_h"] == 28
    strided = final("10-conv-shapes", {"filter": 4, "stride": 2, "pad": 1}).metrics
    assert strided["out_h"] == strided["engine_out_h"] == 14 and strided["pooled_h"] == 7
    assert (
        final("10-conv-shapes", {"filters": 30, "filter": 5, "channels": 1}).metrics["params"]
        == 780
    )
    with pytest.raises(LabError, match="not a whole number"):
        final("10-conv-shapes", {"size": 28, "filter": 5, "stride": 2})


def test_10_cnn_learns():
    frame = final("10-cnn-train")
    m = frame.metrics
    assert m["last_loss"] < 0.6 * m["first_loss"]
    assert m["test_acc"] > 0.6
    assert frame.plot(Images) is not None


@pytest.mark.parametrize(
    ("lab_id", "model"),
    [
        ("11-feature-maps", "fashion-cnn"),
        ("12-transfer", "fashion-cnn"),
        ("13-embedding-neighbours", "sst2-rnn"),
    ],
)
def test_shipped_model_labs_say_how_to_build_a_missing_model(lab_id, model, tmp_path, monkeypatch):
    monkeypatch.setenv("DLTUTOR_MODELS_DIR", str(tmp_path))
    with pytest.raises(LabError, match=f"model not available: run `dltutor models train {model}`"):
        final(lab_id)


def test_11_feature_maps_of_the_shipped_cnn():
    frame = final("11-feature-maps")
    assert 0 <= frame.metrics["predicted"] < 10 and frame.metrics["cam_peak"] == pytest.approx(1.0)
    assert len([p for p in frame.plots if isinstance(p, Images)]) >= 3


def test_12_transfer_trains_only_a_head():
    m = final("12-transfer", {"epochs": 2, "train_size": 200}).metrics
    assert m["transfer_acc"] > 0.5 and m["base_params"] > 0


def test_13_embedding_neighbours_share_sentiment():
    m = final("13-embedding-neighbours").metrics
    assert m["sim_good_great"] > m["sim_good_bad"]


def test_13_tokenize_and_pad():
    m = final("13-tokenize").metrics
    assert (m["padded_shape_0"], m["padded_shape_1"]) == (4, 8)
    assert m["onehot_density"] == pytest.approx(1 / m["vocab_size"])
    chars = final("13-tokenize", {"tokens": "chars", "maxlen": 40}).metrics
    assert chars["vocab_size"] < 40 and chars["pad_count"] > 0


def test_14_gru_learns_sentiment(require_data):
    from dltutor.engine.text.corpus import data_file

    try:
        data_file(None, "sst2/dev.tsv", verify=False)
    except Exception as missing:  # noqa: BLE001 - any loader error means the data is absent
        require_data(missing)
    m = final("14-gru-sentiment").metrics
    assert m["last_loss"] < m["first_loss"] - 0.1
    assert m["dev_acc"] > 0.53
    assert m["p_example_0"] > m["p_example_1"]  # "gorgeous, witty" vs "dull … worse"


def test_15_callbacks_cut_the_rate_and_stop_early():
    m = final("15-callbacks").metrics
    assert m["stopped_early"] is True and m["epochs_run"] < 60
    assert m["lr_cuts"] >= 1 and m["final_lr"] < m["first_lr"]
    assert m["restored_val_loss"] == pytest.approx(m["best_val_loss"], rel=1e-5)


def test_15_ensemble_beats_the_typical_member():
    m = final("15-ensemble").metrics
    assert m["ensemble_acc"] >= m["mean_single_acc"]


def test_16_temperature_raises_entropy():
    m = final("16-temperature").metrics
    assert m["entropy_T0.2"] < m["entropy_T1"] < m["entropy_T1.5"]


def test_every_frame_is_well_formed():
    lab = get_lab("05-optimizer-paths")
    frames = list(lab.run({"steps": 10}))
    assert frames[-1].final and not any(f.final for f in frames[:-1])
    assert all(0 <= f.step <= f.total for f in frames)
    hist = frames[-1].history()
    assert set(hist["f(x, y) per step"]) == {"sgd", "momentum", "adagrad", "rmsprop", "adam"}
    assert all(isinstance(v, float) for v in hist["f(x, y) per step"]["sgd"])
    assert np.isfinite(frames[-1].metrics["adam_final_f"])


# --- Japanese ------------------------------------------------------------------------------

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]")
# Names that stay as they are in Japanese text: optimizers, activations, layers, libraries.
NAMES = {
    "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "relu", "leaky", "tanh",
    "sigmoid", "softmax", "step", "numpy", "id", "exp", "max", "cam", "grad", "ema",
    "float32", "float64", "one", "hot", "xavier",
}  # fmt: skip
TIMING = re.compile(r"(_s$|speedup|slowdown|ratio|us_per_sample)")


def visible_words(frame) -> list[tuple[str, str]]:
    """Every learner-visible label of a frame, in a fixed order, with where it came from."""
    out = [("message", frame.message)]
    for plot in frame.plots:
        where = f"{type(plot).__name__} {plot.title!r}"
        out.append((f"{where} title", plot.title))
        if isinstance(plot, Curves):
            out.append((f"{where} xlabel", plot.xlabel))
            out += [(f"{where} series", name) for name in plot.series]
        elif isinstance(plot, Paths):
            out += [(f"{where} path", name) for name in plot.paths]
        elif isinstance(plot, Histograms | Images | TextSamples):
            out += [(f"{where} item", name) for name, _ in plot.items]
        elif isinstance(plot, Table):
            out += [(f"{where} column", name) for name in plot.columns]
    return out


def reads_as_english(text: str) -> bool:
    """Words of three or more letters that are not names kept in both languages."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9]{2,}", text)
    return any(w.lower() not in NAMES and not w.isupper() for w in words)


def all_frames(lab_id: str, lang: str) -> list:
    lab = get_lab(lab_id)
    try:
        return list(lab.run(dict(lab.quick), seed=0, lang=lang))
    except LabError as missing:  # a shipped model or data set that is not installed here
        pytest.skip(str(missing))


@pytest.mark.parametrize("lab_id", LESSON_LAB_IDS)
def test_every_lab_speaks_japanese_with_the_same_numbers(lab_id):
    en, ja = all_frames(lab_id, "en"), all_frames(lab_id, "ja")
    assert len(en) == len(ja)
    for f_en, f_ja in zip(en, ja, strict=True):
        assert [type(p) for p in f_en.plots] == [type(p) for p in f_ja.plots]
        assert list(f_en.metrics) == list(f_ja.metrics)  # keys never change with the language
        for key, value in f_en.metrics.items():
            if not TIMING.search(key):
                assert f_ja.metrics[key] == pytest.approx(value, nan_ok=True), key
        words_en, words_ja = visible_words(f_en), visible_words(f_ja)
        assert len(words_en) == len(words_ja)
        for (where, text_en), (_, text_ja) in zip(words_en, words_ja, strict=True):
            if reads_as_english(text_en):
                assert JAPANESE.search(text_ja), f"{lab_id} {where}: {text_ja!r} not translated"
    assert JAPANESE.search(ja[-1].message) and ja[-1].final


def test_lab_texts_have_the_same_keys_and_placeholders_in_both_languages():
    fields = string.Formatter()
    for lab in all_labs():
        lab_id, table = lab.id, lab.words.table
        assert set(table) == {"en", "ja"}, lab_id
        assert set(table["en"]) == set(table["ja"]), lab_id
        for key, template in table["en"].items():
            names_en = sorted(f for _, f, _, _ in fields.parse(template) if f)
            names_ja = sorted(f for _, f, _, _ in fields.parse(table["ja"][key]) if f)
            assert names_en == names_ja, f"{lab_id} {key}"
            assert JAPANESE.search(table["ja"][key]) or not reads_as_english(template), (
                f"{lab_id} {key}"
            )


def test_an_unknown_language_falls_back_to_english():
    frame = get_lab("01-logic-gates").run_to_end({"gate": "and"}, lang="fr")
    assert frame.plots[0].title == "AND truth table"
    ja = get_lab("01-logic-gates").run_to_end({"gate": "and"}, lang="ja")
    assert ja.plots[0].title == "AND の真理値表" and ja.metrics == frame.metrics
