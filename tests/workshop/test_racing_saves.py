"""Two processes saving the same map at the same moments never lose a save silently.

The "changed on disk" check and the write are one step under the save lock,
so of two saves started together one is written and the other is told.  The
proof: every successful save was made over the version its process last
saw, and each version was overwritten by at most one save - so the saved
versions form one chain from the first file to the last, and none of them
vanished unseen.
"""

from __future__ import annotations

import multiprocessing
import queue

from app.model import fileformat
from app.safety.safe_save import stamp
from bench.generate import build
from tests.workshop.racing_saver import race

ROUNDS = 50  # two processes: 100 racing saves


def test_a_hundred_racing_saves_lose_nothing_silently(tmp_path):
    path = tmp_path / "shared.journey"
    fileformat.save(build(600), path)
    first = stamp(path).sha256
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    workers = [
        context.Process(target=race, args=(name, str(path), ROUNDS, barrier, results))
        for name in ("left", "right")
    ]
    for worker in workers:
        worker.start()
    outcomes = []
    while len(outcomes) < 2 * ROUNDS:
        try:
            outcomes.append(results.get(timeout=120))
        except queue.Empty:
            break
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert len(outcomes) == 2 * ROUNDS

    saved = [(known, new) for _, _, outcome, known, new in outcomes if outcome == "saved"]
    told = [o for o in outcomes if o[2] == "told"]
    # Each version was saved over at most once: no save vanished under another one.
    overwritten = [known for known, _ in saved]
    assert len(overwritten) == len(set(overwritten)), "two saves overwrote the same version"
    # And the versions form one chain from the first file to the one on disk.
    versions = {first} | {new for _, new in saved}
    assert versions - set(overwritten) == {stamp(path).sha256}
    assert told, "the processes never raced"
