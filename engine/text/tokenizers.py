"""Text -> token ids: word and character tokenizers, padding/truncation, the hashing trick.

A vocabulary is built from training texts only (`fit`), keeps tokens seen at least
`min_freq` times (and at most `max_tokens` of them, the most frequent first, ties broken
alphabetically so the result never depends on dict order), and reserves two ids:
0 = padding (`PAD`), 1 = out-of-vocabulary (`OOV`). It is saved and loaded as JSON next to
a model (`save` / `load`), so inference maps text to the ids the model was trained with.
"""

from __future__ import annotations

import json
import re
import zlib
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

PAD = "<pad>"
OOV = "<unk>"
PAD_ID = 0
OOV_ID = 1

# PTB-like splitting, which is how SST-2 is tokenised ("does n't", "it 's", "!")
_CONTRACTION = re.compile(r"(\w)(n't)\b")
_WORD = re.compile(r"n't|'(?:s|re|ve|ll|d|m)\b|\w+(?:[-']\w+)*|[^\w\s]")


def word_split(text: str, lowercase: bool = True) -> list[str]:
    """Split a sentence into word tokens: 'It's great, isn't it?' ->
    ['it', "'s", 'great', ',', 'is', "n't", 'it', '?']."""
    if lowercase:
        text = text.lower()
    text = _CONTRACTION.sub(r"\1 \2", text)
    text = re.sub(r"(\w)('(?:s|re|ve|ll|d|m))\b", r"\1 \2", text)
    return _WORD.findall(text)


class _Tokenizer(ABC):
    kind = "base"

    def __init__(self, min_freq: int = 1, max_tokens: int | None = None, lowercase: bool = True):
        if isinstance(min_freq, bool) or not isinstance(min_freq, int) or min_freq < 1:
            raise ValueError(f"min_freq must be a positive int, got {min_freq!r}")
        if max_tokens is not None and (not isinstance(max_tokens, int) or max_tokens < 3):
            raise ValueError(f"max_tokens must be None or an int >= 3, got {max_tokens!r}")
        self.min_freq = min_freq
        self.max_tokens = max_tokens
        self.lowercase = bool(lowercase)
        self.vocab: list[str] = [PAD, OOV]
        self.index: dict[str, int] = {PAD: PAD_ID, OOV: OOV_ID}

    # subclasses define split(text) -> list[str] and join(tokens) -> str
    @abstractmethod
    def split(self, text: str) -> list[str]: ...

    @abstractmethod
    def join(self, tokens: Sequence[str]) -> str: ...

    def fit(self, texts: Iterable[str]) -> _Tokenizer:
        """Build the vocabulary from (training) texts."""
        counts: Counter[str] = Counter()
        for t in texts:
            counts.update(self.split(t))
        items = [
            (tok, c) for tok, c in counts.items() if c >= self.min_freq and tok not in (PAD, OOV)
        ]
        items.sort(key=lambda tc: (-tc[1], tc[0]))
        if self.max_tokens is not None:
            items = items[: self.max_tokens - 2]
        self.vocab = [PAD, OOV] + [tok for tok, _ in items]
        self.index = {tok: i for i, tok in enumerate(self.vocab)}
        return self

    def __len__(self) -> int:
        return len(self.vocab)

    @property
    def vocab_size(self) -> int:
        return len(self.vocab)

    def encode(self, text: str) -> list[int]:
        get = self.index.get
        return [get(tok, OOV_ID) for tok in self.split(text)]

    def encode_batch(
        self, texts: Iterable[str], maxlen: int, padding: str = "post", truncating: str = "post"
    ) -> np.ndarray:
        return pad_sequences([self.encode(t) for t in texts], maxlen, padding, truncating)

    def decode(self, ids: Iterable[int], skip_padding: bool = True) -> str:
        toks = [
            self.vocab[i] if 0 <= i < len(self.vocab) else OOV
            for i in (int(j) for j in ids)
            if not (skip_padding and i == PAD_ID)
        ]
        return self.join(toks)

    # -- saving ------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "lowercase": self.lowercase,
            "min_freq": self.min_freq,
            "max_tokens": self.max_tokens,
            "pad_id": PAD_ID,
            "oov_id": OOV_ID,
            "vocab": list(self.vocab),
        }

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=0), encoding="utf-8")
        return path

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> _Tokenizer:
        kind = d.get("kind")
        klass = {"word": WordTokenizer, "char": CharTokenizer}.get(kind)
        if klass is None:
            raise ValueError(f"unknown tokenizer kind {kind!r} (expected 'word' or 'char')")
        vocab = d.get("vocab")
        if not isinstance(vocab, list) or vocab[:2] != [PAD, OOV]:
            raise ValueError("vocabulary must be a list starting with '<pad>', '<unk>'")
        tok = klass(
            min_freq=int(d.get("min_freq", 1)),
            max_tokens=d.get("max_tokens"),
            lowercase=bool(d.get("lowercase", kind == "word")),
        )
        tok.vocab = list(vocab)
        tok.index = {t: i for i, t in enumerate(tok.vocab)}
        return tok

    @staticmethod
    def load(path: str | Path) -> _Tokenizer:
        path = Path(path)
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise FileNotFoundError(f"vocabulary file not found: {path}") from None
        except json.JSONDecodeError as e:
            raise ValueError(f"{path} is not valid JSON ({e})") from None
        return _Tokenizer.from_dict(d)


