"""One declaration per field of a card and of the map: the field table.

A `Field` says everything the program needs to know about one attribute:
its type and default, the values it allows, how a value is checked (in a
file, in the model, in a CSV cell), its JSON key and CSV column, its label
and the names of its choices, where it shows (inspector, tooltip, context
menu) and whether the card's look depends on it.  The file reader and
writer, the file checks, the model's checks, the CSV import and export, the
inspector, the context menu and the tooltips iterate over `TABLE` instead of
naming fields, so that:

* a plain field (text, number, flag) is one new `Field` here and nothing else;
* an enumerated field that is drawn is one new `Field` here, plus its look
  in the layout and the two renderers (canvas and PDF).

The optional keys added later (`omit_default`) are not written while at
their default, so a file that does not use them saves byte-identical.

`TABLE.extended(...)` adds fields for the span of a ``with`` block (tests
prove with a throwaway field that a field round-trips with no other edit).

Plain Python; never imports Qt.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from app.model import vocabulary as words
from app.model.csv_values import parse_number
from app.model.waits import parse_wait, wait_text

# What a field holds; the readers and writers switch on these, never on names.
TEXT = "text"  #: a string
CHOICE = "choice"  #: one of ``choices`` (strings)
INTEGER = "integer"  #: an int, in ``low..high`` when given
NUMBER = "number"  #: an int or a finite float, in ``low..high`` when given
BOOL = "bool"  #: true or false
REF = "ref"  #: the id of a ``ref`` entity (a department...)
REFS = "refs"  #: a list of ids of ``ref`` entities (personas...)
METRICS = "metrics"  #: a name -> number map
OBJECT = "object"  #: any JSON value its ``validate`` accepts (map fields)

_TRUE = ("true", "yes", "1", "x")
_FALSE = ("false", "no", "0")


class FieldValueError(ValueError):
    """A value its field does not allow: what was expected, and where below its key."""

    def __init__(self, message: str, below: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.below = below  # "[2]" or ".CSAT": the place inside a list or object value


def describe(value: Any) -> str:
    """A value as JSON, cut short, for an error message."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


