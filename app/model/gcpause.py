"""Pausing Python's cyclic garbage collector while a big structure is built.

The one pause of the program: loading a file, analysing a map, laying it
out, and creating the scene's items for a big batch all use `paused_gc`.

Building a map (or its findings) allocates a hundred thousand or more
small containers that all stay alive.  With the collector running, every
700 allocations start a collection and every few of those walk all older
objects again: on a map of 20,000 cards, a fifth of the time of loading
went into collections that found nothing to free.

The first collection after the pause still walks the objects made during
it, once.  Moving them into the oldest generation at the end of the pause
(``gc.freeze()`` then ``gc.unfreeze()``) would save that walk, but it ages
*every* object of the process, Qt wrappers included: cyclic garbage that
holds Qt objects then lives on until a rare full collection, which may run
when their C++ side is already gone, and the editor (and the test run)
crashed with a segmentation fault there.  So the pause only pauses.

This module is plain Python; it must never import Qt.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc(when: bool = True) -> Iterator[None]:
    """Pause automatic cyclic garbage collection in the ``with`` block.

    Args:
        when: pause only if true (a caller that pauses for big batches only).

    Nests: an inner block leaves the collector as the outer one set it.
    Nothing else about the collector changes (see the module docstring).
    """
    was_enabled = when and gc.isenabled()
    if was_enabled:
        gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
