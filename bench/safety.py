"""Benchmark the safety net on big maps: recovery latency, kills, and Ctrl+S.

    .venv/bin/python bench/safety.py [--sizes 5000,20000] [--edits 15] [--kills 5]

For each size it starts the real editor (``python -m app MAP``, offscreen)
on a generated map, with a test script (``JOURNEYMAP_TEST_SCRIPT``) that

* pushes one edit a second, writing the moment of each push to a log; this
  process polls the recovery folder's journal for the edit's text and
  reports how long each edit took to be on disk (the first edit after
  opening copies the file as the journal's base, so it is reported apart);
* times what the UI thread pays to put one edit on disk (encode it, append
  a line to the journal);
* once the window has settled, saves the map with Ctrl+S's code path while
  a 5 ms timer ticks, and reports the longest gap between ticks (how long
  the window froze) beside the whole save, and beside the old way
  (serialise and write in the UI thread), measured the same way.

Then, ``--kills`` times, it starts an editor, pushes one edit, SIGKILLs the
editor exactly 0.5 s after the push, and reads the recovery folder back to
see whether the edit survived.  Progress goes to stderr; the result is a
Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `bench` and `app` importable
    sys.path.insert(0, str(ROOT))

from app.model import fileformat  # noqa: E402
from app.safety.recovery_store import read_session  # noqa: E402
from bench.generate import build  # noqa: E402

PATIENCE = 180.0

EDITOR_SCRIPT = """
import json, time
from PySide6.QtCore import QTimer
from app.model import fileformat
from app.model.edits import update_card
from app.safety.safe_save import save_with_backup

LOG, EDITS, MODE = {log!r}, {edits}, {mode!r}
cards = [c.id for c in window.document.journey.cards[:EDITS + 3]]
recorder = window.safety.recorder

def log(**entry):
    with open(LOG, "a") as out:
        out.write(json.dumps(entry) + "\\n")

def edit(n):
    at = time.time()  # before the edit: the scene's own update counts too
    push_edit(update_card(cards[n], title=f"bench-mark-{{n}}"))
    log(kind="edit", n=n, at=at)

def flush_cost():
    # What the UI thread pays to put one edit on disk: encode it, append a line.
    from app.safety import journal
    costs = []
    for n in range(20):
        edit = update_card(cards[EDITS + 1], title=f"flush-{{n}}")
        push_edit(edit)
        start = time.perf_counter()
        recorder.session.append([journal.encode(edit)])
        costs.append(time.perf_counter() - start)
    log(kind="flush", costs=costs)

def gaps_while(action):
    ticks = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    start = time.perf_counter()
    ticks.append(start)
    action()
    end = time.perf_counter()
    app.processEvents()
    timer.stop()
    marks = [t for t in ticks if t <= end] + [end]
    return end - start, max(b - a for a, b in zip(marks, marks[1:]))

def save_cost():
    # Each save starts once the window has settled after the edit before it
    # (layout, insights): the freeze measured is the save's own.
    push_edit(update_card(cards[EDITS + 2], title="saved"))
    QTimer.singleShot(2500, save_new)

def save_new():
    total, stall = gaps_while(window.files.save)
    log(kind="save_new", total=total, stall=stall)
    push_edit(update_card(cards[EDITS + 2], title="saved again"))
    QTimer.singleShot(2500, save_old)

def save_old():
    journey, path = window.document.journey, window.document.path
    total, stall = gaps_while(lambda: save_with_backup(journey, path, None, check=False))
    log(kind="save_old", total=total, stall=stall)
    app.exit(0)

if MODE == "kill":
    QTimer.singleShot(300, lambda: edit(0))
else:
    for n in range(EDITS):
        QTimer.singleShot(1000 * (n + 1), lambda n=n: edit(n))
    QTimer.singleShot(1000 * (EDITS + 1) + 500, flush_cost)
    QTimer.singleShot(1000 * (EDITS + 2), save_cost)
