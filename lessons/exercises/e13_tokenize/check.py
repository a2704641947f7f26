import numpy as np

from dltutor.engine.text.tokenizers import OOV_ID, pad_sequences

TRAIN = ["The film was great", "the plot was thin", "great cast great film"]
TEST = ["The film was boring", "great", "a thin plot was great fun in the end", ""]


def _vocab(texts, lower=True):
    """The lesson's vocabulary: sorted distinct words numbered from 2."""
    words = sorted({w for t in texts for w in (t.lower() if lower else t).split()})
    return {w: i + 2 for i, w in enumerate(words)}


def _ids(texts, vocab, lower=True):
    return [[vocab.get(w, OOV_ID) for w in (t.lower() if lower else t).split()] for t in texts]


def _like(texts, vocab, maxlen):
    ids = _ids(texts, vocab)
    return [
        ("post-padding", pad_sequences(ids, maxlen, "post", "pre")),
        ("post-padding", pad_sequences(ids, maxlen, "post", "post")),
        ("keeps-start", pad_sequences(ids, maxlen, "pre", "post")),
        ("not-lowercased", pad_sequences(_ids(texts, vocab, lower=False), maxlen, "pre", "pre")),
    ]


def check(ns, c):
    build_vocab, tokenize_and_pad = ns["build_vocab"], ns["tokenize_and_pad"]
    expected = _vocab(TRAIN)
    words = sorted(expected)
    with c.step("build_vocab(train_texts)", hint=1):
        got = build_vocab(list(TRAIN))
        if got is None:
            c.fail("returned-none", kind="none")
        keys = sorted(got)
        if keys != words and sorted({k.lower() for k in keys}) == words:
            c.fail("not-lowercased", kind="property", got=keys, expected=words)
        c.require(keys == words, kind="property", got=keys, expected=words)
        n = len(words)
        like = [("id-zero-used", np.arange(n)), ("id-zero-used", np.arange(n) + 1)]
        have = np.array([got[w] for w in words])
        c.compare(have, np.array([expected[w] for w in words]), inputs={"texts": TRAIN}, like=like)
    for texts, maxlen, hint in ((TEST, 4, 3), (TEST[1:3], 6, 2), (TRAIN, 2, 2)):
        shown = {"texts": texts, "maxlen": maxlen}
        with c.step(
            f"tokenize_and_pad(texts, vocab, maxlen={maxlen})  {len(texts)} texts", hint=hint
        ):
            got = tokenize_and_pad(list(texts), dict(expected), maxlen)
            want = pad_sequences(_ids(texts, expected), maxlen, "pre", "pre")
            c.compare(got, want, inputs=shown, like=_like(texts, expected, maxlen))
    with c.step("tokenize_and_pad(test, build_vocab(train), maxlen=5)", hint=2):
        got = tokenize_and_pad(list(TEST), build_vocab(list(TRAIN)), 5)
        want = pad_sequences(_ids(TEST, expected), 5, "pre", "pre")
        c.compare(got, want, inputs={"texts": TEST}, like=_like(TEST, expected, 5))
