"""Inputs that used to hang, crash or print a traceback: one line and exit 2 instead."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import types
from pathlib import Path

import pytest

from app.model import reading
from app.model.errors import JourneyError
from app.model.fileformat import from_dict, load, to_dict

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample.journey"


def error(message: str) -> tuple[int, str, str]:
    return 2, "", f"journeymap: error: {message}\n"


# ------------------------------------------------------------ odd files
def test_check_on_a_named_pipe_does_not_wait_for_a_writer(run, tmp_path):
    pipe = tmp_path / "pipe.journey"
    os.mkfifo(pipe)
    result = []
    worker = threading.Thread(target=lambda: result.append(run("check", pipe)), daemon=True)
    worker.start()
    worker.join(20)
    if worker.is_alive():  # release the hung reader before failing
        with open(pipe, "wb"):
            pass
        worker.join(5)
        pytest.fail("check waited on the named pipe")
    assert result == [error(f"{pipe}: is a named pipe, not a file; "
                            "Journeymap reads only regular files")]


@pytest.mark.parametrize("command", ["check", "export"])
def test_a_device_is_refused(run, command):
    args = ["/dev/zero"] + (["-o", "x.pdf"] if command == "export" else [])
    assert run(command, *args) == error(
        "/dev/zero: is a device, not a file; Journeymap reads only regular files")


def test_a_huge_file_is_refused_with_the_limit(run, tmp_path):
    huge = tmp_path / "huge.journey"
    with open(huge, "wb") as fh:  # sparse: takes no disk space
        fh.truncate(reading.MAX_INPUT_BYTES + 1)
    assert run("check", huge) == error(
        f"{huge}: the file is larger than 128 MB, the most Journeymap reads")
    csv = tmp_path / "huge.csv"
    os.link(huge, csv)
    assert run("import", csv, "-o", "m.journey") == error(
        f"{csv}: the file is larger than 128 MB, the most Journeymap reads")
    assert not (tmp_path / "m.journey").exists()


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path):
    small = tmp_path / "m.journey"
    small.write_bytes(b"x" * 100)
    with pytest.raises(JourneyError, match="larger than 0 MB"):
        reading.read_input(str(small), limit=99)


# --------------------------------------------------- opening the editor
@pytest.fixture
def editor(monkeypatch):
    """A stand-in editor that records whether it was started."""
    started = []
    module = types.ModuleType("app.window.main_window")
    module.run_editor = lambda path: started.append(path) or 0
    monkeypatch.setitem(sys.modules, "app.window.main_window", module)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    return started


def test_a_missing_file_is_reported_before_any_window(run, editor):
    assert run("gone.journey") == error("gone.journey: no such file")
    assert editor == []


def test_a_mistyped_command_names_the_commands(run, editor):
    assert run("exprot") == error(
        "exprot: no such file; the commands are new, templates, import, export, check, "
        "diff, merge (see 'journeymap --help')")
    assert editor == []


def test_a_folder_or_a_pipe_is_not_opened(run, editor, tmp_path):
    os.mkfifo(tmp_path / "p")
    assert run(tmp_path) == error(f"{tmp_path}: is a folder, not a file")
    assert run(tmp_path / "p")[2].endswith("is a named pipe, not a file; "
                                           "Journeymap reads only regular files\n")
    assert editor == []


def test_no_display_is_one_line_that_points_to_headless_commands(run, editor, monkeypatch):
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert run(SAMPLE) == error(
        "cannot open the editor: no display (DISPLAY is not set); "
        "for headless work use 'journeymap export' or 'journeymap check'")
    monkeypatch.setenv("DISPLAY", ":93")
    assert run()[2] == (
        "journeymap: error: cannot open the editor: cannot connect to the display ':93'; "
        "for headless work use 'journeymap export' or 'journeymap check'\n")
    assert editor == []


@pytest.mark.parametrize("args", [["bogus"], [str(SAMPLE)], []])
def test_without_a_display_qt_never_aborts(tmp_path, args):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "app", *args], capture_output=True,
                          text=True, cwd=tmp_path, env=env, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("journeymap: error: ")
    if args == ["bogus"]:
        assert "bogus: no such file; the commands are" in done.stderr
    else:
        assert "use 'journeymap export' or 'journeymap check'" in done.stderr


# ----------------------------------------------------- lone surrogates
def sample_with(change) -> dict:
    data = to_dict(load(SAMPLE))
    change(data)
    return data


SURROGATE = "\ud800"
PLACES = [
    ("title", lambda d: d.update(title="Journey " + SURROGATE)),
    ("stages[2].name", lambda d: d["stages"][2].update(name=SURROGATE)),
    ("departments[1].name", lambda d: d["departments"][1].update(name="Ops\udfff")),
    ("cards[5].notes", lambda d: d["cards"][5].update(notes="a" * 50 + SURROGATE)),
    ("flows[0].label", lambda d: d["flows"][0].update(label=SURROGATE)),
    ("cards[0].metrics", lambda d: d["cards"][0]["metrics"].update({SURROGATE: 1})),
    ("cards[1].later.deep[1]", lambda d: d["cards"][1].update(later={"deep": [1, SURROGATE]})),
]


@pytest.mark.parametrize(("place", "change"), PLACES, ids=[p for p, _ in PLACES])
@pytest.mark.parametrize("command", ["check", "export-csv", "export-pdf"])
def test_a_lone_surrogate_is_refused_at_load(run, tmp_path, place, change, command):
    # json.dumps escapes the surrogate as \ud800: valid JSON, as users' tools write it.
    (tmp_path / "m.journey").write_text(json.dumps(sample_with(change)), encoding="ascii")
    args = ["check", "m.journey"] if command == "check" else [
        "export", "m.journey", "-o", "out." + command.split("-")[1]]
    status, out, err = run(*args)
    code = err[err.index("holds \\u") + 8:][:4]
    assert (status, out) == (2, "")
    assert err == (f"journeymap: error: m.journey: {place}: holds \\u{code}, half of a "
                   "UTF-16 character pair with no other half; that is not text a file can "
                   "hold\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.journey"]


def test_a_pair_of_surrogates_is_one_character_and_fine(run, tmp_path):
    data = sample_with(lambda d: d.update(title="Launch \U0001f680"))
    (tmp_path / "m.journey").write_text(json.dumps(data), encoding="ascii")
    assert run("check", "m.journey")[0] == 0
    assert load(tmp_path / "m.journey").title == "Launch \U0001f680"


def test_pasted_json_with_a_lone_surrogate_is_refused():
    data = sample_with(lambda d: d["lanes"][0].update(name=SURROGATE))
    with pytest.raises(JourneyError, match=r"^clipboard: lanes\[0\]\.name: holds \\ud800"):
        from_dict(data, "clipboard")


def test_a_csv_cannot_carry_a_surrogate(run, tmp_path):
    (tmp_path / "s.csv").write_bytes(b"stage,lane,title\nA,B,x\xed\xa0\x80\n")
    status, _, err = run("import", "s.csv", "-o", "m.journey")
    assert status == 2 and "not UTF-8 text" in err
    assert not (tmp_path / "m.journey").exists()
