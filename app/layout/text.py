"""Text measuring and wrapping with the bundled font's metrics (no Qt).

The canvas and the PDF exporter both draw the lines that `TextMetrics.wrap`
returns, one line per draw call at the baselines the layout computed, so a
card wraps the same on screen and on paper.  Widths come from the advance
widths reportlab reads out of the TrueType file (kept beside it, so that the
editor starts without reportlab: `app.layout.fontmetrics`); reportlab does not
kern, so the canvas should switch kerning off (``QFont.setKerning(False)``) to
match.

Widths are summed from a per-character dict (the glyph advance in 1/1000 em)
and cached per word, so wrapping thousands of card titles costs dict lookups
rather than calls into the font.

That fast path serves text whose every character the bundled font has and
draws without shaping (Latin, Greek, Cyrillic and the like: see `is_simple`).
Any other text (right-to-left, combining marks, Indic, Thai, CJK, emoji
outside the bundled font) is shaped by HarfBuzz over the font fallback chain
and wrapped at UAX #14 break opportunities (`app.layout.shaping`,
`app.layout.breaking`); both renderers then draw those shaped runs.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from app.documents.resources import resource_path
from app.layout import breaking
from app.layout.fontmetrics import read_face
from app.layout.shaping import base_rtl, shape_line

#: The bundled font files, used by the canvas (QFontDatabase) and the PDF.
FONT_FILES = {
    "regular": str(resource_path("fonts/DejaVuSans.ttf")),
    "bold": str(resource_path("fonts/DejaVuSans-Bold.ttf")),
}
FONT_FAMILY = "DejaVu Sans"
#: The names under which `register_pdf_fonts` registers the files with reportlab.
PDF_FONT_NAMES = {"regular": "JourneymapSans", "bold": "JourneymapSans-Bold"}
ELLIPSIS = "\u2026"
#: Baseline-to-baseline distance as a multiple of the font size.
LINE_SPACING = 1.25


def register_pdf_fonts() -> dict[str, str]:
    """Register the bundled fonts with reportlab (once); returns `PDF_FONT_NAMES`."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    registered = pdfmetrics.getRegisteredFontNames()
    for weight, name in PDF_FONT_NAMES.items():
        if name not in registered:
            # Unshaped: the fast path draws exactly the advances it measured
            # (complex text goes through app.export.pdffonts instead).
            pdfmetrics.registerFont(TTFont(name, FONT_FILES[weight], shapable=False))
    return dict(PDF_FONT_NAMES)


def _simple_chars(widths: dict[str, float]) -> frozenset[str]:
    """Characters the fast path may draw: in the font, left-to-right, no shaping."""
    out = set()
    for ch in widths:
        cp = ord(ch)
        if not (cp < 0x590 or 0x1D00 <= cp < 0x2C00 or 0x2C60 <= cp < 0x2E80
                or 0xA640 <= cp < 0xA800 or 0xFB00 <= cp < 0xFB07):
            continue
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cc"):
            continue
        if unicodedata.bidirectional(ch) in ("R", "AL", "AN"):
            continue
        out.add(ch)
    return frozenset(out | {" "})


class _Face:
    """Advance widths of one font file, in 1/1000 em, with a word cache."""

    def __init__(self, path: str) -> None:
        face = read_face(path)
        self.widths: dict[str, float] = face.widths
        self.default = face.default
        self.ascent = face.ascent
        self.descent = -face.descent
        self.words: dict[str, float] = {}
        self.simple = _simple_chars(self.widths)
        # What `TextMetrics.wrap` takes the fast path for: simple paragraphs.
        self.simple_lines = self.simple | {"\n"}
        self.space = self.units(" ")

    def units(self, text: str) -> float:
        """Width of ``text`` in 1/1000 em."""
        w = self.words.get(text)
        if w is None:
            get, default = self.widths.get, self.default
            w = 0.0
            for ch in text:
                w += get(ch, default)
            if len(self.words) < 200_000:  # bounded: titles are finite, pastes are not
                self.words[text] = w
        return w


