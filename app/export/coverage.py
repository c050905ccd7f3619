"""Which characters of a map no installed font has, and on which cards.

Such characters would print as the bundled font's empty box; the export
says so on one line (stderr in the command line, the Export dialog in the
editor) instead of printing boxes silently.  No Qt.
"""

from __future__ import annotations

import unicodedata

from app.layout.fonts import chain
from app.layout.text import metrics

#: At most this many characters and cards are named; the rest are counted.
SHOWN = 8


def _drawable(ch: str) -> bool:
    """Spaces, controls and format characters need no glyph of their own."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Mn", "Me") or (
        0xFE00 <= ord(ch) <= 0xFE0F)


def missing_characters(texts: dict[str, str]) -> dict[str, list[str]]:
    """Character -> the ids (of ``texts``: id -> text) whose text uses it, for
    every character that no font of the fallback chain has."""
    tm = metrics()
    fallback = chain(False)
    out: dict[str, list[str]] = {}
    for cid, text in texts.items():
        if not text or tm.is_simple(text):
            continue
        for ch in dict.fromkeys(text):
            if not _drawable(ch) and fallback.face_for(ord(ch)) is None:
                out.setdefault(ch, []).append(cid)
    return out


def missing_note(texts: dict[str, str]) -> str | None:
    """One line naming the characters no installed font has and the cards
    that use them, or None when every character can be drawn."""
    missing = missing_characters(texts)
    if not missing:
        return None
    chars = [f"{ch} (U+{ord(ch):04X})" for ch in sorted(missing)]
    cards = sorted({c for ids in missing.values() for c in ids})
    which = "cards" if len(cards) > 1 else "card"
    return (f"no installed font has {_listed(chars)}, used on {which} {_listed(cards)}; "
            "they print as empty boxes (install a font that has them)")


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:SHOWN])
    return shown if len(items) <= SHOWN else f"{shown} and {len(items) - SHOWN} more"
