"""Refusing text no file can hold: lone UTF-16 surrogates.

JSON may spell a character as ``"\\ud800"``, half of a UTF-16 pair, and
Python's parser accepts such a half on its own.  Such a string is not
Unicode: encoding it as UTF-8 fails, so a map holding one could be loaded
but neither saved, exported nor even printed.  `check_no_surrogates` finds
the first one (in a value or a key) and names its JSON path::

    map.journey: cards[3].title: holds \\ud800, half of a UTF-16 character pair
    with no other half; that is not text a file can hold

Checking every string of a big map costs time, so a file's text is searched
first for the escapes that could make one; most files have none.

Plain Python; never imports Qt.
"""

from __future__ import annotations

import re
from typing import Any

#: A JSON escape of a surrogate (D800-DFFF): the only way one gets into parsed JSON.
_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_no_surrogates(data: Any, fail: Any, text: str | None = None) -> None:
    """Call ``fail(path, message)`` for the first lone surrogate in ``data``.

    Args:
        data: parsed JSON.
        fail: the loader's ``fail`` (raises `JourneyError` naming the file).
        text: the JSON text ``data`` was parsed from, when known: a text with
            no surrogate escape is not searched further.
    """
    if text is not None and _ESCAPE.search(text) is None:
        return
    if not has_surrogate(data):
        return
    found = find_surrogate(data)
    if found is not None:
        path, char = found
        fail(path, f"holds \\u{ord(char):04x}, half of a UTF-16 character pair with no "
                   "other half; that is not text a file can hold")


def has_surrogate(data: Any) -> bool:
    """Whether any string (value or key) in ``data`` holds a lone surrogate.

    The quick pass: no paths are written out, and ASCII strings (most of
    them) are passed over without a search.
    """
    stack = [data]
    pop, extend = stack.pop, stack.extend
    search = _SURROGATE.search
    while stack:
        value = pop()
        if isinstance(value, str):
            if not value.isascii() and search(value):
                return True
        elif isinstance(value, dict):
            for key in value:
                if not key.isascii() and search(key):
                    return True
            extend(value.values())
        elif isinstance(value, list):
            extend(value)
    return False


def find_surrogate(data: Any) -> tuple[str, str] | None:
    """The JSON path and the character of the first lone surrogate, or None.

    Iterative (a deeply nested file must not exhaust the stack), in file order.
    """
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            hit = _SURROGATE.search(value)
            if hit:
                return path, hit.group()
        elif isinstance(value, dict):
            for key in value:
                hit = _SURROGATE.search(key)
                if hit:
                    return path, hit.group()  # the key itself cannot be shown
            stack.extend((v, f"{path}.{k}" if path else k) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((v, f"{path}[{i}]") for i, v in reversed(list(enumerate(value))))
    return None
