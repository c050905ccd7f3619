"""The bundled fonts' advance widths, ascent and descent, without reportlab.

Measuring and wrapping text (`app.layout.text`) needs only these numbers.
Reading them out of the TrueType files takes reportlab (0.07 s or more to
import) and its font parser (0.02 s a file) at every start of the editor,
before the first frame, so they are kept beside each font in
``<font>.metrics.json``, written by::

    python -m app.layout.fontmetrics

and checked against reportlab's reading by tests/layout/test_font_metrics.py.
A file that does not belong to its font (the font's size differs) is ignored
and the font is read with reportlab, as before.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

SUFFIX = ".metrics.json"


@dataclass(frozen=True)
class FaceMetrics:
    """One font file's numbers, in 1/1000 em (as reportlab reports them).

    Attributes:
        widths: advance width per character.
        default: the width of a character the font lacks.
        ascent: height above the baseline.
        descent: depth below the baseline (negative, as in the font).
    """

    widths: dict[str, float]
    default: float
    ascent: float
    descent: float


def metrics_path(font: str | Path) -> Path:
    """Where the numbers of ``font`` are kept."""
    font = Path(font)
    return font.with_name(font.stem + SUFFIX)


def read_face(font: str | Path) -> FaceMetrics:
    """The numbers of ``font``: from its metrics file, else from the font itself."""
    return _from_file(font) or from_reportlab(font)


def from_reportlab(font: str | Path) -> FaceMetrics:
    """The numbers as reportlab reads them from the TrueType file."""
    from reportlab.pdfbase.ttfonts import TTFont

    face = TTFont("_jm_measure_" + Path(font).stem, str(font)).face
    return FaceMetrics({chr(cp): float(w) for cp, w in face.charWidths.items()},
                       float(face.defaultWidth), float(face.ascent), float(face.descent))


def _from_file(font: str | Path) -> FaceMetrics | None:
    try:
        data = json.loads(metrics_path(font).read_text(encoding="utf-8"))
        if data.get("font_size") != os.path.getsize(font):
            return None
        widths = dict(zip(map(chr, data["codes"]), map(float, data["widths"]), strict=True))
        return FaceMetrics(widths, float(data["default"]), float(data["ascent"]),
                           float(data["descent"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_metrics(font: str | Path) -> Path:
    """Write the metrics file of ``font`` (from reportlab's reading); returns its path."""
    face = from_reportlab(font)
    codes = sorted(ord(ch) for ch in face.widths)
    data = {"font": Path(font).name, "font_size": os.path.getsize(font),
            "default": face.default, "ascent": face.ascent, "descent": face.descent,
            "codes": codes, "widths": [face.widths[chr(cp)] for cp in codes]}
    out = metrics_path(font)
    out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    return out


def main() -> int:
    """Write the metrics files of the bundled fonts."""
    from app.layout.text import FONT_FILES

    for font in FONT_FILES.values():
        print(write_metrics(font))
    return 0


if __name__ == "__main__":
    sys.exit(main())
