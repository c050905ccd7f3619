"""A map too large for one page is shrunk, and the user is told so (not an error)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from app.export.exporter import ExportOptions, export_map
from app.model import edits
from app.model.fileformat import save
from app.model.journey import Card, Journey, Lane, Stage

ROOT = Path(__file__).resolve().parents[2]


def tall_map(cards=400):
    """One cell of stacked cards: far taller than 200 inches (14,400 pt)."""
    j = Journey()
    steps = [edits.AddStage(Stage("s1", "Only stage")), edits.AddLane(Lane("l1", "Lane"))]
    steps += [edits.AddCard(Card(f"c{i}", "s1", "l1", i, f"Card {i}")) for i in range(cards)]
    edits.Compound(tuple(steps)).apply(j)
    return j


def cli_export(journey, tmp_path, *args):
    save(journey, tmp_path / "m.journey")
    return subprocess.run([sys.executable, "-m", "app", "export", str(tmp_path / "m.journey"),
                           "-o", str(tmp_path / "m.png"), *args], cwd=ROOT, text=True,
                          capture_output=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def test_default_png_of_a_tall_map_is_200_inches_tall_and_keeps_its_shape(tmp_path):
    export_map(tall_map(), tmp_path / "m.png", ExportOptions(dpi=10))
    with Image.open(tmp_path / "m.png") as png:
        w, h = png.size
    assert h == 2000  # 200 inches at 10 dpi
    assert w < h / 10  # still a tall, narrow map


def test_shrinking_is_noted_in_the_log(tmp_path, caplog):
    export_map(tall_map(), tmp_path / "m.pdf")
    assert "shrunk to" in caplog.text and "200 inches" in caplog.text


def test_a_map_that_fits_gets_no_note(sample, tmp_path, caplog):
    export_map(sample, tmp_path / "m.pdf")
    assert caplog.text == ""


@pytest.mark.slow
def test_command_line_says_so_in_one_line_and_succeeds(tmp_path):
    done = cli_export(tall_map(), tmp_path, "--dpi", "10")
    assert done.returncode == 0
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("journeymap: note: ")
    assert "m.png" in lines[0] and "shrunk to" in lines[0]
    assert (tmp_path / "m.png").exists()
