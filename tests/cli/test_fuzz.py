"""Keep finding them: mutated maps and CSVs through check, export and import.

Each example takes a valid map (or its CSV export), breaks it the way files
get broken — flipped bytes, truncation, deleted keys, wrong types, huge and
non-finite numbers, deep nesting, long strings, duplicate ids, dangling
references, a byte order mark, UTF-16, lone surrogates — and runs the
command line in process (`app.cli.main`).  Whatever the input, the outcome is
exit 0, or exit 2 with exactly one line ``journeymap: error: ...`` on
stderr, no traceback, and no output file (nor temporary file) left behind.
The example counts are kept small so that the suite stays fast; a few cases
also run as real processes.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import main
from app.export.csv_export import to_csv
from app.model.fileformat import dumps, to_dict
from app.model.templates import load_template

BASE = load_template("awareness-purchase-engagement")
BASE_DICT = to_dict(BASE)
BASE_TEXT = dumps(BASE)
BASE_CSV = "\ufeff" + to_csv(BASE)

#: More for a deeper search: ``JOURNEYMAP_FUZZ_EXAMPLES=2000 pytest tests/cli/test_fuzz.py``.
EXAMPLES = int(os.environ.get("JOURNEYMAP_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Values that are wrong somewhere: wrong types, huge and non-finite numbers, long text.
ODD_VALUES = st.sampled_from([
    None, True, False, 0, -1, 3, 10**30, -(10**400), 1.5, 1e308, float("inf"),
    float("-inf"), float("nan"), "", " ", "x" * 100_000, "\ud800", "a\udfffb", "\x00",
    [], [None], {}, {"": ""}, ["s1", "s1"], "#GGGGGG", "f1", "c1",
])


NUMBER = re.compile(r"(?<=: )-?\d+(?:\.\d+)?(?=[,}\]])")


def paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a JSON value (key or index tuples), down to a depth of 6."""
    found = [prefix]
    if len(prefix) >= 6:
        return found
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += paths(value, (*prefix, i))
    return found


def parent_and_key(data: Any, path: tuple) -> tuple[Any, Any]:
    for step in path[:-1]:
        data = data[step]
    return data, path[-1]


@st.composite
def mutated_maps(draw) -> bytes:
    """The bytes of a map broken in one to three ways."""
    data = json.loads(BASE_TEXT)
    for _ in range(draw(st.integers(1, 3))):
        places = [p for p in paths(data) if p]
        if not places:
            break
        path = draw(st.sampled_from(places))
        parent, key = parent_and_key(data, path)
        how = draw(st.sampled_from(["delete", "replace", "nest", "duplicate", "dangle"]))
        if how == "delete":
            del parent[key]
        elif how == "replace":
            parent[key] = draw(ODD_VALUES)
        elif how == "nest":
            depth = draw(st.sampled_from([5, 100, 5_000]))
            value: Any = parent[key]
            for _ in range(depth):
                value = [value]
            parent[key] = value
        elif how == "duplicate":  # an id (or any value) copied from a neighbour
            if isinstance(parent, list) and parent:
                try:
                    parent[key] = json.loads(json.dumps(parent[0], allow_nan=True))
                except RecursionError:  # the neighbour was nested 5,000 deep just before
                    parent[key] = parent[0]
            else:
                parent[key] = "s1"
        else:
            parent[key] = "no-such-id"
    try:
        text = json.dumps(data, allow_nan=True)
    except RecursionError:
        text = BASE_TEXT
    numbers = list(NUMBER.finditer(text))
    if numbers and draw(st.booleans()):  # numbers json.dumps would never write
        hit = draw(st.sampled_from(numbers))
        odd = draw(st.sampled_from(["1e999", "-1e999", "1" + "0" * 5000, "0.1e-999", "-0"]))
        text = text[:hit.start()] + odd + text[hit.end():]
    return encode(draw, text)


