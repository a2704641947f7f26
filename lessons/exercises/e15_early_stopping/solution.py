import numpy as np


def early_stopping(val_loss, patience):
    best, best_epoch, wait = np.inf, None, 0
    for epoch, loss in enumerate(val_loss):
        if loss < best:
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return epoch, best_epoch
    return len(val_loss) - 1, best_epoch
