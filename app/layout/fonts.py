"""The font fallback chain: which font file draws which character (no Qt).

The bundled DejaVu Sans comes first for every character it has (Latin,
Greek, Cyrillic, Armenian, Georgian, Hebrew, Arabic, many symbols and some
emoji).  A character it lacks is drawn with a font found on the system:

- Linux: one ``fc-list`` call lists every font with the characters it
  covers (fontconfig's charset), so no font file is opened to find one;
- Windows and macOS: the standard font folders; a file's character map is
  read (fontTools) only when an earlier candidate did not cover a character.

Only TrueType outlines (``glyf``) qualify, because every font the layout
measures must be embeddable in the PDF; CFF fonts (e.g. Noto Sans CJK) are
skipped in favour of TrueType ones (Droid Sans Fallback for CJK, the
``fonts-noto-core`` families for Indic, Thai and the rest).  Nothing else
is bundled: one CJK font alone is 10-20 MB, the Noto set hundreds, and the
machines that need those scripts have them installed.
"""

from __future__ import annotations

import bisect
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from app.documents.resources import resource_path

if TYPE_CHECKING:
    import uharfbuzz as hb

#: The bundled font files, used by the canvas (QFontDatabase) and the PDF.
BUNDLED = {
    False: str(resource_path("fonts/DejaVuSans.ttf")),
    True: str(resource_path("fonts/DejaVuSans-Bold.ttf")),
}