"""


def start_editor(folder: Path, map_path: Path, mode: str, edits: int) -> subprocess.Popen:
    """The editor on ``map_path``, driven by `EDITOR_SCRIPT`, with an empty recovery folder."""
    shutil.rmtree(folder / "recovery", ignore_errors=True)
    log = folder / "log.jsonl"
    log.unlink(missing_ok=True)
    script = folder / "script.py"
    script.write_text(textwrap.dedent(EDITOR_SCRIPT.format(log=str(log), edits=edits, mode=mode)))
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYMAP_")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        JOURNEYMAP_RECOVERY_DIR=str(folder / "recovery"),
        JOURNEYMAP_TEST_SCRIPT=str(script),
        JOURNEYMAP_RECOVERY_CHOICE="discard",
        XDG_CONFIG_HOME=str(folder / "config"),
    )
    return subprocess.Popen(
        [sys.executable, "-m", "app", str(map_path)], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )


def read_log(folder: Path) -> list[dict]:
    try:
        lines = (folder / "log.jsonl").read_text().splitlines()
    except FileNotFoundError:
        return []
    return [json.loads(line) for line in lines if line.strip()]


def journal_text(recovery: Path) -> bytes:
    data = b""
    for path in recovery.glob("*/journal-*.jsonl"):
        with contextlib.suppress(OSError):  # compacted away meanwhile
            data += path.read_bytes()
    return data


def latencies(folder: Path, editor: subprocess.Popen, edits: int) -> list[float]:
    """Seconds from each push to its text in the journal on disk."""
    found: dict[int, float] = {}
    deadline = time.monotonic() + PATIENCE + edits
    while len(found) < edits and time.monotonic() < deadline and editor.poll() is None:
        text = journal_text(folder / "recovery")
        now = time.time()
        for n in range(edits):
            if n not in found and f"bench-mark-{n}\"".encode() in text:
                found[n] = now
        time.sleep(0.002)
    pushed = {e["n"]: e["at"] for e in read_log(folder) if e["kind"] == "edit"}
    return [found[n] - pushed[n] for n in sorted(found) if n in pushed]


def measure(size: int, edits: int, folder: Path) -> dict:
    """Latency, flush cost and save stall at ``size`` cards."""
    map_path = folder / f"map{size}.journey"
    editor = start_editor(folder, map_path, "latency", edits)
    lags = latencies(folder, editor, edits)
    try:
        editor.wait(timeout=PATIENCE)
    except subprocess.TimeoutExpired:
        editor.kill()
    entries = read_log(folder)
    flush = next(e["costs"] for e in entries if e["kind"] == "flush")
    new = next(e for e in entries if e["kind"] == "save_new")
    old = next(e for e in entries if e["kind"] == "save_old")
    save = {"total": new["total"], "stall": new["stall"], "old_stall": old["stall"]}
    return {"lags": lags, "flush": flush, "save": save}


def kill_trials(size: int, kills: int, folder: Path) -> list[bool]:
    """Whether the edit survived a SIGKILL exactly 0.5 s after it, per trial."""
    map_path = folder / f"map{size}.journey"
    survived = []
    for trial in range(kills):
        recovery = folder / "recovery"
        editor = start_editor(folder, map_path, "kill", 1)
        deadline = time.monotonic() + PATIENCE
        while not read_log(folder) and time.monotonic() < deadline and editor.poll() is None:
            time.sleep(0.001)
        pushed = read_log(folder)[0]["at"]
        time.sleep(max(0.0, pushed + 0.5 - time.time()))
        os.kill(editor.pid, signal.SIGKILL)
        editor.wait()
        folders = [m.parent for m in recovery.glob("*/meta.json")]
        ok = False
        for session in folders:
            with contextlib.suppress(Exception):  # nothing readable counts as lost
                cards = read_session(session).cards
                ok = ok or any(card.title == "bench-mark-0" for card in cards)
        survived.append(ok)
        print(f"  kill {trial + 1}/{kills}: {'kept' if ok else 'LOST'}", file=sys.stderr)
    return survived


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,20000")
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--kills", type=int, default=5)
    options = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="journeymap-safety-") as tmp:
        folder = Path(tmp)
        for size in (int(s) for s in options.sizes.split(",")):
            print(f"{size} cards: generating", file=sys.stderr)
            fileformat.save(build(size), folder / f"map{size}.journey")
            print(f"{size} cards: edits, flush, save", file=sys.stderr)
            result = measure(size, options.edits, folder)
            print(f"{size} cards: kills", file=sys.stderr)
            result["kills"] = kill_trials(size, options.kills, folder)
            rows.append((size, result))
    print(table(rows))
    return 0


def table(rows: list[tuple[int, dict]]) -> str:
    """The results as Markdown."""
    ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
    lines = [
        "| cards | first edit on disk | later edits on disk: median (max) | UI cost per "
        "journal write: median | kill 0.5 s after an edit | Ctrl+S: whole save | longest "
        "freeze while saving | old way: freeze |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size, r in rows:
        later = r["lags"][1:]
        lines.append(
            f"| {size:,} | {ms(r['lags'][0])} | {ms(statistics.median(later))} "
            f"({ms(max(later))}) | {statistics.median(r['flush']) * 1000:.2f} ms | "
            f"{sum(r['kills'])}/{len(r['kills'])} kept | {ms(r['save']['total'])} | "
            f"{ms(r['save']['stall'])} | {ms(r['save']['old_stall'])} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
