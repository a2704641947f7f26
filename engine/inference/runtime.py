"""ONNX Runtime sessions: one per model (and provider choice) per process, made on first use.

`onnxruntime` is imported inside the functions, so importing this module stays cheap.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from dltutor.engine.inference.cards import ModelFileError, verify_model

PROVIDER_CHOICES = ("auto", "cpu", "cuda")


class ProviderError(ValueError):
    """An execution provider that was asked for but is not installed (a usage error)."""


def available_providers() -> list[str]:
    import onnxruntime as ort

    return list(ort.get_available_providers())


def resolve_providers(provider: str = "auto") -> list[str]:
    """The provider list for `auto` (CUDA when present, else CPU), `cpu` or `cuda`."""
    provider = (provider or "auto").lower()
    if provider not in PROVIDER_CHOICES:
        raise ProviderError(
            f"unknown provider {provider!r}: use one of {', '.join(PROVIDER_CHOICES)}"
        )
    installed = available_providers()
    if provider == "cpu":
        return ["CPUExecutionProvider"]
    if "CUDAExecutionProvider" in installed:
        return ["CUDAExecutionProvider", "CPUExecutionProvider"]
    if provider == "cuda":
        raise ProviderError(
            "the CUDA execution provider is not available (installed: "
            f"{', '.join(installed)}); install the GPU build with "
            "`pip install onnxruntime-gpu` (in place of onnxruntime) or use --provider cpu"
        )
    return ["CPUExecutionProvider"]


@dataclass
class LoadedModel:
    """A verified model with its ONNX Runtime session (cached: one per model and providers)."""

    name: str
    card: dict[str, Any]
    path: Path
    session: Any
    providers: list[str]
    tokenizer: Any = field(default=None, repr=False)  # text models: built on first use

    @property
    def input_names(self) -> list[str]:
        return [i.name for i in self.session.get_inputs()]

    @property
    def output_names(self) -> list[str]:
        return [o.name for o in self.session.get_outputs()]

    def run(self, feeds: dict[str, np.ndarray], outputs: list[str] | None = None) -> list:
        return self.session.run(outputs, feeds)

    def run_batched(
        self, x: np.ndarray, output: str | None = None, batch_size: int = 256
    ) -> np.ndarray:
        """One output for many inputs: chunks of `batch_size` along the batch axis."""
        name = self.input_names[0]
        out = output or self.output_names[0]
        parts = [
            self.session.run([out], {name: x[i : i + batch_size]})[0]
            for i in range(0, len(x), batch_size)
        ]
        return np.concatenate(parts) if parts else np.zeros((0,), dtype=np.float32)


_LOCK = threading.Lock()
_SESSIONS: dict[tuple, LoadedModel] = {}


def _session_options():
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    options.intra_op_num_threads = intra_op_threads()
    return options


def intra_op_threads() -> int:
    """Threads per run: half the logical CPUs (hyper-threads share a core; on a 2-vCPU
    machine one thread is ~1.5x faster than two), `DLTUTOR_ORT_THREADS` overrides."""
    env = os.environ.get("DLTUTOR_ORT_THREADS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, (os.cpu_count() or 2) // 2)


def session_from_bytes(data: bytes, providers: list[str] | None = None):
    import onnxruntime as ort

    return ort.InferenceSession(
        data, sess_options=_session_options(), providers=providers or ["CPUExecutionProvider"]
    )


def get_model(
    name: str, provider: str = "auto", directory: str | Path | None = None
) -> LoadedModel:
    """The cached session of model `name`; the first call checks the sha256 and loads it."""
    providers = resolve_providers(provider)
    key = (name, str(Path(directory).resolve()) if directory else None, tuple(providers))
    with _LOCK:
        cached = _SESSIONS.get(key)
        if cached is not None:
            return cached
        card, path = verify_model(name, directory)
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != card["sha256"]:  # changed since the check
            raise ModelFileError(f"model file {path} changed while loading; try again")
        try:
            session = session_from_bytes(data, providers)
        except Exception as error:  # ORT raises its own types; report them in one line
            raise ModelFileError(
                f"ONNX Runtime cannot load {path}: {str(error).splitlines()[0]}; rebuild it "
                f"with `dltutor models train {name}` or reinstall dltutor"
            ) from None
        loaded = LoadedModel(name, card, path, session, list(session.get_providers()))
        _SESSIONS[key] = loaded
        return loaded


def clear_cache() -> None:
    with _LOCK:
        _SESSIONS.clear()


__all__ = [
    "PROVIDER_CHOICES",
    "LoadedModel",
    "ModelFileError",
    "ProviderError",
    "available_providers",
    "clear_cache",
    "get_model",
    "resolve_providers",
]