class TextMetrics:
    """Measures and wraps text in the bundled font; plain Python, no Qt.

    Sizes are in layout units (1 unit = 1 px at 100 % zoom = 1 pt on paper).
    """

    def __init__(self) -> None:
        self._faces = {False: _Face(FONT_FILES["regular"]), True: _Face(FONT_FILES["bold"])}
        self._vertical: dict[float, tuple[float, float, float]] = {}

    def is_simple(self, text: str, bold: bool = False) -> bool:
        """Whether ``text`` takes the fast path (bundled font, no shaping, left to right)."""
        return self._faces[bold].simple.issuperset(text)

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Advance width of ``text`` (one line) at ``size``."""
        face = self._faces[bold]
        if face.simple.issuperset(text):
            return face.units(text) * size / 1000.0
        return shape_line(text, bold).width * size / 1000.0

    def line_offset(self, line: str, width: float, size: float, rtl: bool,
                    bold: bool = False) -> float:
        """Where ``line`` starts in a box ``width`` wide: 0, or flush right for RTL."""
        if not rtl:
            return 0.0
        return max(0.0, width - shape_line(line, bold, True).width * size / 1000.0)

    def ascent(self, size: float) -> float:
        """Height above the baseline at ``size``."""
        return self._faces[False].ascent * size / 1000.0

    def descent(self, size: float) -> float:
        """Depth below the baseline at ``size`` (a positive number)."""
        return self._faces[False].descent * size / 1000.0

    def line_height(self, size: float) -> float:
        """Distance between the baselines of two wrapped lines."""
        return size * LINE_SPACING

    def vertical(self, size: float) -> tuple[float, float, float]:
        """(`ascent`, `descent`, `line_height`) at ``size`` in one call (a
        card's measure asks for them thousands of times, at two sizes)."""
        got = self._vertical.get(size)
        if got is None:
            got = self._vertical[size] = (self.ascent(size), self.descent(size),
                                          self.line_height(size))
        return got

    def wrap(
        self,
        text: str,
        width: float,
        size: float,
        bold: bool = False,
        max_lines: int | None = None,
    ) -> list[str]:
        """Break ``text`` into lines no wider than ``width``.

        Lines break at spaces; a word wider than ``width`` is split between
        characters; explicit newlines are kept.  A line is only ever wider
        than ``width`` when a single glyph is.  With ``max_lines``, the text
        that does not fit is cut and the last line ends with "…".

        Returns:
            The lines, at least one (``[""]`` for empty text).
        """
        return self.wrap_simple(text, width, size, bold, max_lines)[0]

    def wrap_simple(self, text: str, width: float, size: float, bold: bool = False,
                    max_lines: int | None = None) -> tuple[list[str], bool]:
        """`wrap`, and whether ``text`` took the fast path (every paragraph
        `is_simple`: then it is left to right throughout)."""
        face = self._faces[bold]
        limit = width * 1000.0 / size if size > 0 else 0.0
        simple = face.simple_lines.issuperset(text)
        rtl = False  # the direction of the last paragraph wrapped
        if simple and "\n" not in text:  # most text: one paragraph
            lines = _wrap_paragraph(face, text, limit)
        else:
            lines, rtl = self._paragraphs(text, limit, bold, max_lines, simple)
        if max_lines is not None and len(lines) > max(max_lines, 0):
            if max_lines <= 0:
                return [], simple
            lines = lines[:max_lines]
            lines[-1] = (_with_ellipsis(face, lines[-1], limit) if simple
                         else breaking.with_ellipsis(lines[-1], limit, bold, rtl))
        return lines, simple

    def _paragraphs(self, text: str, limit: float, bold: bool, max_lines: int | None,
                    simple: bool) -> tuple[list[str], bool]:
        """The lines of the paragraphs of ``text`` (stopping once past
        ``max_lines``), and whether the last one wrapped reads right to left."""
        face = self._faces[bold]
        lines: list[str] = []
        rtl = False
        for paragraph in text.split("\n"):
            if simple:
                lines.extend(_wrap_paragraph(face, paragraph, limit))
            else:  # shaped; each paragraph keeps its own direction
                rtl = base_rtl(paragraph)
                lines.extend(breaking.wrap_paragraph(paragraph, limit, bold, rtl))
            if max_lines is not None and len(lines) > max_lines:
                break
        return lines, rtl


def _wrap_paragraph(face: _Face, paragraph: str, limit: float) -> list[str]:
    words = paragraph.split()
    if not words:
        return [""]
    space = face.space
    cached = face.words.get  # most words were measured before: spare the call
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in words:
        w = cached(word)
        if w is None:
            w = face.units(word)
        if current and used + space + w <= limit:
            current.append(word)
            used += space + w
            continue
        if current:
            lines.append(" ".join(current))
        if w <= limit:
            current, used = [word], w
            continue
        pieces = _split_word(face, word, limit)
        lines.extend(pieces[:-1])
        current, used = [pieces[-1]], face.units(pieces[-1])
    lines.append(" ".join(current))
    return lines


def _split_word(face: _Face, word: str, limit: float) -> list[str]:
    """Cut a too-long word between characters; every piece holds >= 1 glyph."""
    get, default = face.widths.get, face.default
    pieces: list[str] = []
    start, used = 0, 0.0
    for i, ch in enumerate(word):
        w = get(ch, default)
        if i > start and used + w > limit:
            pieces.append(word[start:i])
            start, used = i, 0.0
        used += w
    pieces.append(word[start:])
    return pieces


def _with_ellipsis(face: _Face, line: str, limit: float) -> str:
    """``line`` shortened until it fits with a trailing "…" (which always shows)."""
    dots = face.units(ELLIPSIS)
    get, default = face.widths.get, face.default
    used = 0.0
    cut = 0
    for i, ch in enumerate(line):
        used += get(ch, default)
        if used + dots > limit:
            break
        cut = i + 1
    return line[:cut].rstrip() + ELLIPSIS


@lru_cache(maxsize=1)
def metrics() -> TextMetrics:
    """The shared `TextMetrics` (loading the font files takes ~40 ms once)."""
    return TextMetrics()