class WordTokenizer(_Tokenizer):
    """Lower-cased PTB-like word tokens (see `word_split`)."""

    kind = "word"

    def split(self, text: str) -> list[str]:
        return word_split(text, self.lowercase)

    def join(self, tokens: Sequence[str]) -> str:
        return " ".join(tokens)


class CharTokenizer(_Tokenizer):
    """One token per character; case kept unless lowercase=True."""

    kind = "char"

    def __init__(self, min_freq: int = 1, max_tokens: int | None = None, lowercase: bool = False):
        super().__init__(min_freq, max_tokens, lowercase)

    def split(self, text: str) -> list[str]:
        return list(text.lower() if self.lowercase else text)

    def join(self, tokens: Sequence[str]) -> str:
        return "".join("?" if t == OOV else t for t in tokens)

    def encode_array(self, text: str) -> np.ndarray:
        """Fast encoding of a long text (a whole corpus) to an int64 array."""
        if self.lowercase:
            text = text.lower()
        lut = np.full(
            0x110000 if any(ord(c) > 0xFFFF for c in self.vocab[2:]) else 0x10000,
            OOV_ID,
            dtype=np.int64,
        )
        for i, ch in enumerate(self.vocab[2:], start=2):
            lut[ord(ch)] = i
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        codes = np.minimum(codes, len(lut) - 1)
        return lut[codes].astype(np.int64)


def load_tokenizer(path: str | Path) -> _Tokenizer:
    """Load a word or char tokenizer saved with `save`."""
    return _Tokenizer.load(path)


def pad_sequences(
    seqs: Sequence[Sequence[int]],
    maxlen: int,
    padding: str = "post",
    truncating: str = "post",
    value: int = PAD_ID,
) -> np.ndarray:
    """Cut or pad every sequence to `maxlen` ids -> int64 array (n, maxlen).

    'post' padding puts the padding after the tokens (what masked RNNs and ONNX
    `sequence_lens` expect); 'pre' puts it before. `truncating` says which end is cut.
    """
    if isinstance(maxlen, bool) or not isinstance(maxlen, int) or maxlen < 1:
        raise ValueError(f"maxlen must be a positive int, got {maxlen!r}")
    if padding not in ("pre", "post") or truncating not in ("pre", "post"):
        raise ValueError(
            f"padding and truncating must be 'pre' or 'post', got {padding!r}, {truncating!r}"
        )
    out = np.full((len(seqs), maxlen), value, dtype=np.int64)
    for i, s in enumerate(seqs):
        s = list(s)
        if len(s) > maxlen:
            s = s[:maxlen] if truncating == "post" else s[-maxlen:]
        if not s:
            continue
        if padding == "post":
            out[i, : len(s)] = s
        else:
            out[i, maxlen - len(s) :] = s
    return out


def hash_token(token: str, n: int) -> int:
    """Stable hash of a token into [1, n) (0 stays padding); crc32, not Python's salted hash."""
    return 1 + zlib.crc32(token.encode("utf-8")) % (n - 1)


def hashing_trick(text: str, n: int, lowercase: bool = True) -> list[int]:
    """The hashing trick: token ids without a vocabulary (collisions possible)."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 2:
        raise ValueError(f"n must be an int >= 2, got {n!r}")
    return [hash_token(t, n) for t in word_split(text, lowercase)]
