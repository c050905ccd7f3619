"""Bad export arguments: one clear JourneyError, and no file left behind."""

import os

import pytest

from app.export.exporter import ExportOptions, export_map
from app.model.errors import JourneyError


def fails(journey, out, match, **options):
    with pytest.raises(JourneyError, match=match) as info:
        export_map(journey, out, ExportOptions(**options))
    assert str(out) in str(info.value)  # the message names the output file
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("suffix", [".pdf", ".png", ".svg"])
def test_unknown_paper(sample, tmp_path, suffix):
    fails(sample, tmp_path / f"m{suffix}", r'unknown paper "B5"; expected one of A0', page="B5")
    assert os.listdir(tmp_path) == []


def test_negative_overlap(sample, tmp_path):
    fails(sample, tmp_path / "m.pdf", "overlap must be 0 mm or more", poster=True,
          overlap_mm=-5)
    assert os.listdir(tmp_path) == []


def test_overlap_wider_than_the_sheet(sample, tmp_path):
    fails(sample, tmp_path / "m.pdf", "less than half the printable", page="A5",
          poster=True, overlap_mm=500)
    assert os.listdir(tmp_path) == []


def test_unknown_persona(sample, tmp_path):
    fails(sample, tmp_path / "m.pdf", "unknown persona 'Nobody'.*Buyer, Investor",
          persona="Nobody")
    assert os.listdir(tmp_path) == []


def test_missing_folder(sample, tmp_path):
    fails(sample, tmp_path / "no" / "such" / "m.pdf", "cannot write")
    assert os.listdir(tmp_path) == []


def test_output_is_a_folder(sample, tmp_path):
    (tmp_path / "m.pdf").mkdir()
    fails(sample, tmp_path / "m.pdf", "cannot write: it is a folder")
    assert os.listdir(tmp_path) == ["m.pdf"]


def test_unknown_format(sample, tmp_path):
    fails(sample, tmp_path / "m.docx", 'unknown export format ".docx"')


def test_dpi_out_of_range(sample, tmp_path):
    fails(sample, tmp_path / "m.png", "resolution must be 10 to 1200 dpi", dpi=0)
    assert os.listdir(tmp_path) == []


def test_poster_is_for_pdf_only(sample, tmp_path):
    fails(sample, tmp_path / "m.png", "poster tiling is for PDF", poster=True)


def test_failed_export_keeps_the_previous_file(sample, tmp_path):
    out = tmp_path / "m.pdf"
    out.write_bytes(b"previous")
    fails(sample, out, "unknown persona", persona="Nobody")
    assert out.read_bytes() == b"previous"


def test_failure_while_writing_leaves_no_partial_file(sample, tmp_path, monkeypatch):
    import app.export.pdf as pdf

    def broken(drawing, path, **kwargs):
        with open(path, "wb") as fh:
            fh.write(b"%PDF-1.4 half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pdf, "write_pdf", broken)
    fails(sample, tmp_path / "m.pdf", "cannot write: No space left on device")
    assert os.listdir(tmp_path) == []


def test_successful_export_replaces_the_file_with_normal_permissions(sample, tmp_path):
    out = tmp_path / "m.pdf"
    out.write_bytes(b"previous")
    export_map(sample, out)
    assert out.read_bytes().startswith(b"%PDF")
    assert os.listdir(tmp_path) == ["m.pdf"]
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_csv_export_checks_the_persona_and_writes_nothing(sample, tmp_path):
    fails(sample, tmp_path / "m.csv", "unknown persona 'Nobody'", persona="Nobody")
    assert os.listdir(tmp_path) == []
