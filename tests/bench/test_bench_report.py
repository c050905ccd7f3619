"""The report compares figures with the issue's targets and says PASS or FAIL."""

from __future__ import annotations

from bench import report


def _stat(seconds: float) -> dict:
    return {"median": seconds, "min": seconds, "n": 5}


def _size(scale: float = 1.0, undo: float = 0.002) -> dict:
    ours = {
        "load": _stat(0.1 * scale), "open": _stat(0.4 * scale),
        "build_paint": _stat(0.3 * scale), "repaint_100": _stat(0.01),
        "fit_first": _stat(0.04), "repaint_fit": _stat(0.03 * scale), "drag": _stat(0.004),
        "drop": _stat(0.003), "undo": _stat(undo), "undo_paint": _stat(0.01),
        "insights": _stat(0.05 * scale),
        "pdf": {**_stat(1.0 * scale), "mb": 1.0 * scale},
        "poster": {**_stat(1.1 * scale), "mb": 1.1 * scale, "sheets": 40},
        "png": {**_stat(2.0 * scale), "mb": 9.0},
        "a1png": {**_stat(3.0), "mb": 8.0}, "a1png_peak_mb": 250.0,
        "peak_mb": 150.0 * scale, "peak_mb_after_use": 160.0 * scale, "fit_zoom": 0.05,
        "drag_info": {"card": "c1", "flows": 3, "repainted_px_median": 100,
                      "viewport_px": 1000},
    }
    base = {"qt_full_open": _stat(0.25 * scale), "qt_rects_open": _stat(0.05 * scale),
            "qt_full_peak_mb": 90.0, "rl_page": {**_stat(0.6 * scale), "mb": 0.5},
            "rl_tiles": {**_stat(0.7 * scale), "mb": 0.5}, "qt_repaint_100": _stat(0.01),
            "qt_repaint_fit": _stat(0.05), "qt_drag": _stat(0.003)}
    return {"map": {"cards": 5000, "flows": 6000, "mb": 2.5, "text_lines": 13000},
            "ours": ours, "base": base}


def _results(**sizes: dict) -> dict:
    meta = {"command": "./dev.sh bench", "date": "2026-01-01", "machine": "test", "runs": 5,
            "load_before": "1.0", "load_after": "1.0"}
    return {"meta": meta, "sizes": sizes}


def _verdict(results: dict, start: str) -> report.Verdict:
    return next(v for v in report.verdicts(results) if v.target.startswith(start))


def test_a_figure_within_its_target_passes():
    assert _verdict(_results(**{"5000": _size()}), "Undo of a move").ok is True


def test_a_slow_undo_fails():
    assert _verdict(_results(**{"5000": _size(undo=0.05)}), "Undo of a move").ok is False


def test_open_is_judged_against_the_raw_qt_baseline():
    results = _results(**{"5000": _size()})
    verdict = _verdict(results, "Open at most 2×")
    assert verdict.ok is True and "1.60×" in verdict.measured
    results["sizes"]["5000"]["base"]["qt_full_open"] = _stat(0.1)
    assert _verdict(results, "Open at most 2×").ok is False


def test_growth_worse_than_linear_fails_and_linear_passes():
    results = _results(**{"5000": _size(), "20000": _size(scale=4.0)})
    assert _verdict(results, "20,000 cards: load grows").ok is True
    results["sizes"]["20000"]["ours"]["load"] = _stat(0.1 * 6)
    assert _verdict(results, "20,000 cards: load grows").ok is False


def test_markdown_puts_each_figure_beside_its_baseline():
    text = report.markdown(_results(**{"5000": _size()}))
    row = next(line for line in text.splitlines() if line.startswith("| Open: load"))
    assert "400 ms" in row and "250 ms" in row and "1.6×" in row
    assert "**FAIL**" in text or "**PASS**" in text
