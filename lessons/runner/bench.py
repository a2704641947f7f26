"""How long from "run" to the first printed output: a plain child process against a Jupyter
kernel (jupyter_client + ipykernel, when installed), cold (start included) and warm.

Run: `python -m dltutor.lessons.runner.bench [ROUNDS]`. Figures are medians of ROUNDS
alternating runs on this machine; read them as ratios.
"""

from __future__ import annotations

import statistics
import sys
import time

from .blocks import CodeBlock
from .cell import run_cell
from .kernel import Kernel

CODE = "import numpy as np\nprint(np.arange(3).sum())\n"


def plain(rounds: int) -> tuple[list[float], list[float]]:
    cold, warm = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        with Kernel() as kernel:
            next(iter(run_cell(kernel, CodeBlock(1, CODE), "bench")))
            cold.append(time.perf_counter() - start)
            start = time.perf_counter()
            next(iter(run_cell(kernel, CodeBlock(2, CODE), "bench")))
            warm.append(time.perf_counter() - start)
    return cold, warm


def jupyter(rounds: int) -> tuple[list[float], list[float]] | None:
    try:
        from jupyter_client.manager import start_new_kernel
    except ImportError:
        return None
    cold, warm = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        manager, client = start_new_kernel(kernel_name="python3")
        try:
            for bucket in (cold, warm):
                if bucket is warm:
                    start = time.perf_counter()
                client.execute(CODE)
                while True:
                    message = client.get_iopub_msg(timeout=60)
                    if message["msg_type"] == "stream":
                        bucket.append(time.perf_counter() - start)
                        break
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)
    return cold, warm


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    rows = {"plain child": plain(rounds), "jupyter kernel": jupyter(rounds)}
    base_cold, base_warm = (statistics.median(x) for x in rows["plain child"])
    print(f"{'runner':16} {'cold s':>8} {'warm ms':>8} {'cold ratio':>11} {'warm ratio':>11}")
    for name, found in rows.items():
        if found is None:
            print(f"{name:16} not installed (pip install jupyter_client ipykernel)")
            continue
        cold, warm = (statistics.median(x) for x in found)
        print(
            f"{name:16} {cold:8.3f} {warm * 1000:8.1f} {cold / base_cold:10.1f}x {warm / base_warm:10.1f}x"
        )


if __name__ == "__main__":
    main()
