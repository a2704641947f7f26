import zlib

import numpy as np

from dltutor.engine.data import one_hot
from dltutor.engine.text.tokenizers import hash_token

WORDS = ["good", "bad", "film", "plot", "cast", "泣ける", ""]


def _hash(word, dim):
    """The engine keeps index 0 for padding and hashes into [1, n); one slot more, minus 1,
    is the lesson's crc32 % dim."""
    return hash_token(word, dim + 1) - 1


def check(ns, c):
    one_hot_encode, hashing_trick = ns["one_hot_encode"], ns["hashing_trick"]
    cases = (([6, 3, 8, 1], 9, 1), ([0, 2, 2, 1, 0], 3, 2), ([4], 5, 2))
    for indices, depth, hint in cases:
        shown = {"indices": indices, "depth": depth}
        with c.step(f"one_hot_encode(indices, depth={depth})  {len(indices)} indices", hint=hint):
            expected = one_hot(indices, depth)
            got = one_hot_encode(list(indices), depth)
            c.compare(got, expected, inputs=shown, like={"transposed": expected.T})
    for dim, hint in ((4, 3), (10_000, 3), (1 << 20, 3)):
        with c.step(f"hashing_trick(word, dim={dim})  word in {WORDS[:3]} …", hint=hint):
            got = np.array([hashing_trick(w, dim) for w in WORDS])
            expected = np.array([_hash(w, dim) for w in WORDS])
            like = [
                ("python-hash", np.array([hash(w) % dim for w in WORDS])),
                ("python-hash", np.array([abs(hash(w)) % dim for w in WORDS])),
                ("no-modulo", np.array([zlib.crc32(w.encode()) for w in WORDS])),
            ]
            c.compare(got, expected, inputs={"words": WORDS, "dim": dim}, like=like)
    with c.step("hashing_trick('film', 4) == hashing_trick('film', 4)", hint=1):
        first, second = hashing_trick("film", 4), hashing_trick("film", 4)
        c.require(
            first == second and 0 <= first < 4,
            got=f"{first}, {second}",
            expected="x, x in range(4)",
        )