@st.composite
def mutated_csvs(draw) -> bytes:
    """The bytes of a CSV export, broken at the text level."""
    lines = BASE_CSV.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["drop", "cell", "quote", "long", "dup"]))
        if how == "drop":
            del lines[i]
            lines = lines or [""]
        elif how == "cell":
            cells = lines[i].split(",")
            j = draw(st.integers(0, len(cells) - 1))
            cells[j] = draw(st.sampled_from(["", "3", "-9", "nan", "1e999", "x;y", "\\",
                                             "#12", "card", "map", "\ud800", "\"", "=1+1"]))
            lines[i] = ",".join(cells)
        elif how == "quote":
            lines[i] = '"' + lines[i]
        elif how == "long":
            lines[i] += "," + "n" * 200_000
        else:
            lines.insert(i, lines[i])
    return encode(draw, "\n".join(lines))


def encode(draw, text: str) -> bytes:
    """Text to bytes the way files come: UTF-8, with or without BOM, UTF-16, broken bytes."""
    how = draw(st.sampled_from(["utf-8", "utf-8", "bom", "utf-16", "flip", "truncate"]))
    raw = text.encode("utf-8", "surrogatepass")
    if how == "bom":
        return b"\xef\xbb\xbf" + raw
    if how == "utf-16":
        return text.encode("utf-16", "surrogatepass")
    if how == "flip" and raw:
        at = draw(st.integers(0, len(raw) - 1))
        return raw[:at] + bytes([raw[at] ^ draw(st.integers(1, 255))]) + raw[at + 1:]
    if how == "truncate":
        return raw[: draw(st.integers(0, len(raw)))]
    return raw


def run(*args: Any) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        status = main([str(a) for a in args])
    return status, err.getvalue()


def assert_clean(folder: Path, status: int, err: str, output: Path | None) -> None:
    assert "Traceback" not in err, err
    assert status in (0, 2), (status, err)
    if status == 2:
        assert err.startswith("journeymap: error: ") and err.count("\n") == 1, err
        if output is not None:
            assert not output.exists(), f"{output.name} left behind: {err}"
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith(".")]
    assert leftovers == [], leftovers


@contextlib.contextmanager
def written(data: bytes, name: str) -> Iterator[tuple[Path, Path]]:
    """A fresh folder holding ``data`` as ``name``: (folder, file)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / name).write_bytes(data)
        yield folder, folder / name


@FUZZ
@given(mutated_maps())
def test_mutated_maps_check_and_export_csv(data):
    with written(data, "m.journey") as (folder, source):
        assert_clean(folder, *run("check", source), None)
        assert_clean(folder, *run("check", source, "--json"), None)
        out = folder / "out.csv"
        assert_clean(folder, *run("export", source, "-o", out), out)


@settings(FUZZ, max_examples=max(1, EXAMPLES // 3))
@given(mutated_maps())
def test_mutated_maps_export_pdf(data):
    with written(data, "m.journey") as (folder, source):
        out = folder / "out.pdf"
        assert_clean(folder, *run("export", source, "-o", out), out)


@FUZZ
@given(mutated_csvs())
def test_mutated_csvs_import(data):
    with written(data, "m.csv") as (folder, source):
        out = folder / "m.journey"
        status, err = run("import", source, "-o", out)
        assert_clean(folder, status, err, out)
        if status == 0:  # what was imported is a map the other commands take
            assert_clean(folder, *run("check", out), None)


def test_a_few_broken_files_as_real_processes(tmp_path):
    broken = {
        "surrogate.journey": BASE_TEXT.replace('"title": "', '"title": "\\ud800', 1).encode(),
        "utf16.journey": BASE_TEXT.encode("utf-16"),
        "deep.journey": b"[" * 100_000,
        "nan.journey": BASE_TEXT.replace('"version": 1', '"version": NaN').encode(),
        "broken.csv": b"stage,lane,title\n\"A,B,C\n",
    }
    for name, data in broken.items():
        (tmp_path / name).write_bytes(data)
        command = ["import", name, "-o", "out.journey"] if name.endswith(".csv") else [
            "export", name, "-o", "out.pdf"]
        done = subprocess.run([sys.executable, "-m", "app", *command], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 2, (name, done.stderr)
        assert done.stderr.startswith(f"journeymap: error: {name}: "), done.stderr
        assert done.stderr.count("\n") == 1, done.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            n for n in broken if (tmp_path / n).exists())
        assert not (tmp_path / "out.pdf").exists() and not (tmp_path / "out.journey").exists()
