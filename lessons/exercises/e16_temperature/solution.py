import numpy as np


def reweight(p, temperature):
    logits = np.log(p) / temperature
    e = np.exp(logits - logits.max())
    return e / e.sum()


def sample(p, temperature, rng):
    q = reweight(p, temperature)
    return int(rng.choice(len(p), p=q))
