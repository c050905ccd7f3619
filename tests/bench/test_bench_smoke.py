"""The benchmark must keep working: the generator writes valid, realistic maps and
`bench/run.py` runs end to end.  No timing is asserted here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.model import fileformat
from bench import generate

ROOT = Path(__file__).resolve().parents[2]


def test_generator_writes_a_map_that_loads(tmp_path):
    out = tmp_path / "big.journey"
    assert generate.main(["--cards", "300", "-o", str(out)]) == 0
    journey = fileformat.load(out)
    assert len(journey.cards) == 300
    assert (len(journey.stages), len(journey.lanes)) == (12, 8)
    assert 300 <= len(journey.flows) <= 600


def test_generated_cards_look_like_real_notes():
    journey = generate.build(400, seed=3)
    words = [len(card.title.split()) for card in journey.cards]
    assert min(words) >= 3 and max(words) <= 10
    assert len(set(words)) >= 5
    assert sum(1 for c in journey.cards if c.owner) > 300
    assert sum(1 for c in journey.cards if c.channel) > 200
    assert sum(1 for c in journey.cards if c.emotion is not None) > 50


def test_generated_flows_are_mostly_local_with_some_long_backward_ones():
    journey = generate.build(2000, seed=5)
    index = {s.id: i for i, s in enumerate(journey.stages)}
    steps = [index[journey.card(f.target).stage] - index[journey.card(f.source).stage]
             for f in journey.flows]
    assert sum(1 for s in steps if 0 <= s <= 3) > 0.85 * len(steps)
    assert any(s <= -3 for s in steps)


def test_generator_is_deterministic(tmp_path):
    a, b = tmp_path / "a.journey", tmp_path / "b.journey"
    generate.main(["--cards", "200", "--seed", "11", "-o", str(a)])
    generate.main(["--cards", "200", "--seed", "11", "-o", str(b)])
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.slow
def test_run_py_measures_every_figure_of_a_small_map():
    done = subprocess.run(
        [sys.executable, "bench/run.py", "--sizes", "200", "--runs", "1", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)["sizes"]["200"]
    ours, base = result["ours"], result["base"]
    for key in ("load", "open", "build_paint", "repaint_100", "fit_first", "repaint_fit",
                "drag", "drop", "undo", "undo_paint", "insights", "pdf", "poster", "png"):
        assert ours[key]["median"] > 0, key
    for key in ("qt_rects_open", "qt_full_open", "qt_repaint_100", "qt_repaint_fit", "qt_drag",
                "rl_page", "rl_tiles"):
        assert base[key]["median"] > 0, key
    assert ours["peak_mb"] > 0 and ours["pdf"]["mb"] > 0
    assert ours["drag_info"]["flows"] >= 1


def test_spreadsheet_benchmark_runs_and_reports(capsys):
    from bench import spreadsheets

    spreadsheets.main(["--cards", "200", "--runs", "1"])
    out = capsys.readouterr().out
    assert out.startswith("#### 200 cards")
    assert "| Import the workbook |" in out and "Workbook import / CSV import: " in out
