"""Start-up time: a fresh interpreter to the painted course map.

Run as a script to print the figures: `python tests/tui/test_app_startup.py`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

BUDGET_S = 1.0  # the target on an idle machine
LOADED_SLACK = 1.5  # the test allows this factor: CI and shared cores are busy

PROBE = r"""
import time
t0 = time.perf_counter()
import asyncio
from dltutor.tui.app.app import DLTutorApp
from dltutor.tui.app.screens.home import HomeScreen

async def main() -> float:
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        while not (isinstance(app.screen, HomeScreen) and app.screen.query("#lesson-list")
                   and app.screen.query_one("#lesson-list").option_count):
            await asyncio.sleep(0.002)
        await pilot.pause()
        return time.perf_counter() - t0

print(f"{asyncio.run(main()):.4f}")
"""


def measure(runs: int = 3) -> list[float]:
    """Seconds from the first import to the painted home screen, one fresh process per run."""
    found = []
    for _ in range(runs):
        env = dict(os.environ, DLTUTOR_HOME=tempfile.mkdtemp())
        out = subprocess.run(
            [sys.executable, "-c", PROBE],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=True,
        )
        found.append(float(out.stdout.strip().splitlines()[-1]))
    return found


def test_home_screen_within_a_second() -> None:
    times = measure()
    assert min(times) < BUDGET_S * LOADED_SLACK, f"start to home took {times} s"


def test_heavy_modules_are_not_imported_at_start() -> None:
    code = (
        "import sys\nfrom dltutor.tui.app.app import DLTutorApp\n"
        "print(sorted(m for m in ('numpy', 'onnxruntime', 'onnx', 'dltutor.engine') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


if __name__ == "__main__":
    start = time.perf_counter()
    times = measure(5)
    print(
        f"start to home screen: {[round(t, 3) for t in times]} s, "
        f"median {statistics.median(times):.3f} s"
    )
