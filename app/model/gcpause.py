"""Pausing Python's cyclic garbage collector while a big structure is built.

Loading a file, analysing a map, laying it out, and creating the scene's
items for a big batch all use `paused_gc`; the editor's start and the
opening of a big map, up to their first frame and its finishing pass, hold
it off with `hold_collector` and `release_collector`.

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
from collections.abc import Hashable, Iterator


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


# Who holds the collector off (`hold_collector`), and whether the first of
# them switched it off (if it was off already, it is not theirs to switch on).
_holders: set[Hashable] = set()
_switched_off = False

#: The holder `pause_for_startup` stands for.
STARTUP = "startup"


def hold_collector(owner: Hashable) -> None:
    """Keep automatic collection off until every holder has let go
    (`release_collector`).

    For the editor's start and for a big map being opened: reading a map,
    laying it out and building its items allocate up to a million objects
    that all stay alive, and a collector running meanwhile walks them again
    and again for nothing (70-90 ms of the start on a 5,000-card map; the
    first collection after a `paused_gc` block walks everything made in it,
    40-50 ms, in the middle of the first frame).  Once the map is on the
    screen and finished, the collector is switched on again and walks them
    once.  Holding twice with one owner is holding once.
    """
    global _switched_off
    if not _holders:
        _switched_off = gc.isenabled()
        if _switched_off:
            gc.disable()
    _holders.add(owner)


def release_collector(owner: Hashable) -> bool:
    """Let go of a hold (nothing if ``owner`` holds none).

    Returns:
        Whether this switched the collector on again (the last holder went,
        and the holds had switched it off).
    """
    global _switched_off
    if owner not in _holders:
        return False
    _holders.discard(owner)
    if _holders or not _switched_off:
        return False
    _switched_off = False
    gc.enable()
    return True


def pause_for_startup() -> None:
    """Hold the collector off for the editor's start (`hold_collector`)."""
    hold_collector(STARTUP)


def end_startup_pause() -> bool:
    """Let go of `pause_for_startup`'s hold; whether the collector came back on."""
    return release_collector(STARTUP)
