import numpy as np


def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    raise NotImplementedError("write im2col")


def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
    raise NotImplementedError("write col2im")
