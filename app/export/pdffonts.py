"""Shaped text in the PDF: embedded font subsets written glyph by glyph.

reportlab can shape with HarfBuzz, but the glyphs shaping makes without a
code point of their own (joined Arabic letters, conjuncts, ligatures) get
private-use code points in its ToUnicode map, so the text layer becomes
unsearchable; it also keeps astral characters out of the map's entries.
This module therefore writes the shaped runs of `app.layout.shaping`
itself: one Type 0 font (CIDFontType2, Identity-H) per face used, whose CIDs
stand for *(glyph, text)* pairs, so that every glyph's ToUnicode entry is
exactly the text of its cluster (UTF-16, surrogate pairs for emoji).
Glyphs are placed where HarfBuzz put them (TJ adjustments, text rise for
mark offsets), in visual order, as every PDF viewer expects; the text layer
reads back in logical order.

The font files are subset when the document is saved (`app.export.ttfsubset`):
only the glyphs drawn are embedded.  No Qt.
"""

from __future__ import annotations

import hashlib
import re

from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from app.export.ttfsubset import subset_ttf
from app.layout.fonts import Face
from app.layout.shaping import GlyphRun, ShapedLine


class _Embedded:
    """One face in one document: the CIDs handed out and, at save, its objects."""

    def __init__(self, face: Face, name: str) -> None:
        self.face = face
        self.name = name
        self.cids: dict[tuple[int, str, float | None], int] = {}
        self.glyphs: list[int] = [0]  # CID -> glyph id (CID 0 is .notdef)
        self.texts: list[str] = [""]
        self.widths: list[float] = [0.0]
        self.advances: dict[int, float] = {}

    def code(self, gid: int, text: str, width: float | None = None) -> str:
        """The two-byte hex code of ``gid`` standing for ``text`` (``width``: not its own)."""
        key = (gid, text, width)
        cid = self.cids.get(key)
        if cid is None:
            cid = self.cids[key] = len(self.glyphs)
            self.glyphs.append(gid)
            self.texts.append(text)
            self.widths.append(self.advance(gid) if width is None else width)
        return f"{cid:04X}"

    @property
    def blank(self) -> int:
        """A glyph that draws nothing (the space), for zero-width text carriers."""
        return self.face.hb_font.get_nominal_glyph(0x20) or 0

    def advance(self, gid: int) -> float:
        """The glyph's advance in the font (1/1000 em): where the PDF puts the next glyph."""
        adv = self.advances.get(gid)
        if adv is None:
            f = self.face
            adv = self.advances[gid] = f.hb_font.get_glyph_h_advance(gid) * 1000.0 / f.upem
        return adv

    # ------------------------------------------------------------ objects
    def addObjects(self, doc: pdfdoc.PDFDocument) -> None:  # noqa: N802 - reportlab's name
        """Write the subset font and its dictionaries (reportlab calls this at save)."""
        data, new_gid, info = _subset(self.face, set(self.glyphs))
        tag = "".join(chr(65 + b % 26) for b in hashlib.sha1(
            (self.face.path + self.name).encode()).digest()[:6])
        base = f"{tag}+{info['psname']}"
        z = [pdfdoc.PDFZCompress]
        font_file = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Length1": len(data)}), data, z)
        descriptor = pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("FontDescriptor"), "FontName": pdfdoc.PDFName(base),
            "Flags": 4, "FontBBox": pdfdoc.PDFArray(info["bbox"]), "ItalicAngle": 0,
            "Ascent": info["ascent"], "Descent": info["descent"],
            "CapHeight": info["ascent"], "StemV": 80,
            "FontFile2": doc.Reference(font_file, f"jmFontFile:{self.name}"),
        })
        gid_map = b"".join(new_gid.get(g, 0).to_bytes(2, "big") for g in self.glyphs)
        widths = " ".join(f"{w:.1f}" for w in self.widths[1:])
        cid_font = pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("Font"), "Subtype": pdfdoc.PDFName("CIDFontType2"),
            "BaseFont": pdfdoc.PDFName(base),
            "CIDSystemInfo": pdfdoc.PDFDictionary({
                "Registry": pdfdoc.PDFString("Adobe"), "Ordering": pdfdoc.PDFString("Identity"),
                "Supplement": 0}),
            "FontDescriptor": doc.Reference(descriptor, f"jmFontDescriptor:{self.name}"),
            "DW": 0,
            "W": f"[1 [{widths}]]",
            "CIDToGIDMap": doc.Reference(pdfdoc.PDFStream(content=gid_map, filters=z),
                                         f"jmCIDToGID:{self.name}"),
        })
        to_unicode = pdfdoc.PDFStream(content=_to_unicode(base, self.texts), filters=z)
        font = pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("Font"), "Subtype": pdfdoc.PDFName("Type0"),
            "BaseFont": pdfdoc.PDFName(base), "Encoding": pdfdoc.PDFName("Identity-H"),
            "DescendantFonts": pdfdoc.PDFArray([doc.Reference(cid_font, f"jmCIDFont:{self.name}")]),
            "ToUnicode": doc.Reference(to_unicode, f"jmToUnicode:{self.name}"),
        })
        doc.idToObject["BasicFonts"].dict[self.name] = doc.Reference(font, self.name)


