"""How long the app takes to show the course map, against a bare Textual app painting one
line, measured side by side in fresh interpreters (these machines are noisy: read the ratio).

Run: `python -m dltutor.tui.app.bench [ROUNDS]`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile

DLTUTOR = r"""
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

BARE = r"""
import time
t0 = time.perf_counter()
import asyncio
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("hello")

async def main() -> float:
    app = Bare()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        return time.perf_counter() - t0

print(f"{asyncio.run(main()):.4f}")
"""


def seconds(probe: str) -> float:
    env = dict(os.environ, DLTUTOR_HOME=tempfile.mkdtemp())
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    bare, ours = [], []
    for _ in range(rounds):
        bare.append(seconds(BARE))
        ours.append(seconds(DLTUTOR))
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"bare Textual app: {b:.3f} s   dltutor course map: {o:.3f} s   ratio {o / b:.2f}x")


if __name__ == "__main__":
    main()
