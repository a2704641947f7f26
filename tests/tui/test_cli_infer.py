"""`dltutor infer image|text`, `generate` and `models ...`: results per input, exit codes 0/1/2,
no tracebacks. Runs on small models built in a tmp folder through the real publish step."""

from __future__ import annotations

import io
import json
import shutil

import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

pytest.importorskip("onnxruntime")

from dltutor.engine.inference import runtime  # noqa: E402
from dltutor.tui.cli.main import app  # noqa: E402

runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """fashion-cnn / digits-cnn / mnist-cnn (untrained weights), a toy sst2-rnn and a toy
    char model."""
    from dltutor.engine.layers import GRU, LSTM, Dense, Embedding, TimeDistributed
    from dltutor.engine.model import Sequential
    from dltutor.engine.text.tokenizers import CharTokenizer, WordTokenizer
    from dltutor.engine.zoo import digits_cnn, fashion_cnn, mnist_cnn
    from dltutor.engine.zoo.publish import publish

    out = tmp_path_factory.mktemp("models")
    rng = np.random.default_rng(0)
    for recipe, size in ((fashion_cnn, 28), (digits_cnn, 8), (mnist_cnn, 28)):
        x = rng.random((16, 1, size, size), dtype=np.float32)
        publish(
            recipe.NAME,
            recipe.build_model(0),
            out,
            **recipe.card_fields(),
            dataset={"name": "random", "split": "none"},
            parity_x=x,
            eval_x=x,
            eval_y=np.arange(16) % 10,
            metric="accuracy",
            quick=True,
        )
    tok = WordTokenizer().fit(["a good film", "a bad film", "good fun", "dull and bad"])
    model = Sequential([Embedding(len(tok), 4, mask_zero=True), GRU(3), Dense(2)], seed=0)
    model.build((None, 3))
    publish(
        "sst2-rnn",
        model,
        out,
        task="text-classification",
        labels=["negative", "positive"],
        input_spec={"name": "tokens", "dtype": "int64", "shape": ["batch", "time"]},
        preprocessing={"kind": "text", "tokenizer": "word", "maxlen": 8},
        dataset={"name": "toy", "split": "none"},
        parity_x=tok.encode_batch(["a good film"], 3),
        metrics={"accuracy": 0.5},
        vocab=tok.to_dict(),
        quick=True,
    )
    chars = CharTokenizer().fit(["To be, or not to be: that is the question.\nROMEO:\n"])
    lm = Sequential(
        [
            Embedding(len(chars), 8),
            LSTM(16, return_sequences=True),
            TimeDistributed(Dense(len(chars))),
        ],
        seed=0,
    )
    lm.build((None, 10))
    publish(
        "shakespeare-char",
        lm,
        out,
        task="text-generation",
        labels=None,
        input_spec={"name": "tokens", "dtype": "int64", "shape": ["batch", "time"]},
        preprocessing={"kind": "text", "tokenizer": "char"},
        dataset={"name": "toy", "split": "none"},
        parity_x=np.asarray([chars.encode("To be, or ")], dtype=np.int64),
        metrics={"nats_per_char": 3.0},
        vocab=chars.to_dict(),
        stateful=True,
        quick=True,
    )
    return out


@pytest.fixture
def models(built, tmp_path, monkeypatch):
    """A private copy (tests may damage it) selected with DLTUTOR_MODELS_DIR."""
    copy = tmp_path / "models"
    shutil.copytree(built, copy)
    monkeypatch.setenv("DLTUTOR_MODELS_DIR", str(copy))
    monkeypatch.setenv("DLTUTOR_CHECKPOINT_DIR", str(tmp_path / "ckpt"))
    runtime.clear_cache()
    yield copy
    runtime.clear_cache()


