"""Character language-model helpers: training windows and sampling with temperature.

Windows: from a corpus of ids c_0 … c_{L-1}, window j is x = c[s : s+T] and the targets are
the next characters y = c[s+1 : s+T+1] (every position predicts its successor), with
s = j·step. `last_only=True` gives the DLwP form (one next character per window).

Sampling (lesson 16): with probabilities p and temperature T > 0 the distribution is
reweighted to q_i = p_i^(1/T) / Σ_j p_j^(1/T) (computed as softmax(log p / T) for
stability). T < 1 sharpens it (predictable text), T > 1 flattens it (surprising text).
T = 0 is greedy decoding: always the most likely character (argmax).
"""

from __future__ import annotations

import numpy as np

from dltutor.engine.functions import softmax


def make_windows(
    ids: np.ndarray, seq_len: int, step: int | None = None, last_only: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """-> x (n, seq_len) and y (n, seq_len) next-character targets (or (n,) if last_only)."""
    ids = np.asarray(ids)
    if ids.ndim != 1:
        raise ValueError(f"ids must be 1-D, got shape {ids.shape}")
    if seq_len < 1:
        raise ValueError(f"seq_len must be >= 1, got {seq_len}")
    step = seq_len if step is None else int(step)
    if step < 1:
        raise ValueError(f"step must be >= 1, got {step}")
    n = (len(ids) - seq_len - 1) // step + 1
    if n < 1:
        raise ValueError(f"a corpus of {len(ids)} ids is too short for windows of {seq_len} + 1")
    starts = np.arange(n) * step
    idx = starts[:, None] + np.arange(seq_len)[None, :]
    x = ids[idx]
    if last_only:
        return x, ids[starts + seq_len]
    return x, ids[idx + 1]


def reweight(probs: np.ndarray, temperature: float) -> np.ndarray:
    """q_i = p_i^(1/T) / Σ_j p_j^(1/T) along the last axis; T = 0 -> one-hot argmax."""
    p = np.asarray(probs, dtype=np.float64)
    if temperature < 0:
        raise ValueError(f"temperature must be >= 0, got {temperature}")
    if temperature == 0:
        q = np.zeros_like(p)
        np.put_along_axis(q, p.argmax(axis=-1)[..., None], 1.0, axis=-1)
        return q
    with np.errstate(divide="ignore"):
        return softmax(np.log(p) / temperature)


def softmax_t(logits: np.ndarray, temperature: float) -> np.ndarray:
    """Sampling distribution from logits at temperature T (softmax(z / T)); T = 0 -> argmax."""
    z = np.asarray(logits, dtype=np.float64)
    if temperature == 0:
        return reweight(z, 0)
    if temperature < 0:
        raise ValueError(f"temperature must be >= 0, got {temperature}")
    return softmax(z / temperature)


def entropy(p: np.ndarray) -> float:
    """Shannon entropy in nats of a distribution (last axis), averaged over the rest."""
    p = np.asarray(p, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        h = -np.where(p > 0, p * np.log(p), 0.0).sum(axis=-1)
    return float(np.mean(h))


def sample(
    logits: np.ndarray, temperature: float, rng: np.random.Generator, banned: tuple[int, ...] = ()
) -> int:
    """Draw one id from logits (1-D) at `temperature`; 0 = greedy. `banned` ids (e.g. the
    padding and OOV ids) never come out."""
    z = np.array(logits, dtype=np.float64).reshape(-1)
    if banned:
        z[list(banned)] = -np.inf
    if temperature == 0:
        return int(z.argmax())
    q = softmax_t(z, temperature)
    return int(rng.choice(len(q), p=q))


def generate(
    step_fn,
    prompt_ids: list[int],
    length: int,
    temperature: float = 1.0,
    rng: np.random.Generator | None = None,
    banned: tuple[int, ...] = (0, 1),
) -> list[int]:
    """Generic sampling loop. `step_fn(ids, state) -> (logits (V,), state)` consumes a list of
    ids (the prompt first, then one id at a time) and returns the logits for the next id."""
    if rng is None:
        rng = np.random.default_rng(0)
    if not prompt_ids:
        raise ValueError("prompt must contain at least one known character")
    logits, state = step_fn(list(prompt_ids), None)
    out: list[int] = []
    for _ in range(int(length)):
        nxt = sample(logits, temperature, rng, banned)
        out.append(nxt)
        logits, state = step_fn([nxt], state)
    return out


def lstm_step_fn(embedding, lstm, head):
    """A `step_fn` for Embedding -> LSTM(return_sequences=True) -> TimeDistributed(Dense)
    engine layers (inference only), carrying (h, c) between calls."""

    def step(ids, state):
        x = np.asarray([ids], dtype=np.int64)
        e = embedding.forward(x)
        saved = lstm.return_state
        lstm.return_state = True
        try:
            y, h, c = lstm.forward(e, training=False, mask=None, initial_state=state)
        finally:
            lstm.return_state = saved
        logits = head.forward(y[:, -1:, :])[0, -1]
        return logits, [h, c]

    return step
