"""Compacts a recovery session: ``python -m app.safety.compactor FOLDER N``.

Reads the session's newest snapshot, applies its journal up to edit N, and
writes the result as ``snapshot-N.journey`` (atomically), then deletes the
snapshots and journal segments it holds.  It runs as a separate process so
that the editor's UI thread never pays for serialising a big map; the editor
kills it when the session is cleared, which is safe at any moment because
every write is atomic and a deletion only follows the write that covers it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.model import fileformat
from app.model.errors import JourneyError
from app.safety import journal
from app.safety.recovery_store import journal_files, newest_snapshot, remove_covered


def compact(folder: Path, upto: int) -> None:
    """Fold the journal of the session in ``folder`` up to edit ``upto`` into a snapshot."""
    journey, covered = newest_snapshot(folder)
    if covered >= upto:
        return
    entries = ((seq, edit) for seq, edit in journal.read(journal_files(folder)) if seq <= upto)
    if journal.replay(journey, entries, covered) != upto:
        raise JourneyError(f"{folder}: the journal does not reach edit {upto}")
    fileformat.atomic_write(
        folder / f"snapshot-{upto:08d}.journey", fileformat.dumps(journey).encode("utf-8")
    )
    remove_covered(folder, upto)


def main(argv: list[str]) -> int:
    """Entry point; exit 2 when the session cannot be compacted (it stays as it was)."""
    try:
        compact(Path(argv[0]), int(argv[1]))
    except (JourneyError, OSError, ValueError, IndexError):
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