@pytest.fixture
def images(tmp_path):
    a = np.zeros((28, 28), np.uint8)
    a[6:22, 8:20] = 200
    files = {}
    files["ok"] = tmp_path / "ok.png"
    Image.fromarray(a).save(files["ok"])
    files["text"] = tmp_path / "text.png"
    files["text"].write_text("not a picture")
    buf = io.BytesIO()
    Image.fromarray(np.kron(a, np.ones((4, 4), np.uint8))).save(buf, "PNG")
    files["truncated"] = tmp_path / "truncated.png"
    files["truncated"].write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    files["cmyk"] = tmp_path / "cmyk.jpg"
    Image.fromarray(255 - a).convert("CMYK").save(files["cmyk"])
    files["16bit"] = tmp_path / "deep.png"
    Image.fromarray(a.astype(np.uint16) * 257).save(files["16bit"])
    files["palette"] = tmp_path / "pal.png"
    Image.fromarray(a).convert("P").save(files["palette"])
    files["rgba"] = tmp_path / "rgba.png"
    rgba = np.zeros((40, 40, 4), np.uint8)
    rgba[10:30, 12:28] = (20, 20, 20, 255)
    Image.fromarray(rgba).save(files["rgba"])
    files["gif"] = tmp_path / "anim.gif"
    frames = [Image.fromarray(a).convert("P"), Image.fromarray(255 - a).convert("P")]
    frames[0].save(files["gif"], save_all=True, append_images=frames[1:], duration=50)
    files["huge"] = tmp_path / "huge.png"
    files["huge"].write_bytes(_png_header_only(90_000, 90_000))
    return files


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims width x height pixels (a decompression bomb's header)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        return struct.pack(">I", len(data)) + kind + data + crc

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def _no_traceback(result):
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_image_json_answers_every_input_in_order(models, images):
    order = ["ok", "text", "cmyk", "truncated", "16bit", "palette", "rgba", "gif", "huge"]
    result = runner.invoke(
        app, ["infer", "image", *[str(images[k]) for k in order], "--json", "--top-k", "2"]
    )
    _no_traceback(result)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [d["input"] for d in data] == [str(images[k]) for k in order]
    failed = {k for k, d in zip(order, data, strict=True) if d["error"]}
    assert failed == {"text", "truncated", "huge"}
    for d in data:
        if d["error"]:
            assert d["label"] is None and d["top"] is None and d["prob"] is None
        else:
            assert len(d["top"]) == 2 and 0 <= d["prob"] <= 1


def test_image_all_good_exits_zero_and_shows_the_input(models, images):
    result = runner.invoke(app, ["infer", "image", str(images["ok"]), "--show", "--top-k", "3"])
    _no_traceback(result)
    assert result.exit_code == 0
    assert "model input 28x28" in result.output  # half blocks in colour, a ramp without


def test_digits_model_and_batch_of_many(models, images):
    paths = [str(images["ok"])] * 40
    result = runner.invoke(app, ["infer", "image", *paths, "--model", "digits-cnn", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert len(data) == 40 and all(d["label"] in list("0123456789") for d in data)


def test_cuda_absent_is_a_usage_error(models, images, monkeypatch):
    monkeypatch.setattr(runtime, "available_providers", lambda: ["CPUExecutionProvider"])
    result = runner.invoke(app, ["infer", "image", str(images["ok"]), "--provider", "cuda"])
    _no_traceback(result)
    assert result.exit_code == 2
    assert "onnxruntime-gpu" in result.output and "CPUExecutionProvider" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["infer", "image", "x.png", "--model", "nope"],
        ["infer", "image", "x.png", "--model", "sst2-rnn"],
        ["infer", "image", "x.png", "--provider", "tpu"],
        ["infer", "text", "a", "--file", "f.txt"],
        ["models", "info", "nope"],
    ],
    ids=["unknown-model", "wrong-task", "bad-provider", "text-and-file", "info-unknown"],
)
def test_usage_errors_exit_2(models, args):
    result = runner.invoke(app, args)
    _no_traceback(result)
    assert result.exit_code == 2, result.output


def test_tampered_model_is_refused_with_the_repair(models, images):
    path = models / "fashion-cnn.onnx"
    data = bytearray(path.read_bytes())
    data[100] ^= 0x55
    path.write_bytes(bytes(data))
    result = runner.invoke(app, ["infer", "image", str(images["ok"]), "-m", "fashion-cnn"])
    _no_traceback(result)
    assert result.exit_code == 1
    assert "dltutor models train fashion-cnn" in result.output
    verify = runner.invoke(app, ["models", "verify", "--json"])
    assert verify.exit_code == 1
    rows = {r["name"]: r for r in json.loads(verify.stdout)}
    assert rows["fashion-cnn"]["error"] and rows["digits-cnn"]["error"] is None


def test_text_file_one_per_line_with_clean_errors(models, tmp_path):
    f = tmp_path / "texts.txt"
    f.write_text("a good film\n\n   \n" + "word " * 5000 + "\ndull and bad\n", encoding="utf-8")
    result = runner.invoke(app, ["infer", "text", "--file", str(f), "--json"])
    _no_traceback(result)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert len(data) == 5
    assert [d["error"] is None for d in data] == [True, False, False, False, True]
    assert "too long" in data[3]["error"]
    assert data[0]["label"] in ("negative", "positive")


def test_text_argument_and_missing_file(models, tmp_path):
    ok = runner.invoke(app, ["infer", "text", "a good film"])
    assert ok.exit_code == 0 and ("positive" in ok.output or "negative" in ok.output)
    missing = runner.invoke(app, ["infer", "text", "--file", str(tmp_path / "nope.txt")])
    _no_traceback(missing)
    assert missing.exit_code == 2
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    bad = runner.invoke(app, ["infer", "text", "--file", str(binary)])
    assert bad.exit_code == 2 and "UTF-8" in bad.output


def test_generate_streams_and_is_seeded(models):
    a = runner.invoke(
        app, ["generate", "--prompt", "ROMEO:", "--length", "30", "--seed", "3", "--json"]
    )
    b = runner.invoke(
        app, ["generate", "--prompt", "ROMEO:", "--length", "30", "--seed", "3", "--json"]
    )
    assert a.exit_code == 0, a.output
    da, db = json.loads(a.stdout), json.loads(b.stdout)
    assert da["text"] == db["text"] and len(da["text"]) == 30
    plain = runner.invoke(app, ["generate", "--length", "10", "--temperature", "0.5"])
    assert plain.exit_code == 0
    bad = runner.invoke(app, ["generate", "--temperature", "0"])
    assert bad.exit_code == 2


def test_models_list_info_verify(models):
    listed = runner.invoke(app, ["models", "list", "--json"])
    assert listed.exit_code == 0
    names = [r["name"] for r in json.loads(listed.stdout)]
    assert names == ["fashion-cnn", "digits-cnn", "mnist-cnn", "sst2-rnn", "shakespeare-char"]
    info = runner.invoke(app, ["models", "info", "fashion-cnn", "--json"])
    assert info.exit_code == 0
    graph = json.loads(info.stdout)["graph"]
    ops = [r["op"] for r in graph]
    assert "Conv" in ops and "Gemm" in ops and "BatchNormalization" in ops
    conv = next(r for r in graph if r["op"] == "Conv")
    assert conv["shape"] == ["batch", 32, 28, 28] and conv["params"] == 32 * 9 + 32
    text = runner.invoke(app, ["models", "info", "sst2-rnn"])
    assert text.exit_code == 0 and "GRU" in text.output
    verify = runner.invoke(app, ["models", "verify"])
    assert verify.exit_code == 0, verify.output


def test_models_bench_reports_both_runtimes(models):
    result = runner.invoke(app, ["models", "bench", "digits-cnn", "--json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    for side in ("ort", "engine"):
        assert row[side]["p50_ms"] > 0 and row[side]["p95_ms"] >= row[side]["p50_ms"]
        assert row[side]["batch256_per_s"] > 0
    assert row["speedup_batch1"] > 0 and row["speedup_batch256"] > 0


def test_models_train_quick(models, tmp_path):
    result = runner.invoke(
        app, ["models", "train", "digits-cnn", "--quick", "--out", str(tmp_path / "out")]
    )
    _no_traceback(result)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "digits-cnn.onnx").is_file()
    card = json.loads((tmp_path / "out" / "digits-cnn.json").read_text())
    assert card["quick"] is True


def test_show_draws_half_blocks_in_colour_and_a_ramp_without():
    from rich.console import Console

    from dltutor.tui.cli.infer import image_renderable

    image = np.eye(8, dtype=np.float32)
    colour = Console(force_terminal=True, color_system="truecolor", width=80)
    with colour.capture() as cap:
        colour.print(image_renderable(image, "input", color=True))
    assert "▀" in cap.get()
    plain = Console(width=80, no_color=True)
    with plain.capture() as cap:
        plain.print(image_renderable(image, "input", color=False))
    lines = cap.get().splitlines()
    assert len(lines) == 5 and "▀" not in cap.get()  # 4 rows of pixel pairs + the title
