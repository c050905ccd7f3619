"""The journeymap command: what it prints, what it writes, and its exit status."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from app.model.errors import JourneyError
from app.model.fileformat import load, save, to_dict
from app.model.templates import load_template
from tests.model.helpers import refuse_to_open

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample.journey"
UNSEEN_CSV = ROOT / "tests" / "data" / "csv" / "unseen.csv"


def write_map(path: Path, change=None) -> Path:
    data = to_dict(load_template("customer-support"))
    if change:
        change(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# ------------------------------------------------------------ bad map files
BAD_MAPS = [
    (
        "not JSON",
        lambda p: p.write_text('{"format": "journeymap",\n  "version": 1,,}'),
        "line 2, column 16: not valid JSON: Expecting property name enclosed in double quotes",
    ),
    (
        "not a journey file",
        lambda p: p.write_text('{"format": "kanban", "version": 1}'),
        'format: not a Journeymap file (expected "journeymap", got "kanban")',
    ),
    (
        "newer version",
        lambda p: write_map(p, lambda d: d.update(version=7)),
        "version: the file has format version 7, but this Journeymap reads only up to version 1; "
        "update Journeymap to open it",
    ),
    (
        "missing key",
        lambda p: write_map(p, lambda d: d["flows"][3].pop("to")),
        'flows[3]: missing required key "to"',
    ),
    (
        "wrong type",
        lambda p: write_map(p, lambda d: d["cards"][4].update(title=["x"])),
        'cards[4].title: expected a string, got ["x"]',
    ),
    (
        "duplicate id",
        lambda p: write_map(p, lambda d: d["stages"][2].update(id="notice")),
        'stages[2].id: duplicate id "notice" (also stages[0])',
    ),
    (
        "dangling reference",
        lambda p: write_map(p, lambda d: d["cards"][12].update(owner="x")),
        'cards[12].owner: no department with id "x"',
    ),
    (
        "emotion out of range",
        lambda p: write_map(p, lambda d: d["cards"][0].update(emotion=-3)),
        "cards[0].emotion: expected an integer from -2 to 2 or null, got -3",
    ),
    (
        "unknown kind",
        lambda p: write_map(p, lambda d: d["cards"][0].update(kind="sticky")),
        'cards[0].kind: unknown card kind "sticky"; expected one of touchpoint, action, thought, '
        "pain, opportunity, partner, note, evidence",
    ),
    ("missing file", lambda p: None, "no such file"),
]


@pytest.mark.parametrize(("case", "make", "message"), BAD_MAPS, ids=[c[0] for c in BAD_MAPS])
def test_bad_map_is_one_line_exit_2_and_nothing_written(run, tmp_path, case, make, message):
    make(tmp_path / "bad.journey")
    status, out, err = run("export", "bad.journey", "-o", "out.csv")
    assert (status, out, err) == (2, "", f"journeymap: error: bad.journey: {message}\n")
    assert not (tmp_path / "out.csv").exists()


def test_check_reports_a_bad_map_the_same_way(run, tmp_path):
    write_map(tmp_path / "bad.journey", lambda d: d["cards"][12].update(owner="x"))
    assert run("check", "bad.journey") == (
        2,
        "",
        'journeymap: error: bad.journey: cards[12].owner: no department with id "x"\n',
    )


def test_unreadable_map_is_an_error(run, tmp_path, monkeypatch):
    (tmp_path / "locked.journey").write_text("{}")

    refuse_to_open(monkeypatch, "locked.journey")
    assert run("check", "locked.journey") == (
        2,
        "",
        "journeymap: error: locked.journey: cannot read: Permission denied\n",
    )


# ------------------------------------------------------------ bad CSV files
BAD_CSVS = [
    ("missing column", "stage,title\nA,One\n", 'line 1: missing required column "lane"'),
    (
        "empty value",
        "stage,lane,title\nA,L,One\nB,L,\n",
        'line 3, column "title": a value is required here',
    ),
    (
        "unknown next",
        "id,stage,lane,title,next\nc1,A,L,One,c7\n",
        'line 2, column "next": no card with id "c7"',
    ),
]


@pytest.mark.parametrize(("case", "text", "message"), BAD_CSVS, ids=[c[0] for c in BAD_CSVS])
def test_bad_csv_is_one_line_exit_2_and_nothing_written(run, tmp_path, case, text, message):
    (tmp_path / "in.csv").write_text(text, encoding="utf-8")
    status, out, err = run("import", "in.csv", "-o", "out.journey")
    assert (status, out, err) == (2, "", f"journeymap: error: in.csv: {message}\n")
    assert not (tmp_path / "out.journey").exists()


def test_csv_that_is_not_utf8_writes_nothing(run, tmp_path):
    (tmp_path / "in.csv").write_bytes("stage,lane,title\nKöln,L,One\n".encode("latin-1"))
    status, _, err = run("import", "in.csv", "-o", "out.journey")
    assert status == 2
    assert err == (
        "journeymap: error: in.csv: line 2: not UTF-8 text (byte 0xf6); save the file as UTF-8, "
        "or name its encoding with --encoding (for example --encoding cp1252)\n"
    )
    assert not (tmp_path / "out.journey").exists()


# ------------------------------------------------------------ the unseen CSV
def test_unseen_csv_imports_checks_and_resaves_identically(run, tmp_path):
    status, out, _ = run("import", UNSEEN_CSV, "-o", "unseen.journey")
    assert status == 0 and out.startswith("wrote unseen.journey: 4 stages, 3 lanes, 8 cards")
    first = (tmp_path / "unseen.journey").read_bytes()
    status, out, _ = run("check", "unseen.journey")
    assert status == 0 and "8 cards, 9 flows, 4 departments" in out
    save(load(tmp_path / "unseen.journey"), tmp_path / "unseen.journey")
    assert (tmp_path / "unseen.journey").read_bytes() == first


# ------------------------------------------------------------ new, templates
def test_new_writes_the_chosen_template(run, tmp_path):
    assert run("new", "-o", "m.journey", "--template", "real-estate")[0] == 0
    assert load(tmp_path / "m.journey").title == load_template("real-estate").title


def test_new_refuses_to_overwrite_without_force(run, tmp_path):
    (tmp_path / "m.journey").write_text("precious")
    assert run("new", "-o", "m.journey") == (
        2,
        "",
        "journeymap: error: m.journey: already exists; use --force to replace it\n",
    )
    assert (tmp_path / "m.journey").read_text() == "precious"


def test_new_with_force_overwrites(run, tmp_path):
    (tmp_path / "m.journey").write_text("old")
    assert run("new", "-o", "m.journey", "--force")[0] == 0
    assert load(tmp_path / "m.journey").stages


def test_new_with_unknown_template_writes_nothing(run, tmp_path):
    status, _, err = run("new", "-o", "m.journey", "--template", "kanban")
    assert status == 2 and err.startswith('journeymap: error: no template named "kanban"')
    assert not (tmp_path / "m.journey").exists()


def test_templates_lists_names_with_descriptions(run):
    status, out, _ = run("templates")
    lines = out.splitlines()
    assert status == 0 and len(lines) == 6
    assert lines[0].startswith("blank ") and "customer-support" in out
    assert "service-blueprint" in out


# ------------------------------------------------------------ check
def test_check_prints_summary_then_insights(run):
    status, out, _ = run("check", SAMPLE)
    assert status == 0
    assert "7 stages, 8 lanes, 44 cards, 23 flows, 7 departments, 2 personas" in out
    assert "Hand-offs between departments" in out


def test_check_json_prints_the_insights_object(run):
    status, out, _ = run("check", SAMPLE, "--json")
    data = json.loads(out)
    assert status == 0
    assert data["counts"] == {"stages": 7, "lanes": 8, "cards": 44, "flows": 23}


def test_check_json_narrows_to_a_persona_by_name(run):
    data = json.loads(run("check", SAMPLE, "--json", "--persona", "Student Zofia")[1])
    assert data["counts"]["cards"] == 37


# ------------------------------------------------------------ export
def test_export_csv_then_import_gives_the_same_cards(run, tmp_path):
    assert run("export", SAMPLE, "-o", "m.csv")[0] == 0
    assert run("import", "m.csv", "-o", "m.journey")[0] == 0
    assert [c.id for c in load(tmp_path / "m.journey").cards] == [c.id for c in load(SAMPLE).cards]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--page", "B5"],
            '--page: unknown paper "B5"; expected one of A0, A1, A2, A3, A4, A5, Letter, Legal, '
            "Tabloid",
        ),
        (["--overlap", "-3"], "--overlap: expected a glue margin of 0 mm or more, got -3"),
        (["--dpi", "5000"], "--dpi: expected a resolution from 10 to 1200, got 5000"),
        (
            ["--persona", "Bob"],
            f'{SAMPLE}: no persona named "Bob"; the personas are: "Student Zofia", '
            '"Business owner Jürgen"',
        ),
        (
            ["--landscape", "--portrait"],
            "export: argument --portrait: not allowed with argument --landscape",
        ),
    ],
)
def test_bad_export_option_is_one_line_and_nothing_written(run, tmp_path, options, message):
    assert run("export", SAMPLE, "-o", "m.pdf", *options) == (
        2,
        "",
        f"journeymap: error: {message}\n",
    )
    assert not (tmp_path / "m.pdf").exists()


def test_export_to_unknown_suffix_is_an_error(run):
    assert run("export", SAMPLE, "-o", "m.docx") == (
        2,
        "",
        'journeymap: error: m.docx: unknown export format ".docx"; '
        "expected .pdf, .png, .svg, .csv or .xlsx\n",
    )


@pytest.fixture
def fake_exporter(monkeypatch):
    """Stands in for app.export.exporter and records what it is asked."""
    calls = []
    module = types.ModuleType("app.export.exporter")

    class ExportOptions:
        def __init__(self, **kwargs):
            self.__dict__.update(kwargs)

    def export_map(journey, out_path, options):
        calls.append((journey, out_path, options))
        if getattr(module, "fail", False):
            raise JourneyError(f"{out_path}: the disk is full")

    module.ExportOptions, module.export_map = ExportOptions, export_map
    monkeypatch.setitem(sys.modules, "app.export.exporter", module)
    return module, calls


def test_export_passes_validated_options_to_the_exporter(run, fake_exporter):
    _, calls = fake_exporter
    status = run(
        "export",
        SAMPLE,
        "-o",
        "m.pdf",
        "--page",
        "a3",
        "--landscape",
        "--poster",
        "--overlap",
        "5",
        "--no-marks",
        "--persona",
        "business owner jürgen",
        "--insights",
    )[0]
    options = calls[0][2]
    assert status == 0 and calls[0][1] == "m.pdf"
    assert (options.page, options.landscape, options.poster, options.overlap_mm) == (
        "A3",
        True,
        True,
        5.0,
    )
    assert (options.marks, options.dpi, options.persona, options.insights) == (
        False,
        150,
        "owner",
        True,
    )


def test_export_defaults_leave_paper_and_orientation_to_the_exporter(run, fake_exporter):
    _, calls = fake_exporter
    run("export", SAMPLE, "-o", "m.png", "--dpi", "300")
    options = calls[0][2]
    assert (options.page, options.landscape, options.overlap_mm, options.marks, options.dpi) == (
        None,
        None,
        10.0,
        True,
        300,
    )


def test_a_failed_export_is_one_line(run, tmp_path, fake_exporter):
    # That no partial file is left is the atomic writer's work: tests/cli/test_output_safety.py
    module, _ = fake_exporter
    module.fail = True
    assert run("export", SAMPLE, "-o", "m.pdf") == (
        2,
        "",
        "journeymap: error: m.pdf: the disk is full\n",
    )
    assert not (tmp_path / "m.pdf").exists()


# ------------------------------------------------------------ open, usage
def test_open_hands_the_file_to_the_editor(run, monkeypatch, tmp_path):
    (tmp_path / "m.journey").write_text("{}")  # read by the editor, not before it
    module = types.ModuleType("app.window.main_window")
    module.run_editor = lambda path: 7 if path == "m.journey" else 1
    monkeypatch.setitem(sys.modules, "app.window.main_window", module)
    assert run("m.journey")[0] == 7


def test_open_without_the_editor_prints_the_summary(run, monkeypatch):
    monkeypatch.setitem(sys.modules, "app.window.main_window", None)
    status, out, _ = run(SAMPLE)
    assert status == 0 and "44 cards" in out


def test_usage_error_is_one_line_exit_2(run):
    assert run("new") == (
        2,
        "",
        "journeymap: error: new: the following arguments are required: -o/--output\n",
    )


def test_python_m_app_exits_2_with_one_line_and_no_traceback(tmp_path):
    (tmp_path / "bad.journey").write_text("[]")
    result = subprocess.run(
        [sys.executable, "-m", "app", "check", "bad.journey"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "journeymap: error: bad.journey: not a Journeymap file (expected a JSON object, got [])\n"
    )