@dataclass(frozen=True, eq=False)
class Field:
    """One attribute of a card (or of the map) and everything that reads it.

    Args:
        name: the attribute (``card.<name>``).
        kind: `TEXT`, `CHOICE`, `INTEGER`, `NUMBER`, `BOOL`, `REF`, `REFS`,
            `METRICS` or `OBJECT`.
        default: the value of a new card; lists and dicts are copied.
        label: the inspector's row label and the tooltip's "Label: value".
        key: the JSON key (default: ``name``).
        column: the CSV column (default: ``name``; None: not in the CSV).
        choices: `CHOICE`: the allowed values in their order.
        names: display name of each value (None included where allowed).
        low, high: `INTEGER`/`NUMBER`: the allowed range (None: open).
        nullable: None is allowed (and means "not stated").
        omit_default: not written to a file while at ``default``.
        from_lane: `CHOICE`: missing in a file or empty in a CSV means the
            card's lane's default (the card kind).
        drawn: the card's look depends on it (it is part of the layout's
            `app.layout.cards.CardSignature`).
        what: how messages call one value (``"card kind"``).
        ref: `REF`/`REFS`: what the ids name (``"department"``).
        validate: `OBJECT`: returns the value or raises `FieldValueError`.
        multiline: `TEXT`: edited in a multi-line box.
        strip: `TEXT`: the inspector trims what the user types.
        suggest: `TEXT`: the inspector completes from the values in use.
        placeholder: the inspector's hint in an empty field.
        single_only: the inspector edits it only with one card selected.
        widget: the inspector's widget where the kind's usual one will not
            do (``"faces"``: the emotion faces).
        menu: the context menu's title for it (with its ``&`` mnemonic);
            None: not in the menu.
        tooltip: ``"title"``, ``"paragraph"``, ``"fact"`` or None.
        csv_required: the CSV import requires the column and a value.
        csv_blank: what the CSV export writes for a blank value.
        csv_rank, form_rank, tip_rank: where it goes among the columns, the
            inspector's rows and the tooltip's facts (ties: table order).
        parse_text: `NUMBER`/`INTEGER`: reads what a user types or a CSV cell
            holds ("90 min"), raising ValueError with what was expected;
            None: a plain number.
        show_text: how a value reads (tooltip, inspector); None: the number.
    """

    name: str
    kind: str
    default: Any = None
    label: str = ""
    key: str = ""
    column: str | None = ""
    choices: tuple[Any, ...] = ()
    names: Mapping[Any, str] | None = None
    low: float | None = None
    high: float | None = None
    nullable: bool = False
    omit_default: bool = False
    from_lane: bool = False
    drawn: bool = False
    what: str = ""
    ref: str = ""
    validate: Callable[[Any], Any] | None = None
    multiline: bool = False
    strip: bool = False
    suggest: bool = False
    placeholder: str = ""
    single_only: bool = False
    widget: str | None = None
    menu: str | None = None
    tooltip: str | None = "fact"
    csv_required: bool = False
    csv_blank: str = ""
    csv_rank: int = 175
    form_rank: int = 100
    tip_rank: int = 100
    parse_text: Callable[[str], Any] | None = None
    show_text: Callable[[Any], str] | None = None

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", self.name)
        if self.column == "":
            object.__setattr__(self, "column", self.name)
        if not self.what:
            object.__setattr__(self, "what", self.name.replace("_", " "))
        if not self.label:
            object.__setattr__(self, "label", self.name.replace("_", " ").capitalize())

    # ------------------------------------------------------------- defaults
    def fresh_default(self) -> Any:
        """The default value, a new copy when it is a list or dict."""
        default = self.default
        return default.copy() if isinstance(default, list | dict) else default

    def is_default(self, value: Any) -> bool:
        """Whether ``value`` is this field's default (omitted from files when so declared)."""
        default = self.default
        return value == default and type(value) is type(default)

    def display(self, value: Any) -> str:
        """How the program shows ``value`` to a user."""
        if self.names is not None and value in self.names:
            return self.names[value]
        if self.show_text is not None and value is not None:
            return self.show_text(value)
        if self.kind == BOOL:
            return "Yes" if value else "No"
        if isinstance(value, float):
            return f"{value:g}"
        return "" if value is None else str(value)

    def options(self) -> tuple[Any, ...]:
        """The values a user picks from (a combo box, a menu), None first when allowed."""
        if self.kind == CHOICE:
            values = self.choices
        elif self.kind == BOOL:
            values = (False, True)
        elif self.kind == INTEGER and self.low is not None and self.high is not None:
            values = tuple(range(int(self.low), int(self.high) + 1))
        else:
            return ()
        return (None, *values) if self.nullable else values

    # --------------------------------------------------------- expectations
    def expected(self) -> str:
        """What a value must be, for messages: ``an integer from -2 to 2``."""
        if self.kind == INTEGER:
            return "an integer" + self._range_words()
        if self.kind == NUMBER:
            return "a number" + self._range_words()
        if self.kind == BOOL:
            return "true or false"
        if self.kind == CHOICE:
            return "one of " + ", ".join(self.choices)
        return "a string"

    def _range_words(self) -> str:
        low, high = _plain(self.low), _plain(self.high)
        if low is not None and high is not None:
            return f" from {low} to {high}"
        if low is not None:
            return f" of {low} or more"
        if high is not None:
            return f" of {high} or less"
        return ""

    def _in_range(self, value: float) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)

    def _is_type(self, value: Any) -> bool:
        if self.kind == INTEGER:
            return isinstance(value, int) and not isinstance(value, bool)
        if self.kind == NUMBER:
            return (isinstance(value, int) and not isinstance(value, bool)) or (
                isinstance(value, float) and math.isfinite(value))
        if self.kind == BOOL:
            return isinstance(value, bool)
        return isinstance(value, str)

    # ------------------------------------------------------------- checking
    def model_problem(self, value: Any) -> str | None:
        """Why the model refuses ``value`` (None: it is fine); `REF`s are checked by the model."""
        kind = self.kind
        if value is None and (self.nullable or kind in (REF, OBJECT)):
            return None
        if kind == CHOICE:
            if value not in self.choices:
                return f"unknown {self.what} {value!r}; expected one of {', '.join(self.choices)}"
        elif kind in (INTEGER, NUMBER):
            noun = "an integer" if kind == INTEGER else "a number"
            if not self._is_type(value):
                return f"{self.name} must be {noun}, not {value!r}"
            if not self._in_range(value):
                return f"{self.name} must be {self._bounds()}, not {value}"
        elif kind == BOOL and not isinstance(value, bool):
            return f"{self.name} must be true or false, not {value!r}"
        elif kind == OBJECT and self.validate is not None:
            try:
                self.validate(value)
            except FieldValueError as bad:
                return f"{self.name}: {bad}"
        return None

    def accepts(self) -> Callable[[Any], bool]:
        """A quick test that the model allows a value (`model_problem` says why not):
        the model checks every card it is given, a whole map's when it loads."""
        kind, nullable = self.kind, self.nullable
        if kind == CHOICE:
            allowed = frozenset((*self.choices, None) if nullable else self.choices)

            def known(value: Any) -> bool:
                try:
                    return value in allowed
                except TypeError:  # unhashable: a list is no choice either
                    return False

            return known
        if kind == INTEGER:
            low = -math.inf if self.low is None else self.low
            high = math.inf if self.high is None else self.high
            return lambda value: (type(value) is int and low <= value <= high
                                  or value is None and nullable)
        return lambda value: self.model_problem(value) is None

    def _bounds(self) -> str:
        low, high = _plain(self.low), _plain(self.high)
        if low is not None and high is not None:
            return f"between {low} and {high}"
        return f"at least {low}" if low is not None else f"at most {high}"

    def file_value(self, value: Any) -> Any:
        """A value read from a file, checked: returns it (a choice as its canonical
        string) or raises `FieldValueError` with what was expected."""
        return self.file_check()(value)

    def file_check(self) -> Callable[[Any], Any]:
        """`file_value` as a one-argument function, quick for the common kinds:
        loading a big map checks every value of every card."""
        kind = self.kind
        if kind == TEXT:
            check = check_text
        elif kind == CHOICE:
            check = choice_check(self.choices, self.what)
        elif kind == INTEGER:
            check = _integer_check(self)
        else:
            check = self._check_other
        if not self.nullable:
            return check
        return lambda value: None if value is None else check(value)

    def _check_other(self, value: Any) -> Any:
        if self.kind == OBJECT:
            return self.validate(value) if self.validate is not None else value
        if self._is_type(value) and (self.kind != NUMBER or self._in_range(value)):
            return value
        null = " or null" if self.nullable else ""
        raise FieldValueError(f"expected {self.expected()}{null}, got {describe(value)}")

    def csv_value(self, text: str) -> Any:
        """A cell read from a CSV: the value, or raises `FieldValueError`.

        An empty cell gives the default (None for a nullable field).
        """
        kind = self.kind
        if kind == TEXT:
            return text
        if not text:
            return None if self.nullable else self.fresh_default()
        if kind == CHOICE:
            value = text.lower()
            if value in self.choices:
                return value
        elif kind == BOOL:
            if text.lower() in _TRUE or text.lower() in _FALSE:
                return text.lower() in _TRUE
        elif kind in (INTEGER, NUMBER):
            value = self._read_number(text)
            if value is not None and self._is_type(value) and self._in_range(value):
                return value
        raise FieldValueError(f'expected {self.expected()}, got "{text}"')

    def _read_number(self, text: str) -> Any:
        """A number as typed (None: not one); `parse_text`'s error says what was expected."""
        if self.parse_text is None:
            return parse_number(text)  # takes a typographic minus too
        try:
            return self.parse_text(text)
        except ValueError as bad:
            raise FieldValueError(str(bad)) from None

    def edit_text(self, value: Any) -> str:
        """A value as a line edit shows it (``"1.5 h"``); `csv_value` reads it back."""
        if self.show_text is not None and value is not None:
            return self.show_text(value)
        return self.csv_text(value)

    def csv_text(self, value: Any) -> str:
        """A value as the CSV export writes it (the import reads it back);
        blank at the default of a field omitted from files at its default."""
        if value is None or (self.omit_default and self.is_default(value)):
            return ""
        if self.kind == BOOL:
            return "true" if value else ""
        if isinstance(value, float):
            return repr(value)  # round-trips exactly
        return str(value)


