import zlib

import numpy as np


def one_hot_encode(indices, depth):
    """(len(indices), depth) zeros with a 1 at [i, indices[i]]."""
    raise NotImplementedError("write one_hot_encode")


def hashing_trick(word, dim):
    """A stable index in range(dim) for `word`: zlib.crc32(word.encode()) % dim."""
    raise NotImplementedError("write hashing_trick")
