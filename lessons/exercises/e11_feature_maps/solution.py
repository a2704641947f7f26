import numpy as np


def feature_maps(x, W, b):
    N, C, H, Wd = x.shape
    FN, C, FH, FW = W.shape
    out_h, out_w = H - FH + 1, Wd - FW + 1
    out = np.zeros((N, FN, out_h, out_w), dtype=np.result_type(x, W))
    for i in range(out_h):
        for j in range(out_w):
            patch = x[:, :, i : i + FH, j : j + FW]
            out[:, :, i, j] = np.tensordot(patch, W, axes=([1, 2, 3], [1, 2, 3])) + b
    return np.maximum(out, 0)