def check_text(value: Any) -> str:
    """A string (or `FieldValueError`)."""
    if isinstance(value, str):
        return value
    raise FieldValueError(f"expected a string, got {describe(value)}")


def choice_check(choices: tuple[str, ...], what: str) -> Callable[[Any], str]:
    """A check that a value is one of ``choices``; returns the very string of the tuple."""
    canonical = {choice: choice for choice in choices}  # one string per choice in a map

    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise FieldValueError(f"expected a string, got {describe(value)}")
        found = canonical.get(value)
        if found is None:
            raise FieldValueError(
                f"unknown {what} {describe(value)}; expected one of {', '.join(choices)}")
        return found

    return check


def _integer_check(f: Field) -> Callable[[Any], int]:
    low = -math.inf if f.low is None else f.low
    high = math.inf if f.high is None else f.high
    expected = f"expected {f.expected()}{' or null' if f.nullable else ''}, got "

    def check(value: Any) -> int:
        if type(value) is int and low <= value <= high:
            return value
        raise FieldValueError(expected + describe(value))

    return check


def _plain(number: float | None) -> float | int | None:
    if number is None:
        return None
    return int(number) if float(number).is_integer() else number


# ----------------------------------------------------------------- the table
#: The fields of a card, in the order of their keys in a ``.journey`` file.
#: (Placement, ``id``/``stage``/``lane``/``order``, and ``extra`` are the
#: card's own and not fields.)
CARD_FIELDS: tuple[Field, ...] = (
    Field("title", TEXT, "", "Title", placeholder="What happens", tooltip="title",
          csv_required=True, csv_blank="(untitled)", csv_rank=50, form_rank=10,
          single_only=True),
    Field("kind", CHOICE, "touchpoint", "Kind", choices=tuple(words.CARD_KIND_NAMES),
          names=words.CARD_KIND_NAMES, what="card kind", from_lane=True, drawn=True,
          menu="&Kind", tooltip=None, csv_rank=60, form_rank=30),
    Field("notes", TEXT, "", "Notes", multiline=True, tooltip="paragraph", csv_rank=110,
          form_rank=20, single_only=True),
    Field("channel", TEXT, "", "Channel", strip=True, suggest=True,
          placeholder="Website, Phone, E-mail, In person\u2026", csv_rank=70, form_rank=40,
          tip_rank=20),
    Field("owner", REF, None, "Owner", nullable=True, ref="department", menu="&Owner",
          csv_rank=80, form_rank=50, tip_rank=10),
    Field("emotion", INTEGER, None, "Emotion", low=-2, high=2, nullable=True,
          names=words.EMOTION_NAMES, drawn=True, widget="faces", menu="E&motion",
          tooltip=None, csv_rank=90, form_rank=60),
    Field("evidence", CHOICE, None, "Evidence", choices=tuple(
          k for k in words.EVIDENCE_NAMES if k is not None), names=words.EVIDENCE_NAMES,
          nullable=True, what="evidence level", drawn=True, menu="E&vidence",
          csv_rank=100, form_rank=70, tip_rank=30),
    Field("personas", REFS, [], "Personas", ref="persona", menu="Pe&rsonas", csv_rank=160,
          form_rank=80, tip_rank=40),
    Field("metrics", METRICS, {}, "Metrics", single_only=True, csv_rank=170, form_rank=90,
          tip_rank=50),
    # ---- priorities (issue 13; DESIGN.md card votes, impact, effort) -----
    Field("impact", INTEGER, None, "Impact", low=1, high=5, nullable=True,
          names=words.IMPACT_NAMES, omit_default=True, csv_rank=172, form_rank=92,
          tip_rank=60),
    Field("effort", INTEGER, None, "Effort", low=1, high=5, nullable=True,
          names=words.EFFORT_NAMES, omit_default=True, csv_rank=173, form_rank=93,
          tip_rank=61),
    Field("votes", INTEGER, 0, "Votes", low=0, omit_default=True, drawn=True,
          what="number of votes", csv_rank=174, form_rank=94, tip_rank=62),
    # ---- end of priorities ------------------------------------------------
    # --- service blueprint (issue 12): fail points and waiting times ---
    Field("fail_point", BOOL, False, "Fail point", omit_default=True, drawn=True,
          csv_rank=210, form_rank=72, tip_rank=32),
    Field("wait", NUMBER, None, "Wait", low=0, nullable=True, omit_default=True,
          placeholder="90 min, 2 h, 3 d", parse_text=parse_wait, show_text=wait_text,
          csv_rank=215, form_rank=74, tip_rank=34),
    # --- end of service blueprint fields ---
)

