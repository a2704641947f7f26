import numpy as np


def softmax(a):
    """Softmax over the last axis of `a` (shape (n,) or (N, n))."""
    raise NotImplementedError("write softmax")
