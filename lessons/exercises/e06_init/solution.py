import numpy as np


def xavier_std(n):
    return 1 / np.sqrt(n)


def he_std(n):
    return np.sqrt(2.0 / n)
