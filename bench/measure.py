"""Small timing and memory helpers shared by the benchmark workers."""

from __future__ import annotations

import gc
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

#: The project's root folder (workers run with it as their working directory).
ROOT = Path(__file__).resolve().parent.parent


def now() -> float:
    """A monotonic clock in seconds."""
    return time.perf_counter()


def summary(samples: list[float]) -> dict[str, float | int]:
    """Median, minimum and count of a list of samples."""
    return {"median": statistics.median(samples), "min": min(samples), "n": len(samples)}


def repeat(fn: Callable[[], object], runs: int, setup: Callable[[], object] | None = None,
           collect: bool = True) -> list[float]:
    """Wall time in seconds of ``fn()``, ``runs`` times (``setup()`` untimed before each).

    The cyclic garbage collector runs between samples, not inside one, so that
    a collection triggered by earlier work is not billed to the next sample.
    """
    times = []
    for _ in range(runs):
        if setup is not None:
            setup()
        if collect:
            gc.collect()
        t = now()
        fn()
        times.append(now() - t)
    return times


def _status(field: str) -> float:
    """A memory figure of this process from /proc/self/status, in MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource

    # ru_maxrss is in kB on Linux: the best fallback for both figures.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def peak_rss_mb() -> float:
    """The highest resident memory this process has had (VmHWM), in MB."""
    return _status("VmHWM")


def rss_mb() -> float:
    """The resident memory of this process now (VmRSS), in MB."""
    return _status("VmRSS")


def file_mb(path: str | os.PathLike[str]) -> float:
    """Size of a file in MB (10^6 bytes)."""
    return os.path.getsize(path) / 1e6
