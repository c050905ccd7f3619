"""One of two processes saving the same map at the same moments (test_racing_saves).

Each round, both processes wait at a barrier and then save their own version
of the map over the same file, as two editor windows would on Ctrl+S: with
the stamp of the file as they last read or wrote it.  A save refused because
the file changed on disk counts as "the user was told"; the process then
reads the file again (as after choosing to reload) and goes on.
"""

from __future__ import annotations

from app.model import fileformat
from app.safety.safe_save import FileChangedOnDiskError, save_with_backup, stamp


def race(name: str, path: str, rounds: int, barrier, results) -> None:
    """Save ``rounds`` times; put ``(name, round, outcome, known sha, new sha)`` in ``results``."""
    journey = fileformat.load(path)
    known = stamp(path)
    for n in range(rounds):
        journey.set_info(f"{name} round {n}", journey.description)
        barrier.wait()
        try:
            new = save_with_backup(journey, path, known, check=True)
        except FileChangedOnDiskError:
            results.put((name, n, "told", known.sha256, None))
            journey, known = fileformat.load(path), stamp(path)
            continue
        results.put((name, n, "saved", known.sha256, new.sha256))
        known = new
