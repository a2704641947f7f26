"""Text pipeline: tokenizers, SST-2 and corpus readers, character language-model helpers."""

from .charlm import entropy, generate, make_windows, reweight, sample, softmax_t
from .corpus import ChecksumError, DataError, data_file, default_data_dir, read_corpus, split_corpus
from .sst2 import load_sst2, read_tsv
from .tokenizers import (
    OOV_ID,
    PAD_ID,
    CharTokenizer,
    WordTokenizer,
    hashing_trick,
    load_tokenizer,
    pad_sequences,
    word_split,
)

__all__ = [
    "OOV_ID",
    "PAD_ID",
    "CharTokenizer",
    "ChecksumError",
    "DataError",
    "WordTokenizer",
    "data_file",
    "default_data_dir",
    "entropy",
    "generate",
    "hashing_trick",
    "load_sst2",
    "load_tokenizer",
    "make_windows",
    "pad_sequences",
    "read_corpus",
    "read_tsv",
    "reweight",
    "sample",
    "softmax_t",
    "split_corpus",
    "word_split",
]
