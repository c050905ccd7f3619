"""How single CSV cells are read and written (docs/csv.md, "CSV extensions").

Shared by the import (`app.model.csv_import`) and the export
(`app.export.csv_export`), so that what one writes the other reads back.

The list columns of the extension (``personas``, ``metrics``, ``next_kinds``,
``next_labels``, ``next_ids``) separate entries with ``;``.  Inside an entry
``\\;``, ``\\=`` and ``\\\\`` stand for ``;``, ``=`` and a backslash; any other
backslash is just a backslash, so that a hand-typed ``C:\\maps`` survives.
The ``next`` column of the original contract has no escapes.

Plain Python; never imports Qt.
"""

from __future__ import annotations

import math
import re

_ESCAPABLE = ";=\\"
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
COLOR = re.compile(r"#[0-9A-Fa-f]{6}")


def clean(value: str) -> str:
    """A cell as the import keeps it: trimmed, with ``\\n`` line breaks.

    A note typed on Windows keeps "\\r\\n" inside its quotes; the map wants "\\n".
    """
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.strip()


def escape(text: str, also: str = "") -> str:
    """``text`` as one entry of a list cell: backslashes, ``;`` and ``also`` escaped."""
    out = text.replace("\\", "\\\\").replace(";", "\\;")
    for char in also:
        out = out.replace(char, "\\" + char)
    return out


def join(entries: list[str], also: str = "") -> str:
    """A list cell of ``entries`` (escaped)."""
    return ";".join(escape(entry, also) for entry in entries)


def split_raw(text: str, separator: str = ";", limit: int = -1) -> list[str]:
    """Split at unescaped ``separator``s, keeping the escapes in the parts."""
    if "\\" not in text:
        return text.split(separator, limit)
    parts: list[str] = []
    start = i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
            i += 2
            continue
        if text[i] == separator and limit != len(parts):
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return parts


def unescape(raw: str) -> str:
    """The text of one entry: escapes resolved, then trimmed like any cell."""
    if "\\" not in raw:
        return clean(raw)
    out: list[str] = []
    i = 0
    while i < len(raw):
        if raw[i] == "\\" and i + 1 < len(raw) and raw[i + 1] in _ESCAPABLE:
            i += 1
        out.append(raw[i])
        i += 1
    return clean("".join(out))


def split(text: str) -> list[str]:
    """The entries of a list cell, empty ones included (an empty cell has none)."""
    return [unescape(part) for part in split_raw(text)] if text else []


def parse_number(text: str) -> int | float | None:
    """An integer or a finite decimal number (``4``, ``-0.5``, ``1e+16``), else None."""
    text = text.replace("\u2212", "-")  # spreadsheets like a typographic minus
    if _INTEGER.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text):
        number = float(text)
        if math.isfinite(number):
            return number
    return None


def format_number(number: float) -> str:
    """A metric value so that `parse_number` gives back the same number and type."""
    # repr() of a float round-trips exactly and always shows a "." or an "e".
    return repr(number) if isinstance(number, float) else str(number)