@dataclass(eq=False)
class Face:
    """One font file (and face index) loaded for shaping and measuring.

    Faces are compared by identity; `face` returns one object per file.
    """

    path: str
    index: int = 0
    hb_font: hb.Font = field(init=False, repr=False)
    upem: int = field(init=False)
    #: Code points this face maps to a glyph.
    unicodes: frozenset[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Imported with the first face: text the fast path of app.layout.text
        # measures (most maps' text) never needs HarfBuzz, and a start
        # without it is 15-30 ms shorter.
        import uharfbuzz as hb

        blob = hb.Blob.from_file_path(self.path)
        hb_face = hb.Face(blob, self.index)
        self.hb_font = hb.Font(hb_face)
        self.upem = hb_face.upem
        self.unicodes = frozenset(hb_face.unicodes)
        self.name = Path(self.path).stem + (f"-{self.index}" if self.index else "")


@cache
def face(path: str, index: int = 0) -> Face:
    """The one `Face` of ``path`` (loaded once per process)."""
    return Face(path, index)


@dataclass(frozen=True, slots=True)
class _Candidate:
    path: str
    index: int
    family: str
    bold: bool
    ranges: tuple[tuple[int, int], ...] | None  # None: read the cmap when asked

    def rank(self, bold: bool) -> tuple:
        """Sort key: sans before serif, not monospace, the wanted weight, Noto first."""
        fam = self.family.lower()
        return ("mono" in fam, "sans" not in fam, self.bold != bold, "noto" not in fam,
                " ui" in fam, len(fam), self.path, self.index)

    def covers(self, cp: int) -> bool:
        """Whether this font has a glyph for code point ``cp``."""
        if self.ranges is None:
            return cp in face(self.path, self.index).unicodes
        i = bisect.bisect_right(self.ranges, (cp, sys.maxsize)) - 1
        return i >= 0 and self.ranges[i][0] <= cp <= self.ranges[i][1]


def _parse_charset(text: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in text.split():
        lo, _, hi = part.partition("-")
        out.append((int(lo, 16), int(hi or lo, 16)))
    out.sort()
    return tuple(out)


def _fontconfig_fonts() -> list[_Candidate]:
    fmt = "%{file}|%{index}|%{family[0]}|%{weight}|%{fontformat}|%{charset}\n"
    try:
        out = subprocess.run(["fc-list", "--format", fmt], capture_output=True, text=True,
                             timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    fonts = []
    for line in out.splitlines():
        parts = line.split("|")
        # TrueType outlines only (the PDF embeds them), and the first face of a
        # collection only (Qt's QRawFont opens a file's first face).
        if len(parts) != 6 or parts[4] != "TrueType" or parts[1] not in ("", "0") or (
                not parts[0].lower().endswith((".ttf", ".ttc"))):
            continue
        try:
            weight = float(parts[3].strip("[]").split()[0]) if parts[3] else 80.0
            fonts.append(_Candidate(parts[0], int(parts[1] or 0), parts[2], weight >= 180,
                                    _parse_charset(parts[5])))
        except ValueError:
            continue
    return fonts


def _folder_fonts() -> list[_Candidate]:
    """Windows and macOS: the TrueType files of the standard font folders."""
    if sys.platform == "win32":
        roots = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts",
                 Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "Windows" / "Fonts"]
    else:
        roots = [Path("/System/Library/Fonts"), Path("/Library/Fonts"),
                 Path.home() / "Library" / "Fonts"]
    fonts = []
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.suffix.lower() == ".ttf" and _has_glyf(path):
                stem = path.stem.replace("-", " ")
                fonts.append(_Candidate(str(path), 0, stem, "bold" in stem.lower(), None))
    return fonts


def _has_glyf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            head = f.read(12 + 16 * 64)
    except OSError:
        return False
    return b"glyf" in head


@lru_cache(maxsize=256)
def _outlined(path: str) -> bool:
    """Whether the font file has TrueType outlines (a ``glyf`` table)."""
    return _has_glyf(Path(path))


@lru_cache(maxsize=1)
def system_fonts() -> tuple[_Candidate, ...]:
    """Every embeddable system font (read once per process).

    ``JOURNEYMAP_NO_SYSTEM_FONTS=1`` leaves them out (the bundled font alone):
    how the tests see a machine without a font for a script."""
    if os.environ.get("JOURNEYMAP_NO_SYSTEM_FONTS"):
        return ()
    if sys.platform.startswith("linux") or shutil.which("fc-list"):
        fonts = _fontconfig_fonts()
    else:
        fonts = _folder_fonts()
    bundled = {os.path.realpath(p) for p in BUNDLED.values()}
    return tuple(f for f in fonts if os.path.realpath(f.path) not in bundled)


class FallbackChain:
    """Chooses the face for each character: the bundled font, then the system's."""

    def __init__(self, bold: bool) -> None:
        self.bold = bold
        self.primary = face(BUNDLED[bold])
        self._chosen: dict[int, Face | None] = {}
        self._order: list[_Candidate] | None = None
        self._groups: dict[frozenset[int], Face | None] = {}

    def face_for_all(self, cps: frozenset[int]) -> Face | None:
        """The best-ranked face, among those chosen for its characters one by
        one, that has every one of ``cps`` (None: none has them all).

        A title in one script is then drawn in one font even where a
        better-ranked font has only some of its characters."""
        try:
            return self._groups[cps]
        except KeyError:
            pass
        found = None
        seen: list[Face] = []
        for cp in sorted(cps):
            f = self.face_for(cp)
            if f is not None and f not in seen:
                seen.append(f)
                if cps <= f.unicodes:
                    found = f
                    break
        if len(self._groups) < 10_000:
            self._groups[cps] = found
        return found

    def _ranked(self) -> list[_Candidate]:
        if self._order is None:
            self._order = sorted(system_fonts(), key=lambda c: c.rank(self.bold))
        return self._order

    def face_for(self, cp: int) -> Face | None:
        """The face that draws ``cp``, or None when no installed font has it."""
        if cp in self.primary.unicodes:
            return self.primary
        try:
            return self._chosen[cp]
        except KeyError:
            pass
        found = None
        for cand in self._ranked():
            # fontconfig calls a bitmap colour font (Noto Color Emoji: CBDT,
            # no outlines) TrueType too; the PDF could not draw it.
            if cand.covers(cp) and _outlined(cand.path):
                try:
                    found = face(cand.path, cand.index)
                except Exception:  # noqa: BLE001 - an unreadable file is no candidate
                    continue
                if cp in found.unicodes:
                    break
                found = None
        self._chosen[cp] = found
        return found


@lru_cache(maxsize=2)
def chain(bold: bool = False) -> FallbackChain:
    """The shared fallback chain for regular or bold text."""
    return FallbackChain(bold)
