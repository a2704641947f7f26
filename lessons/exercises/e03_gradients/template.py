import numpy as np


def numerical_diff(f, x):
    raise NotImplementedError("write numerical_diff")


def numerical_gradient(f, x):
    raise NotImplementedError("write numerical_gradient")


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    raise NotImplementedError("write gradient_descent")
