"""Publishing a trained model, the step every recipe ends with: export → checker → parity →
metric (ONNX Runtime) → card.

See the recipe contract in `dltutor.engine.zoo`. Nothing here prints; `progress` gets
`ZooEvent`s.
"""

from __future__ import annotations

import datetime as _dt
import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from dltutor.engine.zoo.events import say

PARITY_TOLERANCE = 1e-4


class ParityError(AssertionError):
    """The exported graph and the engine disagree on the same inputs."""


def log_softmax(logits: np.ndarray) -> np.ndarray:
    z = logits.astype(np.float64)
    z = z - z.max(axis=-1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


def accuracy(logits: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean(np.argmax(logits, axis=-1) == np.asarray(y).reshape(-1)))


def nats_per_char(logits: np.ndarray, y: np.ndarray) -> float:
    """Mean cross-entropy (natural log) of next-character targets `y` (N, T) under `logits`."""
    lp = log_softmax(logits)
    y = np.asarray(y, dtype=np.int64)
    picked = np.take_along_axis(lp, y[..., None], axis=-1)[..., 0]
    return float(-picked.mean())


METRICS = {"accuracy": accuracy, "nats_per_char": nats_per_char}


def state_feeds(session, batch: int) -> dict[str, np.ndarray]:
    """Zero initial states for a stateful graph's extra inputs."""
    feeds = {}
    for inp in session.get_inputs()[1:]:
        shape = [batch if not isinstance(d, int) else d for d in inp.shape]
        feeds[inp.name] = np.zeros(shape, dtype=np.float32)
    return feeds


def ort_logits(session, x: np.ndarray, batch_size: int = 256) -> np.ndarray:
    """The graph's `logits` for many inputs (zero states for a stateful graph)."""
    name = session.get_inputs()[0].name
    parts = []
    for i in range(0, len(x), batch_size):
        xb = x[i : i + batch_size]
        parts.append(session.run(["logits"], {name: xb, **state_feeds(session, len(xb))})[0])
    return np.concatenate(parts)


def parity(model, session, x: np.ndarray) -> float:
    """Max abs difference between the engine's forward and ONNX Runtime on `x`."""
    engine_out = np.asarray(model.predict(x), dtype=np.float32)
    ort_out = ort_logits(session, x)
    if engine_out.shape != ort_out.shape:
        raise ParityError(f"engine output {engine_out.shape} vs ONNX Runtime {ort_out.shape}")
    return float(np.max(np.abs(engine_out.astype(np.float64) - ort_out)))


def publish(
    name: str,
    model: Any,
    out_dir: str | Path,
    *,
    task: str,
    labels: list[str] | None,
    input_spec: dict[str, Any],
    preprocessing: dict[str, Any],
    dataset: dict[str, Any],
    parity_x: np.ndarray,
    eval_x: np.ndarray | None = None,
    eval_y: np.ndarray | None = None,
    metric: str | None = None,
    metrics: dict[str, float] | None = None,
    vocab: Any = None,
    seed: int = 0,
    quick: bool = False,
    progress: Any = None,
    command: str | None = None,
    training: dict[str, Any] | None = None,
    outputs: tuple[str, ...] | None = None,
    stateful: bool = False,
    half_embeddings: bool = False,
) -> dict[str, Any]:
    """Export `model`, check it, measure it with ONNX Runtime and write its card."""
    import onnx

    from dltutor.engine.inference.cards import sha256_file
    from dltutor.engine.inference.runtime import session_from_bytes
    from dltutor.engine.onnx import engine_version, export_model, round_embeddings
    from dltutor.engine.zoo import spec

    model_spec = spec(name)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    onnx_path = out / f"{name}.onnx"
    if outputs is None:
        outputs = ("logits", "probs") if task != "text-generation" else ("logits",)
    command = command or f"dltutor models train {name}" + (" (quick)" if quick else "")

    files: dict[str, dict[str, str]] = {}
    if vocab is not None:
        vocab_path = out / f"{name}.vocab.json"
        vocab_path.write_text(json.dumps(vocab, ensure_ascii=False, indent=0), encoding="utf-8")
        files["vocab"] = {"file": vocab_path.name, "sha256": sha256_file(vocab_path)}

    if half_embeddings:  # float16 tables: the engine model is rounded too, then measured
        round_embeddings(model)
    say(progress, "export", f"exporting {name} to ONNX (opset 17)")
    metadata = {
        "dltutor.model": name,
        "dltutor.task": task,
        "dltutor.labels": labels or [],
        "dltutor.input": input_spec,
        "dltutor.preprocessing": preprocessing,
        "dltutor.dataset": dataset,
    }
    shape = tuple(input_spec["shape"][1:])
    export_model(
        model,
        onnx_path,
        input_name=input_spec["name"],
        input_dtype=input_spec.get("dtype", "float32"),
        input_shape=shape,
        outputs=outputs,
        metadata=metadata,
        stateful=stateful,
        half_embeddings=half_embeddings,
        graph_name=name,
        doc=model_spec.summary,
    )
    say(progress, "verify", "onnx.checker")
    onnx.checker.check_model(str(onnx_path), full_check=True)
    data = onnx_path.read_bytes()
    session = session_from_bytes(data)

    say(progress, "verify", "engine vs ONNX Runtime parity")
    diff = parity(model, session, np.asarray(parity_x))
    if not diff <= PARITY_TOLERANCE:
        raise ParityError(
            f"{name}: ONNX Runtime and the engine differ by {diff:.3g} (> {PARITY_TOLERANCE})"
        )

    measured: dict[str, float] = dict(metrics or {})
    if metric is not None and eval_x is not None:
        say(progress, "evaluate", f"measuring {metric} on {dataset.get('split', 'the split')}")
        t0 = time.perf_counter()
        logits = ort_logits(session, np.asarray(eval_x))
        measured[metric] = round(METRICS[metric](logits, np.asarray(eval_y)), 6)
        measured["n"] = len(eval_x)
        measured["seconds"] = round(time.perf_counter() - t0, 3)
    value = measured.get(model_spec.metric)

    proto = onnx.load(str(onnx_path))
    card: dict[str, Any] = {
        "name": name,
        "task": task,
        "summary": model_spec.summary,
        "labels": labels,
        "input": input_spec,
        "outputs": [
            {
                "name": o.name,
                "shape": [d.dim_param or d.dim_value for d in o.type.tensor_type.shape.dim],
            }
            for o in proto.graph.output
        ],
        "preprocessing": preprocessing,
        "dataset": dataset,
        "metrics": measured,
        "target": {
            "metric": model_spec.metric,
            "value": model_spec.target,
            "higher_is_better": model_spec.higher_is_better,
            "met": None if value is None else model_spec.meets_target(value),
        },
        "params": int(model.count_params()),
        "file": onnx_path.name,
        "sha256": sha256_file(onnx_path),
        "bytes": onnx_path.stat().st_size,
        "files": files,
        "parity_max_abs_diff": diff,
        "onnx": {
            "opset": proto.opset_import[0].version,
            "ir_version": proto.ir_version,
            "stateful": stateful,
            "half_embeddings": half_embeddings,
        },
        "command": command,
        "seed": seed,
        "quick": quick,
        "training": training or {},
        "engine_version": engine_version(),
        "created": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    (out / f"{name}.json").write_text(
        json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    say(progress, "done", f"{name}: {model_spec.metric} = {value} ; wrote {onnx_path}")
    return card
