"""Export measurements (PDF, poster PDF, PNG) and the raw reportlab baselines.

Our figures time `app.export.exporter.export_map` as the editor and the
command line call it: from a loaded journey to a finished file (layout,
drawing, writing, the atomic rename).  The baselines draw the same number of
rectangles, text lines (wrapped with reportlab's ``simpleSplit``) and cubic
curves straight onto a reportlab canvas in the bundled font: once on one
page, and once as a form placed on 12 A4 tiles.
"""

from __future__ import annotations

import os

from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from bench.measure import file_mb, now, peak_rss_mb, repeat, summary

A4 = (595.2756, 841.8898)
TITLE_SIZE, META_SIZE = 10.5, 8.5


def our_exports(path: str, folder: str, runs: int, png: bool = True) -> dict:
    """Time one-page PDF, poster PDF on A4 and PNG at 150 dpi of one map."""
    from app.export.exporter import ExportOptions, export_map
    from app.model import fileformat
    from app.model.errors import JourneyError

    journey = fileformat.load(path)
    _font()  # an editor that has exported before: fonts registered, metrics loaded
    jobs = {
        "pdf": ("map.pdf", ExportOptions()),
        "poster": ("poster.pdf", ExportOptions(page="A4", poster=True)),
    }
    if png:
        jobs["png"] = ("map.png", ExportOptions(dpi=150))
    out: dict = {}
    for name, (filename, options) in jobs.items():
        target = os.path.join(folder, filename)
        try:
            times = repeat(lambda t=target, o=options: export_map(journey, t, o), runs)
        except JourneyError as exc:
            out[name] = {"error": str(exc).replace(folder + os.sep, "")}
            continue
        out[name] = {**summary(times), "mb": file_mb(target)}
        if target.endswith(".png"):
            out[name]["pixels"] = png_size(target)
        os.remove(target)
    if "error" not in out["poster"]:
        out["poster"]["sheets"] = _sheets(journey, jobs["poster"][1])
    return out


def png_size(path: str) -> list[int]:
    """Width and height of a PNG file, from its header."""
    with open(path, "rb") as fh:
        head = fh.read(24)
    return [int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")]


def _sheets(journey, options) -> int:
    """How many sheets the poster has (the assembly page not counted)."""
    from app.export.drawing import build_drawing
    from app.export.exporter import page_plan

    plan = page_plan("poster.pdf", build_drawing(journey), options)
    return plan.grid.count if plan.grid is not None else 1


def poster_png_once(path: str, folder: str) -> dict:
    """PNG of the map on an A1 poster at 300 dpi: time and peak memory (fresh process)."""
    from app.export.exporter import ExportOptions, export_map
    from app.model import fileformat

    journey = fileformat.load(path)
    target = os.path.join(folder, "a1.png")
    t = now()
    export_map(journey, target, ExportOptions(page="A1", dpi=300))
    elapsed = now() - t
    result = {"time": elapsed, "peak_mb": peak_rss_mb(), "mb": file_mb(target),
              "pixels": png_size(target)}
    os.remove(target)
    return result


# ------------------------------------------------------------------ baselines
def _font() -> str:
    from app.layout.text import register_pdf_fonts

    return register_pdf_fonts()["regular"]


def _draw(canv: Canvas, data: dict, font: str) -> None:
    """Rectangles, wrapped titles, meta lines and curves of every card and flow."""
    height = data["height"]
    cards = data["cards"]
    canv.setLineWidth(0.8)
    canv.setStrokeColorRGB(0.58, 0.64, 0.72)
    canv.setFillColorRGB(0.96, 0.97, 0.97)
    for x, y, w, h, _, _ in cards:
        canv.roundRect(x, height - y - h, w, h, 6, stroke=1, fill=1)
    canv.setFillColorRGB(0.12, 0.16, 0.2)
    for x, y, w, h, title, meta in cards:
        baseline = height - y - 18
        canv.setFont(font, TITLE_SIZE)
        for line in simpleSplit(title, font, TITLE_SIZE, w - 20):
            canv.drawString(x + 10, baseline, line)
            baseline -= TITLE_SIZE * 1.25
        if meta:
            canv.setFont(font, META_SIZE)
            canv.drawString(x + 10, height - y - h + 8, meta)
    canv.setStrokeColorRGB(0.39, 0.45, 0.55)
    for a, b in data["flows"]:
        ax, ay, aw, ah = cards[a][:4]
        bx, by, _, bh = cards[b][:4]
        x1, y1, x2, y2 = ax + aw, height - ay - ah / 2, bx, height - by - bh / 2
        dx = max(40.0, abs(x2 - x1) / 2)
        canv.bezier(x1, y1, x1 + dx, y1, x2 - dx, y2, x2, y2)


def baseline_page(data: dict, target: str) -> None:
    """The whole map straight onto one page."""
    font = _font()
    canv = Canvas(target, pagesize=(data["width"], data["height"]), pageCompression=1,
                  initialFontName=font)
    _draw(canv, data, font)
    canv.showPage()
    canv.save()


def baseline_tiles(data: dict, target: str) -> None:
    """The map drawn once as a form, placed (clipped) on 12 A4 tiles."""
    font = _font()
    canv = Canvas(target, pagesize=A4, pageCompression=1, initialFontName=font)
    canv.beginForm("map", 0, 0, data["width"], data["height"])
    _draw(canv, data, font)
    canv.endForm()
    cols, rows = 3, 4
    tw, th = data["width"] / cols, data["height"] / rows
    scale = min(A4[0] / tw, A4[1] / th)
    for row in range(rows):
        for col in range(cols):
            canv.saveState()
            canv.scale(scale, scale)
            canv.translate(-col * tw, -(data["height"] - (row + 1) * th))
            clip = canv.beginPath()
            clip.rect(col * tw, data["height"] - (row + 1) * th, tw, th)
            canv.clipPath(clip, stroke=0, fill=0)
            canv.doForm("map")
            canv.restoreState()
            canv.showPage()
    canv.save()


def baselines(data: dict, folder: str, runs: int) -> dict:
    """Time both reportlab baselines; sizes of the files they write."""
    out: dict = {}
    _font()
    for name, fn in (("rl_page", baseline_page), ("rl_tiles", baseline_tiles)):
        target = os.path.join(folder, name + ".pdf")
        out[name] = {**summary(repeat(lambda f=fn, t=target: f(data, t), runs)),
                     "mb": file_mb(target)}
        os.remove(target)
    return out
