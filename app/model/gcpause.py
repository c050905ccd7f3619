"""Pausing Python's cyclic garbage collector while a big structure is built.

Building a map (or its findings) allocates a hundred thousand or more
small containers that all stay alive.  With the collector running, every
700 allocations start a collection and every few of those walk all older
objects again: on a map of 20,000 cards, a fifth of the time of loading
went into collections that found nothing to free.

Pausing alone only defers the work: the first collection after the pause
walks every object made during it, once, cold (by then they no longer sit
in the processor's caches), and on a map of 20,000 cards that one walk
took 45 ms at the end of loading and 17 ms at the end of the insights,
growing faster than the map.  So, at the end of the pause, `paused_gc`
moves every object the collector tracks into its oldest generation, where
long-lived objects end up anyway (``gc.freeze()`` then ``gc.unfreeze()``:
two list splices, no walk).  Those objects are then examined only by the
rare full collections, and garbage among them made of reference cycles is
freed by the next full collection rather than the next quick one.  Objects
freed by reference counting (nearly all) are freed at once as always.

This module is plain Python; it must never import Qt.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause automatic cyclic garbage collection in the ``with`` block.

    On leaving the outermost block, what the collector tracks joins its
    oldest generation (see the module docstring).  Nests: an inner block
    leaves the collector as the outer one set it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            _age_all()
            gc.enable()


def _age_all() -> None:
    # Objects someone else froze must stay frozen: unfreezing would thaw them.
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