#: The map's own fields, in the order of their keys at the top of a file.
MAP_FIELDS: tuple[Field, ...] = (
    Field("title", TEXT, "", "Title", column=None),
    Field("description", TEXT, "", "Description", column=None, multiline=True),
)


class FieldTable:
    """The fields in force: `CARD_FIELDS` and `MAP_FIELDS`, extensible for a while.

    Readers ask it each time (``TABLE.card``); what they derive from it and
    keep, they key on `version`, which changes whenever the table does.
    """

    def __init__(self, card: tuple[Field, ...], map_: tuple[Field, ...]) -> None:
        self.card = card
        self.map = map_
        self.version = 0
        self._listeners: list[Callable[[], None]] = []

    def card_field(self, name: str) -> Field:
        """The card field called ``name`` (KeyError if none)."""
        for f in self.card:
            if f.name == name:
                return f
        raise KeyError(name)

    def drawn(self) -> tuple[Field, ...]:
        """The card fields the card's look depends on."""
        return tuple(f for f in self.card if f.drawn)

    def sorted_card(self, rank: str) -> list[Field]:
        """The card fields by ``rank`` (``"csv_rank"``...), ties in table order."""
        return sorted(self.card, key=lambda f: getattr(f, rank))

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Call ``listener()`` whenever the table changes (the `Card` class rebuilds itself)."""
        self._listeners.append(listener)

    def _set(self, card: tuple[Field, ...], map_: tuple[Field, ...]) -> None:
        self.card, self.map = card, map_
        self.version += 1
        for listener in self._listeners:
            listener()

    @contextmanager
    def extended(self, *card: Field, map_fields: tuple[Field, ...] = ()) -> Iterator[FieldTable]:
        """Add fields for the span of a ``with`` block (tests: a throwaway field)."""
        before = (self.card, self.map)
        self._set(before[0] + card, before[1] + map_fields)
        try:
            yield self
        finally:
            self._set(*before)


#: The table every reader and writer uses.
TABLE = FieldTable(CARD_FIELDS, MAP_FIELDS)
