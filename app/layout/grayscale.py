"""Grey-scale drawing: every colour turned into its grey, for ``--grayscale`` exports.

An export run inside `drawn_in_grey` draws every colour as the grey of the
same lightness, whatever renderer draws it: the canvas painting functions
(PNG, SVG) and the PDF pen ask `ink` for each colour.  It checks that every
meaning survives without colour (see `app.layout.marks`) and gives a
photocopier-ready file.  The flag is a context variable: an export running in
a worker thread greys only its own drawing, never the editor's screen.
Plain Python, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_ACTIVE: ContextVar[bool] = ContextVar("journeymap_grayscale", default=False)


def active() -> bool:
    """Whether the drawing in progress is in grey."""
    return _ACTIVE.get()


@contextmanager
def drawn_in_grey(on: bool = True) -> Iterator[None]:
    """Draw in grey (when ``on``) inside the ``with`` block."""
    token = _ACTIVE.set(on)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def grey(hex_color: str) -> str:
    """``#RRGGBB`` as the grey of the same luma (Rec. 601 weights, as printers do)."""
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    v = round(0.299 * r + 0.587 * g + 0.114 * b)
    return f"#{v:02X}{v:02X}{v:02X}"


def ink(hex_color: str) -> str:
    """``hex_color``, or its grey inside `drawn_in_grey`."""
    if not _ACTIVE.get() or len(hex_color) != 7 or not hex_color.startswith("#"):
        return hex_color
    return grey(hex_color)


def ink_rgb(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """An ``(r, g, b)`` of 0..1, or its grey inside `drawn_in_grey`."""
    if not _ACTIVE.get():
        return rgb
    v = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]
    return (v, v, v)
