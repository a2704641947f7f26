"""Finding the data directory, checking sha256 sums, reading a plain-text corpus.

`data_dir=None` means: the environment variable `DLTUTOR_DATA_DIR` when set, else
`../shared/datasets` relative to the current directory (where a checkout keeps them).
Files whose sha256 the datasets README lists are checked on first read; a mismatch is a
`ChecksumError` that names the file, both sums and what to do (pass `verify=False` to use a
modified copy on purpose).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

KNOWN_SHA256 = {
    "tinyshakespeare/input.txt": "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed",
    "sst2/train.tsv": "e981ceb4fe6c9acd1c79851d0d091b9e78103f1f2a399ca83dda27915d41c56c",
    "sst2/dev.tsv": "84207e6be5873fb18db798cc6faec86871f5a426554650ff64a1c34e87665f6f",
}
SOURCES = {
    "tinyshakespeare/input.txt": "https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt",
    "sst2/train.tsv": "GLUE SST-2 (https://gluebenchmark.com/tasks), train split as label<TAB>sentence",
    "sst2/dev.tsv": "GLUE SST-2 (https://gluebenchmark.com/tasks), dev split as label<TAB>sentence",
}


class DataError(Exception):
    """A data file is missing or malformed; the message says what to do."""


class ChecksumError(DataError):
    pass


_verified: dict[tuple[str, float, int], str] = {}


def default_data_dir() -> Path:
    """$DLTUTOR_DATA_DIR, else ../shared/datasets from the current directory."""
    return Path(os.environ.get("DLTUTOR_DATA_DIR") or "../shared/datasets").resolve()


def resolve_data_dir(data_dir: str | Path | None) -> Path:
    return default_data_dir() if data_dir is None else Path(data_dir)


def sha256_of(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def data_file(data_dir: str | Path | None, relpath: str, verify: bool = True) -> Path:
    """Path of `relpath` under the data dir, checked to exist and (if known) its sha256."""
    root = resolve_data_dir(data_dir)
    path = root / relpath
    if not path.is_file():
        src = SOURCES.get(relpath, "")
        raise DataError(
            f"data file not found: {path}. Put the file there or pass --data-dir"
            + (f" (source: {src})" if src else "")
        )
    want = KNOWN_SHA256.get(relpath)
    if verify and want:
        st = path.stat()
        key = (str(path.resolve()), st.st_mtime, st.st_size)
        got = _verified.get(key) or sha256_of(path)
        _verified[key] = got
        if got != want:
            raise ChecksumError(
                f"sha256 mismatch for {path}: expected {want}, got {got}. The file is corrupt "
                f"or a different version; download it again ({SOURCES.get(relpath, 'see the datasets README')}) "
                "or pass verify=False to use it anyway."
            )
    return path


def read_corpus(
    path: str | Path | None = None,
    data_dir: str | Path | None = None,
    relpath: str = "tinyshakespeare/input.txt",
    verify: bool = True,
) -> str:
    """A plain-text corpus as one string (UTF-8). `path` wins over `data_dir`/`relpath`."""
    p = Path(path) if path is not None else data_file(data_dir, relpath, verify)
    if not p.is_file():
        raise DataError(f"corpus file not found: {p}")
    try:
        return p.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise DataError(f"{p} is not UTF-8 text ({e})") from None


def split_corpus(text: str, val_fraction: float = 0.1) -> tuple[str, str]:
    """First (1 - val_fraction) for training, the last val_fraction for validation."""
    if not 0.0 < val_fraction < 1.0:
        raise ValueError(f"val_fraction must be in (0, 1), got {val_fraction!r}")
    cut = int(len(text) * (1.0 - val_fraction))
    return text[:cut], text[cut:]
