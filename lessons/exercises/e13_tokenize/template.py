import numpy as np


def build_vocab(texts):
    """{word: id} from the training texts: sorted words numbered from 2 (0 = padding, 1 = unknown)."""
    raise NotImplementedError("write build_vocab")


def tokenize_and_pad(texts, vocab, maxlen):
    """Int array (len(texts), maxlen): ids (unknown → 1), cut and padded at the front ('pre')."""
    raise NotImplementedError("write tokenize_and_pad")
