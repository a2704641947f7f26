from dltutor.engine import initializers as init


def check(ns, c):
    xavier_std, he_std = ns["xavier_std"], ns["he_std"]
    for n in (100, 784, 50):
        with c.step(f"xavier_std({n})", hint=1):
            like = [("no-sqrt", 1 / n), ("xavier-like-he", init.he_std(n)), ("no-sqrt", 2 / n)]
            c.compare(xavier_std(n), init.xavier_std(n), inputs={"n": n}, like=like)
    for n in (100, 784, 50):
        with c.step(f"he_std({n})", hint=2):
            like = [("no-sqrt", 2 / n), ("he-like-xavier", init.xavier_std(n)), ("no-sqrt", 1 / n)]
            c.compare(he_std(n), init.he_std(n), inputs={"n": n}, like=like)
