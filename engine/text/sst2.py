"""SST-2 (GLUE) readers: TSV files of `label<TAB>sentence`, label 1 = positive.

A header line (one column named `label`, e.g. `label<TAB>sentence`) is skipped when present; the
column order is taken from it (GLUE's own files put the sentence first). Any other
malformed line is a `DataError` naming the file and line number.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .corpus import DataError, data_file

LABELS = ["negative", "positive"]


def read_tsv(path: str | Path) -> tuple[list[str], np.ndarray]:
    """Read one SST-2 TSV file -> (sentences, labels int64)."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"SST-2 file not found: {path}")
    texts: list[str] = []
    labels: list[int] = []
    label_col = 0
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) != 2:
                raise DataError(
                    f"{path}:{lineno}: expected 'label<TAB>sentence' (2 columns), got {len(parts)}"
                )
            low = [p.strip().lower() for p in parts]
            if lineno == 1 and "label" in low and not {"0", "1"} & set(low):
                label_col = low.index("label")  # a header such as label<TAB>sentence
                continue
            lab, text = parts[label_col].strip(), parts[1 - label_col].strip()
            if lab not in ("0", "1"):
                raise DataError(f"{path}:{lineno}: label must be 0 or 1, got {lab!r}")
            if not text:
                raise DataError(f"{path}:{lineno}: empty sentence")
            texts.append(text)
            labels.append(int(lab))
    if not texts:
        raise DataError(f"{path}: no sentences found")
    return texts, np.asarray(labels, dtype=np.int64)


def load_sst2(
    split: str = "train", data_dir: str | Path | None = None, verify: bool = True
) -> tuple[list[str], np.ndarray]:
    """Load `split` ('train' or 'dev') from `data_dir/sst2/<split>.tsv` (sha256-checked)."""
    if split not in ("train", "dev"):
        raise ValueError(f"SST-2 split must be 'train' or 'dev', got {split!r}")
    return read_tsv(data_file(data_dir, f"sst2/{split}.tsv", verify))
