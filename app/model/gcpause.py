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

`freeze_imports` is the one freeze, and it is different: it runs once, in a
fresh editor process, after the imports and before the application or any
Qt object exists.  What it moves out of the collector's sight are modules,
classes, functions and their constants, which live as long as the process
anyway; every object made afterwards, Qt wrappers included, is collected as
before.  Without it each full collection walks those ~58,000 objects again,
and one fell inside the opening of a 5,000-card map (35 ms); with it, none does.

The imports themselves (networkx, Qt, the editor's ~150 modules) are made
with the collector paused (`paused_gc` around them in `app.cli`): they too
make only objects that stay, and the ~130 collections they started found
nothing worth the time (about a tenth of the imports' time; the few hundred
objects of cycles they leave stay, frozen).

This module is plain Python; it must never import Qt.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


def freeze_imports() -> None:
    """Keep what the imports made out of every later collection (see the module docstring).

    Call once, before the application object exists; a process that has made
    other objects (a test run) must not call it.
    """
    # No collection first: it would cost a full walk (~20 ms) to free the few
    # cycles the imports left, which then stay, a few kilobytes at most.
    gc.freeze()


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
