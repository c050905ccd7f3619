"""Successive layouts that share one card dict and one flow dict.

A layout of a big map holds tens of thousands of card and flow boxes, and an
edit changes a few dozen of them.  Copying the dicts for every new layout
would cost more than the edit: instead the newest layout and the engine
share one `Shared` dict, brought up to date key by key, and the layout it
supersedes gets a `Superseded` view: the shared dict under the old values
of the keys changed since, so that an old layout still reads as it was.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Mapping
from typing import Any

_GONE = object()  # a key that did not exist in that version
_UNSET = object()


class Superseded(Mapping):
    """A read-only dict as it was before later layouts changed the shared one."""

    __slots__ = ("_live", "_old", "__weakref__")

    def __init__(self, live: dict[str, Any], old: dict[str, Any]) -> None:
        self._live = live
        self._old = old  # key -> its value in this version (or _GONE)

    def __getitem__(self, key: str) -> Any:
        got = self._old.get(key, _UNSET)
        if got is _UNSET:
            return self._live[key]
        if got is _GONE:
            raise KeyError(key)
        return got

    def __iter__(self) -> Iterator[str]:
        old, live = self._old, self._live
        for key in live:
            if old.get(key) is not _GONE:
                yield key
        for key, value in old.items():
            if value is not _GONE and key not in live:
                yield key

    def __len__(self) -> int:
        return sum(1 for _ in self)


class Shared:
    """The dict the newest layout shares with the layout engine."""

    def __init__(self) -> None:
        self.live: dict[str, Any] = {}
        self._versions: list[weakref.ref[Superseded]] = []

    def reset(self, source: dict[str, Any]) -> dict[str, Any]:
        """A new shared dict, a copy of ``source`` (layouts holding the old one keep it)."""
        self.live = dict(source)
        self._versions = []
        return self.live

    def advance(self, source: dict[str, Any], changed: set[str]) -> Superseded | None:
        """Bring the shared dict up to date with ``source`` on the ``changed``
        keys (every key whose value differs); returns what it was before, for
        the layout that held it, or None when it was cheaper to start a new
        shared dict (many keys changed): the old one then stays as it is."""
        live = self.live
        # Copying a dict is a C loop, about 30 times faster per key than
        # logging and replacing values one by one.
        if len(changed) * 32 > len(live):
            self.reset(source)
            return None
        before = {key: live.get(key, _GONE) for key in changed}
        kept = []
        for ref in self._versions:
            view = ref()
            if view is not None:  # an older layout someone still holds
                for key, value in before.items():
                    view._old.setdefault(key, value)
                kept.append(ref)
        view = Superseded(live, before)
        kept.append(weakref.ref(view))
        self._versions = kept
        for key in changed:
            value = source.get(key, _GONE)
            if value is _GONE:
                live.pop(key, None)
            else:
                live[key] = value
        return view