def _subset(face: Face, gids: set[int]) -> tuple[bytes, dict[int, int], dict]:
    """The font file cut down to ``gids``; old glyph id -> new; a few metrics."""
    data, new_gid, info = subset_ttf(face.path, face.index, gids)
    info["psname"] = re.sub(r"[^A-Za-z0-9-]", "", info["psname"] or face.name)[:60] or "Font"
    return data, new_gid, info


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode(name: str, texts: list[str]) -> bytes:
    """A ToUnicode CMap: CID -> its text (UTF-16BE, so emoji are surrogate pairs)."""
    entries = [(cid, t) for cid, t in enumerate(texts) if t]
    out = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
           "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
           f"/CMapName /{name}-UCS def", "/CMapType 2 def",
           "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    for i in range(0, len(entries), 100):
        chunk = entries[i:i + 100]
        out.append(f"{len(chunk)} beginbfchar")
        out.extend(f"<{cid:04X}> <{_utf16_hex(t)}>" for cid, t in chunk)
        out.append("endbfchar")
    out += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(out).encode("ascii")


class GlyphFonts:
    """The faces embedded in one PDF document, and the operators of shaped lines."""

    def __init__(self, canv: Canvas) -> None:
        self.doc = canv._doc
        self._faces: dict[int, _Embedded] = {}

    def _embedded(self, face: Face) -> _Embedded:
        emb = self._faces.get(id(face))
        if emb is None:
            name = f"JG{len(self._faces) + 1}"
            emb = self._faces[id(face)] = _Embedded(face, name)
            self.doc.fontMapping[f"journeymap-glyphs:{name}"] = "/" + name
            self.doc.delayedFonts.append(emb)
        return emb

    def ops(self, line: ShapedLine, x: float, y: float, size: float) -> str:
        """Operators (inside BT/ET) drawing ``line`` with its left end at PDF (x, y).

        Runs are written in logical order, each placed by its own text matrix,
        so that extractors that read the stream in order meet a mixed
        Arabic/English line in reading order."""
        out: list[str] = []
        k = size / 1000.0
        mixed = len({r.rtl for r in line.runs}) > 1
        for run in sorted(line.runs, key=lambda r: r.start):
            for part in _spaces_apart(run) if mixed else (run,):
                if part.gids:
                    self._run_ops(out, part, x, y, size, k)
        return " ".join(out)

    def _run_ops(self, out: list[str], run: GlyphRun, x: float, y: float, size: float,
                 k: float) -> None:
        emb = self._embedded(run.face)
        out.append(f"/{emb.name} {size:.2f} Tf 1 0 0 1 {x + run.xs[0] * k:.2f} {y:.2f} Tm")
        cur, rise, tj = run.xs[0], 0.0, []
        # Each glyph's PDF width is the distance to the next glyph, so the
        # stream needs no adjustment inside a run (extractors read an
        # adjustment as a gap between words: a mark placed back over its base
        # would split a Devanagari word).
        steps = [b - a for a, b in zip(run.xs, run.xs[1:], strict=False)] + [run.advances[-1]]
        for gid, gx, gy, text, adv in zip(run.gids, run.xs, run.ys, run.texts, steps,
                                          strict=True):
            if gy != rise:
                if tj:
                    out.append(f"[{''.join(tj)}>] TJ")
                    tj = []
                out.append(f"{gy * k:.2f} Ts")
                rise = gy
            d = gx - cur
            if abs(d) > 0.05:
                tj.append(f">{-d:.1f}<" if tj else f"<>{-d:.1f}<")
            elif not tj:
                tj.append("<")
            if run.rtl and len(text) > 1:
                # Extractors read an RTL run backwards, character by character
                # (pdftotext) or glyph by glyph (pypdf): a ligature's further
                # characters ride on invisible zero-width glyphs before it.
                for ch in text[:0:-1]:
                    tj.append(emb.code(emb.blank, ch, 0.0))
                text = text[0]
            adv = round(adv, 1)
            tj.append(emb.code(gid, text, adv))
            cur = gx + adv
        if tj:
            out.append(f"[{''.join(tj)}>] TJ")
        if rise:
            out.append("0 Ts")


