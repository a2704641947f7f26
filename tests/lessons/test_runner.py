"""Lesson code runs in its own process: shared namespace, the learner's own tracebacks,
time and memory limits, and `# -> value` expectations matched against what was printed."""

from __future__ import annotations

import pytest

from dltutor.lessons.runner.blocks import CodeBlock, expectations, segments
from dltutor.lessons.runner.cell import run_cell
from dltutor.lessons.runner.expect import matches
from dltutor.lessons.runner.kernel import Kernel


@pytest.mark.parametrize(
    ("expected", "output", "ok"),
    [
        ("0.3567", "0.35667494393873245", True),
        ("0.3567", "0.3577", False),
        ("15", "15", True),
        ("15", "16", False),
        ("[[1.0, 0.0], [0.5, 0.5]]", "[[1. 0.]\n [0.5 0.5]]", True),
        ("True (typically hundreds of times faster)", "True", True),
        ("True（数百倍）", "True", True),
        ("True True", "True False", False),
        ("True", "True True", False),
        ("(4,) float64", "(4,) float32", False),
        ("[9.99954600e-01 4.53978686e-05]", "[9.99954600e-01 4.53978686e-05]", True),
        ("2.0e-05", "3.0e-05", False),
        ("1 ...", "1 2 3", True),
        ("-1.5", "1.5", False),
        ("inf", "inf", True),
        ("nan", "0.0", False),
    ],
)
def test_expectations_match_numbers_at_their_printed_precision(expected, output, ok) -> None:
    assert matches(expected, output) is ok


def test_segments_keep_non_python_fences_in_the_prose() -> None:
    body = "Intro\n\n```text\na diagram\n```\n\n```python\nx = 1\n```\n\nEnd\n"
    parts = segments(body)
    assert parts[0].count("a diagram") == 1
    assert parts[1] == CodeBlock(1, "x = 1")
    assert parts[2].strip() == "End"


def test_expectations_belong_to_the_statement_that_prints() -> None:
    code = "a = 2\nprint(a)  # -> 2\nfor i in range(2):\n    print(i)\n# -> 0\n# -> 1\n"
    owners = [(e.text, e.statement_end) for e in expectations(code)]
    assert owners == [("2", 2), ("0", 4), ("1", 4)]


def _run(kernel: Kernel, code: str, index: int = 1):
    *streamed, result = run_cell(kernel, CodeBlock(index, code), f"lesson 99 block {index}")
    return streamed, result


def test_blocks_share_one_namespace_and_stream_their_output() -> None:
    with Kernel() as kernel:
        _, first = _run(kernel, "import numpy as np\nx = np.arange(3)\n")
        streamed, second = _run(kernel, "print(x.sum())  # -> 3\nlen(x)  # -> 3\n", 2)
    assert first.ok and second.ok
    assert "".join(streamed) == second.output == "3\n3\n"
    assert second.expected_matched is True


def test_a_wrong_expectation_is_reported_with_what_was_printed() -> None:
    with Kernel() as kernel:
        _, result = _run(kernel, "print(1 + 1)  # -> 3\n")
    assert result.ok and result.expected_matched is False
    assert result.checks[0].got == "2"


def test_an_exception_shows_the_learners_traceback_only() -> None:
    with Kernel() as kernel:
        _, result = _run(kernel, "def f(x):\n    return 1 / x\n\nf(0)\n")
    assert not result.ok
    assert "ZeroDivisionError" in result.error
    assert "<lesson 99 block 1>" in result.error and "line 2" in result.error
    assert "dltutor" not in result.error and "child.py" not in result.error


def test_a_syntax_error_names_the_line() -> None:
    with Kernel() as kernel:
        _, result = _run(kernel, "x = 1\nprint(x\n")
    assert not result.ok
    assert "SyntaxError" in result.error and "line 2" in result.error


def test_an_endless_loop_is_stopped_and_the_namespace_survives() -> None:
    with Kernel(time_limit=1.0) as kernel:
        _run(kernel, "kept = 41\n")
        _, looped = _run(kernel, "while True:\n    pass\n", 2)
        _, after = _run(kernel, "print(kept + 1)  # -> 42\n", 3)
    assert looped.timed_out and not looped.ok
    assert after.ok and after.expected_matched and not after.restarted


def test_code_that_ignores_the_interrupt_is_killed_and_the_kernel_restarts() -> None:
    code = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass\n"
    with Kernel(time_limit=1.0) as kernel:
        _, looped = _run(kernel, code)
        _, after = _run(kernel, "print('fresh')\n", 2)
    assert looped.timed_out and not looped.ok
    assert after.ok and after.restarted and after.output == "fresh\n"


def test_memory_is_capped() -> None:
    with Kernel(memory_mb=1024) as kernel:
        _, result = _run(kernel, "big = bytearray(3 << 30)\n")
        _, after = _run(kernel, "print('still here')\n", 2)
    assert not result.ok and "MemoryError" in result.error
    assert after.ok


def test_a_dying_process_is_reported_and_replaced() -> None:
    with Kernel() as kernel:
        _, result = _run(kernel, "import os\nos._exit(3)\n")
        _, after = _run(kernel, "print('back')\n", 2)
    assert result.crashed and not result.ok
    assert after.ok and after.restarted


def test_an_interrupt_stops_a_block() -> None:
    import threading

    with Kernel(time_limit=30.0) as kernel:
        timer = threading.Timer(1.0, kernel.interrupt)
        timer.start()
        _, result = _run(kernel, "import time\nfor _ in range(300):\n    time.sleep(0.1)\n")
        timer.cancel()
    assert result.stopped and not result.ok and not result.timed_out
