"""Outputs onto a full disk or through a symlink, and imports that must not overwrite."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest

from app.model.fileformat import load, to_dict

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample.journey"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "filler")


@pytest.mark.parametrize("suffix", [".svg", ".pdf", ".png", ".csv"])
def test_export_onto_a_full_disk_fails_cleanly(run, full_disk, suffix):
    out = full_disk / f"map{suffix}"
    status, stdout, err = run("export", SAMPLE, "-o", out)
    assert (status, stdout) == (2, "")
    assert err == f"journeymap: error: {out}: cannot write: No space left on device\n"
    assert leftovers(full_disk) == []


def test_new_and_import_onto_a_full_disk_fail_cleanly(run, full_disk, tmp_path):
    assert run("export", SAMPLE, "-o", tmp_path / "m.csv")[0] == 0
    for args in (("new", "-o", full_disk / "m.journey", "--template", "online-store"),
                 ("import", tmp_path / "m.csv", "-o", full_disk / "m.journey")):
        status, _, err = run(*args)
        assert status == 2
        assert err.endswith("m.journey: cannot write: No space left on device\n")
        assert err.count("\n") == 1
        assert leftovers(full_disk) == []


@pytest.mark.parametrize("suffix", [".svg", ".pdf", ".png", ".csv"])
def test_export_writes_through_a_symlink(run, tmp_path, suffix):
    real = tmp_path / "shared" / f"wall{suffix}"
    real.parent.mkdir()
    real.write_bytes(b"last week's")
    link = tmp_path / f"map{suffix}"
    link.symlink_to(real)
    assert run("export", SAMPLE, "-o", link)[0] == 0
    assert link.is_symlink() and link.resolve() == real
    assert real.read_bytes() != b"last week's" and real.stat().st_size > 1000


# -------------------------------------------------------------- import -o
@pytest.fixture
def csv_file(run, tmp_path):
    assert run("export", SAMPLE, "-o", "m.csv")[0] == 0
    return tmp_path / "m.csv"


def test_import_refuses_an_existing_output_without_force(run, csv_file, tmp_path):
    out = tmp_path / "m.journey"
    out.write_text("precious")
    assert run("import", csv_file, "-o", out) == (
        2, "", f"journeymap: error: {out}: already exists; use --force to replace it\n")
    assert out.read_text() == "precious"
    assert run("import", csv_file, "-o", out, "--force")[0] == 0
    assert to_dict(load(out)) == to_dict(load(SAMPLE))


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_import_never_writes_over_its_own_input(run, csv_file, tmp_path, force):
    before = csv_file.read_bytes()
    link = tmp_path / "link.journey"
    link.symlink_to(csv_file)
    for out in (csv_file, link):
        status, _, err = run("import", csv_file, "-o", out, *force)
        assert status == 2
        assert err == (f"journeymap: error: {out}: is the CSV being imported; "
                       "write to another file\n")
    assert csv_file.read_bytes() == before


def test_export_never_writes_over_the_map(run, tmp_path):
    (tmp_path / "m.journey").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "m.pdf").symlink_to(tmp_path / "m.journey")
    assert run("export", "m.journey", "-o", "m.pdf") == (
        2, "", "journeymap: error: m.pdf: is the map being exported; write to another file\n")
    assert (tmp_path / "m.journey").read_bytes() == SAMPLE.read_bytes()


# ------------------------------------------------------------ long values
def test_a_csv_with_200000_character_notes_round_trips(run, tmp_path):
    data = to_dict(load(SAMPLE))
    notes = "".join(f"note {i} " for i in range(40_000))[:200_000]
    data["cards"][3]["notes"] = notes
    (tmp_path / "long.journey").write_text(json.dumps(data), encoding="utf-8")
    assert run("export", "long.journey", "-o", "long.csv")[0] == 0
    assert run("import", "long.csv", "-o", "back.journey") [0] == 0
    back = load(tmp_path / "back.journey")
    assert back.card(data["cards"][3]["id"]).notes == notes


def test_stale_temporaries_of_a_killed_save_go_at_the_next_save(run, tmp_path):
    stale = tmp_path / f".m.journey.{uuid.uuid4().hex[:8]}.tmp"
    stale.write_bytes(b'{"format": "journeymap", "ver')
    os.utime(stale, (1_000_000_000, 1_000_000_000))
    assert run("new", "-o", "m.journey")[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.journey"]
