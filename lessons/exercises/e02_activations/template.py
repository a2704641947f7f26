import numpy as np


def step_function(x):
    raise NotImplementedError("write step_function")


def sigmoid(x):
    raise NotImplementedError("write sigmoid")


def relu(x):
    raise NotImplementedError("write relu")
