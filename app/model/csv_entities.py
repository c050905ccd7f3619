"""Stages, lanes, departments and personas of one CSV import (docs/csv.md).

A card row names its stage, lane, owner and personas.  A declaration row
(column ``row``) declares one of them up front, with its id and details, so
that empty ones and their order survive.  A `Catalog` answers what a card
row's name stands for:

1. the stage (lane...) with exactly that name, declared or met before;
   two declared with the name: an error asking for the id instead;
2. else the declared one whose ``id`` is written so: the export writes ids
   where a name is shared or empty;
3. else a new one, created at its first appearance, as before the extension.

Each is placed at the line that declared it or first named it.  Plain
Python; never imports Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NoReturn

#: ``fail(line, column, message)`` raises the JourneyError of the import.
Fail = Callable[[int, str | None, str], NoReturn]

#: The prefix of the ids made for those that have none, as before: s1, l1, d1, p1.
ID_PREFIXES = {"stage": "s", "lane": "l", "department": "d", "persona": "p"}


@dataclass(eq=False)  # compared and hashed by identity
class Entity:
    """A stage, lane, department or persona met in the CSV, before it is built."""

    what: str
    name: str
    position: tuple[int, int]
    line: int
    given_id: str = ""
    declared: bool = False
    details: dict[str, str] = field(default_factory=dict)
    id: str = ""


class Catalog:
    """The stages (or lanes, departments, personas) declared or named in one CSV."""

    def __init__(self, what: str, fail: Fail) -> None:
        self.what = what
        self.fail = fail
        self.entities: list[Entity] = []
        self.by_name: dict[str, list[Entity]] = {}
        self.by_id: dict[str, Entity] = {}

    def declare(self, name: str, given_id: str, line: int, details: dict[str, str]) -> Entity:
        """Record a declaration row (all of them come before any card row is read)."""
        if given_id in self.by_id:
            first = self.by_id[given_id].line
            self.fail(line, "id", f'duplicate {self.what} id "{given_id}" (first on line {first})')
        entity = Entity(self.what, name, (line, 0), line, given_id, True, details)
        self._add(entity)
        return entity

    def refer(self, value: str, line: int, column: str, index: int = 0) -> Entity:
        """What a card row's ``value`` names; ``index`` orders several new ones in one cell."""
        named = self.by_name.get(value)
        if named:
            if len(named) > 1:
                lines = " and ".join(str(e.line) for e in named[:2])
                self.fail(
                    line, column,
                    f'the {self.what} name "{value}" is ambiguous (lines {lines}); '
                    f"write the {self.what}'s id instead",
                )
            return named[0]
        if value in self.by_id:
            return self.by_id[value]
        entity = Entity(self.what, value, (line, index), line)
        self._add(entity)
        return entity

    def _add(self, entity: Entity) -> None:
        self.entities.append(entity)
        self.by_name.setdefault(entity.name, []).append(entity)
        if entity.given_id:
            self.by_id[entity.given_id] = entity

    def finish(self) -> list[Entity]:
        """All of them in their order, each with its final id (given or made)."""
        ordered = sorted(self.entities, key=lambda e: e.position)
        used = set(self.by_id)
        prefix = ID_PREFIXES[self.what]
        n = 0
        for entity in ordered:
            entity.id = entity.given_id
            # Made ids count up in order (s1, s2...), skipping the given ones.
            while not entity.id:
                n += 1
                if f"{prefix}{n}" not in used:
                    entity.id = f"{prefix}{n}"
        return ordered
