import numpy as np


def build_vocab(texts):
    words = sorted({w for t in texts for w in t.lower().split()})
    return {w: i + 2 for i, w in enumerate(words)}


def tokenize_and_pad(texts, vocab, maxlen):
    out = np.zeros((len(texts), maxlen), dtype=int)
    for i, text in enumerate(texts):
        ids = [vocab.get(w, 1) for w in text.lower().split()]
        s = ids[-maxlen:]
        out[i, maxlen - len(s) :] = s
    return out
