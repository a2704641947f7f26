"""The sandbox: learner code in a child process with a time limit, a memory cap, capped
output, its own traceback, and the whole process group ended on stop."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from dltutor.lessons.exercises import get_exercise
from dltutor.lessons.exercises.runner import CHILD_TARGET, check_file, payload_for
from dltutor.lessons.sandbox import Limits, SandboxRun, learner_traceback, run_in_child

EXERCISE = get_exercise("02-softmax")


def _learner(tmp_path: Path, code: str) -> Path:
    path = tmp_path / EXERCISE.filename
    path.write_text(code, encoding="utf-8")
    return path


def test_an_infinite_loop_is_stopped_at_the_limit(tmp_path: Path) -> None:
    path = _learner(tmp_path, "def softmax(a):\n    while True:\n        pass\n")
    started = time.monotonic()
    report = check_file(EXERCISE, path, "en", Limits(seconds=2))
    assert time.monotonic() - started < 6
    assert not report.passed
    assert report.items[0].message == "your code ran for over 2 s: an infinite loop?"


def test_a_syntax_error_shows_the_learner_line_only(tmp_path: Path) -> None:
    path = _learner(tmp_path, "import numpy as np\n\ndef softmax(a)\n    return a\n")
    message = check_file(EXERCISE, path, "en").items[0].message
    assert 'File "02-softmax.py", line 3' in message
    assert "SyntaxError" in message
    assert "dltutor" not in message and "sandbox" not in message and str(tmp_path) not in message


def test_an_exception_shows_the_learner_traceback_trimmed(tmp_path: Path) -> None:
    code = (
        "def helper(a):\n    return a / undefined_name\n\ndef softmax(a):\n    return helper(a)\n"
    )
    report = check_file(EXERCISE, _learner(tmp_path, code), "ja")
    message = report.failed[0].message
    assert message.startswith("Traceback (most recent call last):")
    assert 'File "02-softmax.py", line 5, in softmax' in message
    assert 'File "02-softmax.py", line 2, in helper' in message
    assert "NameError: name 'undefined_name' is not defined" in message
    assert "checking.py" not in message and "child.py" not in message and "check.py" not in message


def test_too_much_memory_is_reported(tmp_path: Path) -> None:
    code = "import numpy as np\nbig = np.ones((4096, 1024, 1024))\n"
    report = check_file(EXERCISE, _learner(tmp_path, code), "en", Limits(memory_mb=1024))
    assert report.items[0].message == "your code used more than 1024 MB of memory"


def test_a_missing_name_is_named(tmp_path: Path) -> None:
    report = check_file(EXERCISE, _learner(tmp_path, "x = 1\n"), "en")
    assert report.items[0].message == "your file does not define softmax"


def test_output_comes_back_capped(tmp_path: Path) -> None:
    code = EXERCISE.solution_code + "\nprint('x' * 100_000)\n"
    report = check_file(EXERCISE, _learner(tmp_path, code), "en", Limits(output_chars=1000))
    assert report.passed
    assert report.output.startswith("x" * 1000)
    assert "more bytes" in report.output and len(report.output) < 1100


def test_exiting_without_a_result_is_a_crash(tmp_path: Path) -> None:
    code = "import os\nos._exit(3)\n"
    report = check_file(EXERCISE, _learner(tmp_path, code), "en")
    assert "ended without a result" in report.items[0].message


def _dead(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "State:\tZ" in state


def test_stop_ends_the_whole_process_group(tmp_path: Path) -> None:
    pid_file = tmp_path / "grandchild.pid"
    code = (
        "import subprocess, time\n"
        f"p = subprocess.Popen(['sleep', '60'])\nopen({str(pid_file)!r}, 'w').write(str(p.pid))\n"
        "while True:\n    time.sleep(0.05)\n"
    )
    path = _learner(tmp_path, code)
    run = SandboxRun(CHILD_TARGET, payload_for(EXERCISE, path), Limits(seconds=30))
    result: list = []
    waiter = threading.Thread(target=lambda: result.append(run.wait()))
    waiter.start()
    deadline = time.monotonic() + 10
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    run.stop()
    waiter.join(5)
    assert result and result[0].status == "stopped"
    grandchild = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while not _dead(grandchild):
        assert time.monotonic() < deadline, "the learner's own child outlived the stop"
        time.sleep(0.05)


def test_the_child_leads_its_own_session(tmp_path: Path) -> None:
    """A terminal's Ctrl-C goes to its foreground group: the child is not in it."""
    out = tmp_path / "ids.txt"
    code = f"import os\nopen({str(out)!r}, 'w').write(f'{{os.getpid()}} {{os.getsid(0)}}')\n"
    result = run_in_child(CHILD_TARGET, payload_for(EXERCISE, _learner(tmp_path, code)))
    assert result.ok and result.value == {"missing": ["softmax"]}
    pid, sid = map(int, out.read_text().split())
    assert sid == pid != os.getsid(0)


def test_learner_traceback_keeps_only_learner_frames(tmp_path: Path) -> None:
    path = tmp_path / "mine.py"
    path.write_text("def f():\n    raise ValueError('bad')\n")
    namespace: dict = {}
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    with pytest.raises(ValueError) as caught:
        namespace["f"]()
    text = learner_traceback(caught.value, [path])
    assert text.splitlines() == [
        "Traceback (most recent call last):",
        '  File "mine.py", line 2, in f',
        "    raise ValueError('bad')",
        "ValueError: bad",
    ]


def test_a_process_left_running_is_ended_with_the_run(tmp_path: Path) -> None:
    pid_file = tmp_path / "left.pid"
    code = (
        "import subprocess\n"
        f"p = subprocess.Popen(['sleep', '60'])\nopen({str(pid_file)!r}, 'w').write(str(p.pid))\n"
    )
    result = run_in_child(CHILD_TARGET, payload_for(EXERCISE, _learner(tmp_path, code)))
    assert result.ok
    grandchild = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while not _dead(grandchild):
        assert time.monotonic() < deadline, "a process the learner started outlived the run"
        time.sleep(0.05)


def test_ctrl_c_stops_the_check_not_the_caller(tmp_path: Path) -> None:
    import signal

    path = _learner(tmp_path, "while True:\n    pass\n")
    timer = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    started = time.monotonic()
    report = check_file(EXERCISE, path, "en", Limits(seconds=20))
    timer.join()
    assert time.monotonic() - started < 5
    assert report.items[0].message == "the check was stopped"