def _spaces_apart(run: GlyphRun) -> tuple[GlyphRun, ...]:
    """``run`` in three pieces, in logical order: the spaces it begins with,
    its words, the spaces it ends with (a line of both directions).

    Where the direction changes, a space written inside a right-to-left run
    is read on the wrong side of its word, and a gap alone reads as no
    space at all (pypdf): each space goes in a piece of its own, between the
    runs it separates, where it is drawn."""
    lo = next((i for i, t in enumerate(run.texts) if not t.isspace()), len(run.texts))
    hi = max((i for i, t in enumerate(run.texts) if not t.isspace()), default=-1) + 1
    if (lo, hi) == (0, len(run.texts)):
        return (run,)

    def piece(sl: slice, rtl: bool) -> GlyphRun:
        return GlyphRun(run.face, run.gids[sl], run.xs[sl], run.ys[sl], run.texts[sl], rtl,
                        run.width, run.start, run.advances[sl])

    # Glyphs are in visual order: a right-to-left run begins at its right end.
    left, words, right = piece(slice(0, lo), False), piece(slice(lo, hi), run.rtl), \
        piece(slice(hi, None), False)
    return (right, words, left) if run.rtl else (left, words, right)


def glyph_fonts(canv: Canvas) -> GlyphFonts:
    """The `GlyphFonts` of ``canv``'s document (one per document)."""
    gf = getattr(canv._doc, "_journeymap_glyph_fonts", None)
    if gf is None:
        gf = GlyphFonts(canv)
        canv._doc._journeymap_glyph_fonts = gf
    return gf


def draw_string(canv: Canvas, x: float, y: float, text: str, size: float,
                bold: bool = False) -> None:
    """``canv.drawString`` in the bundled font, or shaped when the text needs it
    (names and titles on the assembly and insights pages are the user's)."""
    from app.layout.shaping import shape_line
    from app.layout.text import metrics, register_pdf_fonts

    if metrics().is_simple(text, bold):
        canv.setFont(register_pdf_fonts()["bold" if bold else "regular"], size)
        canv.drawString(x, y, text)
    elif text:
        canv.addLiteral(f"BT {glyph_fonts(canv).ops(shape_line(text, bold), x, y, size)} ET")
