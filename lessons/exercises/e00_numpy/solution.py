import numpy as np


def differences(a):
    return a[1:] - a[:-1]


def center_columns(X):
    return X - X.mean(axis=0, keepdims=True)


class Counter:
    def __init__(self):
        self.counts = {}

    def add(self, item):
        self.counts[item] = self.counts.get(item, 0) + 1

    def count(self, item):
        return self.counts.get(item, 0)
