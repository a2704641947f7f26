import numpy as np


def mean_squared_error(y, t):
    raise NotImplementedError("write mean_squared_error")


def cross_entropy_error(y, t):
    raise NotImplementedError("write cross_entropy_error")
