"""Pausing Python's cyclic garbage collector while a big structure is built.

Building a map (or its findings) allocates hundreds of thousands of small
containers that all stay alive.  Each allocation counts towards the next
collection, and every few collections walk all older objects again, so with
the collector running a big build pays for scanning what it has just made,
over and over: a fifth to a third of the time of loading 20,000 cards.  Only
reference cycles need the collector, and a paused one catches up on them
at its next run.

This module is plain Python; it must never import Qt.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause automatic cyclic garbage collection in the ``with`` block.

    Nests: an inner block leaves the collector as the outer one set it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
