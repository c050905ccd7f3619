"""Turn the benchmark results into Markdown tables and PASS/FAIL lines.

The results are the dictionary `bench/run.py` builds (and prints with
``--json``): ``results["sizes"][str(cards)]`` holds ``map``, ``ours`` and
``base`` for each size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

#: The size the issue's targets are stated for, and the large one.
TARGET_SIZE, LARGE_SIZE = 5000, 20000
#: "No worse than linearly": growth 5,000 -> 20,000 may be 4x, plus this much for noise.
NOISE = 1.10


def _get(d: dict, path: str) -> float | None:
    """``_get(d, "ours.open.median")``: a nested value, or None when absent."""
    for key in path.split("."):
        if not isinstance(d, dict) or key not in d:
            return None
        d = d[key]
    return d if isinstance(d, int | float) and not isinstance(d, bool) else None


def fmt_time(seconds: float | None) -> str:
    """A duration with a sensible unit."""
    if seconds is None:
        return "n/a"
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms" if seconds < 0.1 else f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


def fmt_mb(mb: float | None) -> str:
    """Megabytes."""
    if mb is None:
        return "n/a"
    return f"{mb:.2f} MB" if mb < 1 else f"{mb:.1f} MB" if mb < 10 else f"{mb:.0f} MB"


def _stat(d: dict, path: str) -> str:
    med, low = _get(d, path + ".median"), _get(d, path + ".min")
    if med is None:
        err = d
        for key in path.split("."):
            err = err.get(key, {}) if isinstance(err, dict) else {}
        return f"error: {err['error']}" if isinstance(err, dict) and "error" in err else "n/a"
    return f"{fmt_time(med)} ({fmt_time(low)})"


def _ratio(a: float | None, b: float | None) -> str:
    return "" if a is None or not b else f"{a / b:.1f}×"


# (label, our path, baseline label, baseline path, kind) ; kind "t" time, "m" MB value
ROWS: list[tuple[str, str, str, str, str]] = [
    ("Load the file", "ours.load", "", "", "t"),
    ("Open: load + build + first paint", "ours.open",
     "Qt rect+text+curve items: build + first paint", "base.qt_full_open", "t"),
    ("Open, against the floor", "ours.open", "Qt plain rect items: build + first paint",
     "base.qt_rects_open", "t"),
    ("Build + first paint (no load)", "ours.build_paint",
     "Qt rect+text+curve items: build + first paint", "base.qt_full_open", "t"),
    ("Repaint at 100 %", "ours.repaint_100", "Qt rect+text+curve items", "base.qt_repaint_100",
     "t"),
    ("Zoom to fit: first frame (item caches cold)", "ours.fit_first",
     "Qt rect+text+curve items, same zoom", "base.qt_repaint_fit", "t"),
    ("Repaint zoomed to fit", "ours.repaint_fit", "Qt rect+text+curve items, same zoom",
     "base.qt_repaint_fit", "t"),
    ("Drag frame (move a card 3 px, its flows follow, repaint)", "ours.drag",
     "Qt: move a rect item, reset its curves, repaint", "base.qt_drag", "t"),
    ("Drop: push MoveCards (scene updated)", "ours.drop", "", "", "t"),
    ("Undo of a move (scene updated)", "ours.undo", "", "", "t"),
    ("Undo of a move, until repainted", "ours.undo_paint", "", "", "t"),
    ("PDF, one page", "ours.pdf", "reportlab: rects, text lines, curves on one page",
     "base.rl_page", "t"),
    ("Poster PDF on A4", "ours.poster", "reportlab: the same as a form on 12 A4 tiles",
     "base.rl_tiles", "t"),
    ("PNG at 150 dpi", "ours.png", "", "", "t"),
    ("PNG of an A1 poster at 300 dpi", "ours.a1png", "", "", "t"),
    ("Insights", "ours.insights", "", "", "t"),
]
MEMORY_ROWS: list[tuple[str, str, str, str]] = [
    ("Peak memory, editor open (first frame)", "ours.peak_mb", "Qt rect+text+curve items",
     "base.qt_full_peak_mb"),
    ("Peak memory, editor after repaints, drag, undo, insights", "ours.peak_mb_after_use",
     "Qt rect+text+curve items", "base.qt_full_peak_mb"),
    ("Peak memory, PNG of an A1 poster at 300 dpi", "ours.a1png_peak_mb", "", ""),
    ("PDF size, one page", "ours.pdf.mb", "reportlab, one page", "base.rl_page.mb"),
    ("Poster PDF size", "ours.poster.mb", "reportlab, 12 A4 tiles", "base.rl_tiles.mb"),
    ("PNG size at 150 dpi", "ours.png.mb", "", ""),
]


def size_table(cards: int, r: dict) -> str:
    """The Markdown table of one size: our figures beside their baselines."""
    m = r.get("map", {})
    lines = [
        f"#### {cards:,} cards, {m.get('flows', 0):,} flows, {m.get('text_lines', 0):,} text "
        f"lines; file {fmt_mb(m.get('mb'))}; zoom to fit = {r['ours'].get('fit_zoom', 0):.0%}",
        "",
        "| figure | ours: median (min) | raw baseline | baseline: median (min) | ratio |",
        "|---|---|---|---|---|",
    ]
    for label, ours, base_label, base, _ in ROWS:
        if _get(r, ours + ".median") is None and "error" not in str(r.get("ours", {}).get(
                ours.split(".")[1], "")):
            continue
        ratio = _ratio(_get(r, ours + ".median"), _get(r, base + ".median")) if base else ""
        lines.append(f"| {label} | {_stat(r, ours)} | {base_label} | "
                     f"{_stat(r, base) if base else ''} | {ratio} |")
    for label, ours, base_label, base in MEMORY_ROWS:
        value = _get(r, ours)
        if value is None:
            continue
        other = _get(r, base) if base else None
        lines.append(f"| {label} | {fmt_mb(value)} | {base_label} | "
                     f"{fmt_mb(other) if base else ''} | {_ratio(value, other)} |")
    info = r["ours"].get("drag_info", {})
    sheets = r["ours"].get("poster", {}).get("sheets")
    notes = []
    if info:
        notes.append(f"dragged card {info['card']} has {info['flows']} flows; a drag frame "
                     f"repainted {info['repainted_px_median'] / info['viewport_px']:.0%} "
                     "of the viewport")
    if sheets:
        notes.append(f"the poster has {sheets} A4 sheets and an assembly page")
    for key, what in (("png", "the 150 dpi PNG"), ("a1png", "the A1 PNG")):
        px = r["ours"].get(key, {}).get("pixels")
        if px:
            notes.append(f"{what} is {px[0]:,} x {px[1]:,} px")
    if notes:
        text = "; ".join(notes)
        lines += ["", text[0].upper() + text[1:] + "."]
    return "\n".join(lines)


@dataclass
class Verdict:
    """One target checked."""

    target: str
    measured: str
    ok: bool | None  # None: could not be measured


def _check(target: str, value: float | None, limit: float, show: Callable[[float], str],
           measured: str | None = None) -> Verdict:
    if value is None:
        return Verdict(target, "not measured", None)
    return Verdict(target, measured or show(value), value < limit)


def verdicts(results: dict) -> list[Verdict]:
    """Every target of issue 7 that this run measured."""
    sizes = results["sizes"]
    out: list[Verdict] = []
    r = sizes.get(str(TARGET_SIZE))
    if r is not None:
        out += _targets_5000(r)
    big = sizes.get(str(LARGE_SIZE))
    if big is not None:
        out.append(_check("20,000 cards: open under 3 s", _get(big, "ours.open.median"), 3.0,
                          fmt_time))
        if r is not None:
            out += _growth(r, big)
    return out


def _targets_5000(r: dict) -> list[Verdict]:
    g = lambda path: _get(r, path)  # noqa: E731
    open_ = g("ours.open.median")
    base = g("base.qt_full_open.median")
    pdf, rl = g("ours.pdf.median"), g("base.rl_page.median")
    poster, poster_mb, pdf_mb = g("ours.poster.median"), g("ours.poster.mb"), g("ours.pdf.mb")
    memory = max(filter(None, [g("ours.peak_mb"), g("ours.peak_mb_after_use")]), default=None)
    ratio = lambda a, b: None if a is None or not b else a / b  # noqa: E731
    x = lambda v: f"{v:.2f}×"  # noqa: E731
    return [
        _check("Open under 0.7 s", open_, 0.7, fmt_time),
        _check("Open at most 2× the raw Qt baseline", ratio(open_, base), 2.0 + 1e-9, x,
               f"{fmt_time(open_)} vs {fmt_time(base)}: {x(ratio(open_, base) or 0)}"),
        _check("Drag frame at 100 % under 8 ms", g("ours.drag.median"), 0.008, fmt_time),
        _check("Repaint zoomed to fit under 50 ms", g("ours.repaint_fit.median"), 0.050, fmt_time),
        _check("Repaint at 100 % under 16 ms", g("ours.repaint_100.median"), 0.016, fmt_time),
        _check("Undo of a move under 5 ms", g("ours.undo.median"), 0.005, fmt_time),
        _check("PDF at most 2× the raw reportlab baseline", ratio(pdf, rl), 2.0 + 1e-9, x,
               f"{fmt_time(pdf)} vs {fmt_time(rl)}: {x(ratio(pdf, rl) or 0)}"),
        _check("Poster on A4 at most 1.3× the single page in time", ratio(poster, pdf),
               1.3 + 1e-9, x, f"{fmt_time(poster)} vs {fmt_time(pdf)}: "
               f"{x(ratio(poster, pdf) or 0)}"),
        _check("Poster on A4 at most 1.3× the single page in bytes", ratio(poster_mb, pdf_mb),
               1.3 + 1e-9, x, f"{fmt_mb(poster_mb)} vs {fmt_mb(pdf_mb)}: "
               f"{x(ratio(poster_mb, pdf_mb) or 0)}"),
        _check("PNG of an A1 poster at 300 dpi under 6 s", g("ours.a1png.median"), 6.0, fmt_time),
        _check("PNG of an A1 poster at 300 dpi under 400 MB peak", g("ours.a1png_peak_mb"), 400,
               fmt_mb),
        _check("Insights under 0.2 s", g("ours.insights.median"), 0.2, fmt_time),
        _check("Peak memory of the open editor under 300 MB", memory, 300, fmt_mb),
    ]


GROWTH = [
    ("load", "ours.load.median"), ("open", "ours.open.median"),
    ("repaint at 100 %", "ours.repaint_100.median"),
    ("repaint zoomed to fit", "ours.repaint_fit.median"), ("drag frame", "ours.drag.median"),
    ("undo", "ours.undo.median"), ("PDF time", "ours.pdf.median"), ("PDF bytes", "ours.pdf.mb"),
    ("poster time", "ours.poster.median"), ("poster bytes", "ours.poster.mb"),
    ("PNG at 150 dpi", "ours.png.median"), ("insights", "ours.insights.median"),
    ("peak memory", "ours.peak_mb_after_use"),
]


def _growth(small: dict, big: dict) -> list[Verdict]:
    limit = LARGE_SIZE / TARGET_SIZE * NOISE
    out = []
    for name, path in GROWTH:
        a, b = _get(small, path), _get(big, path)
        target = f"20,000 cards: {name} grows no worse than linearly (≤ {limit:.1f}× of 5,000)"
        if a is None or b is None or not a:
            out.append(Verdict(target, "not measured at both sizes", None))
        else:
            out.append(Verdict(target, f"{b / a:.1f}×", b / a <= limit))
    return out


def verdict_table(items: list[Verdict]) -> str:
    """The targets as a Markdown table with PASS/FAIL."""
    lines = ["| target | measured | |", "|---|---|---|"]
    for v in items:
        mark = "PASS" if v.ok else "FAIL" if v.ok is not None else "n/a"
        lines.append(f"| {v.target} | {v.measured} | **{mark}** |")
    return "\n".join(lines)


def markdown(results: dict) -> str:
    """The whole report: how it was measured, one table per size, the targets."""
    meta = results["meta"]
    parts = [
        f"Measured with `{meta['command']}` on {meta['date']}: {meta['machine']}. "
        f"Median (minimum) of {meta['runs']} run(s); times are wall clock. "
        f"Load average {meta['load_before']} before, {meta['load_after']} after: "
        "the machine is shared, so expect noise of 10-30 %.",
    ]
    for cards, r in results["sizes"].items():
        parts.append(size_table(int(cards), r))
    items = verdicts(results)
    if items:
        passed = sum(1 for v in items if v.ok)
        parts.append(f"#### Targets (issue 7): {passed} of {len(items)} met\n\n"
                     + verdict_table(items))
    return "\n\n".join(parts) + "\n"
