"""What a user waits for: the whole editor process in a real X window.

    python -m bench.real_window [--cards 5000] [--runs 5] [--json]

Starts its own X server (Xvfb, 1920x1080) and a screen watcher
(`bench.xscreen`), then measures, beside a raw PySide6 program
(`bench/raw_window.py`) measured in the same run:

- **Open**: from starting the process (``python -m app MAP``, a fresh
  settings and recovery folder each time) until the screen shows the final
  picture of the window, still for ``--still`` seconds.  The raw program
  reads the same cards and flows, at the same places, as plain numbers and
  shows them as plain scene items in a window of the same size.  The runs
  alternate (ours, raw, raw, ours, ...), so that both see the same load.
- **Drop, undo, redo** (ours only; the target is absolute): a card dragged
  with the X server's mouse to a cell of the next stage and released, Ctrl+Z,
  Ctrl+Y; from the release or key press until the screen has settled.  Each
  is checked to have changed the undo stack (the editor's test script
  reports its index).

Needs Xvfb (``apt-get install xvfb``) and libXtst (shipped with xdotool's
dependencies, ``apt-get install xdotool``).  Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: Keys of the editor's undo and redo (Ctrl+Y as well as Ctrl+Shift+Z).
UNDO, REDO = ["Control_L", "z"], ["Control_L", "y"]
DEADLINE = 60.0
#: Seconds between two interactions (a user reading the screen).
GAP = float(os.environ.get("JM_BENCH_GAP", "0.5"))

# Run inside the editor (JOURNEYMAP_TEST_SCRIPT): say where a visible card and
# a visible cell of another stage are on the screen, and log the undo index.
SCRIPT = """
import json, os, time
from pathlib import Path
from PySide6.QtCore import QPointF, QTimer

out = Path(os.environ["JM_BENCH_OUT"])
view, scene, stack = window.view, window.scene, window.document.undo_stack
log = out.with_suffix(".log")
stack.indexChanged.connect(lambda i: log.open("a").write(f"{i} {time.monotonic()}\\n"))


def on_screen(x, y):
    p = view.viewport().mapToGlobal(view.mapFromScene(QPointF(x, y)))
    return [p.x(), p.y()]


def report():
    if not window.windowHandle() or not window.windowHandle().isExposed():
        QTimer.singleShot(50, report)
        return
    seen = view.mapToScene(view.viewport().rect().adjusted(40, 40, -40, -40)).boundingRect()
    layout = scene.layout
    cards = [b for b in layout.cards.values() if seen.contains(b.rect.x, b.rect.y)
             and seen.contains(b.rect.x + b.rect.w, b.rect.y + b.rect.h)]
    box = min(cards, key=lambda b: (b.rect.x, b.rect.y))
    journey = window.document.journey
    card = journey.card(box.id)
    stages = [s.id for s in journey.stages]
    key = (stages[stages.index(card.stage) + 1], card.lane)
    cell = layout.cells[key]
    data = {"from": on_screen(box.rect.x + box.rect.w * 0.4, box.rect.cy),
            "to": on_screen(cell.x + cell.w / 2, box.rect.cy),
            "cell": list(key), "window": int(window.winId())}
    out.with_suffix(".tmp").write_text(json.dumps(data))
    out.with_suffix(".tmp").replace(out)


QTimer.singleShot(0, report)
"""


def log(message: str) -> None:
    """Progress on stderr."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def start_xvfb() -> tuple[subprocess.Popen, str]:
    """An X server on a free display (Xvfb picks the number and writes it to a pipe)."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1920x1080x24", "-nolisten",
         "tcp"], pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    data, deadline = b"", time.monotonic() + 20
    while not data.endswith(b"\n") and time.monotonic() < deadline:
        ready, _, _ = select.select([read_end], [], [], 1.0)
        chunk = os.read(read_end, 16) if ready else b""
        if ready and not chunk:
            break
        data += chunk
    os.close(read_end)
    number = data.decode().strip()
    if not number.isdigit():
        stop(server)
        raise RuntimeError("Xvfb did not start")
    return server, f":{number}"


def stop(process: subprocess.Popen | None) -> None:
    """End a process we started (terminate, then kill)."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


class Watcher:
    """The `bench.xscreen` process: one command, one answer."""

    def __init__(self, env: dict) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.xscreen"], cwd=ROOT, env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.read()

    def read(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the screen watcher died")
        return json.loads(line)

    def send(self, **cmd: object) -> None:
        self.process.stdin.write(json.dumps(cmd) + "\n")
        self.process.stdin.flush()

    def ask(self, **cmd: object) -> dict:
        self.send(**cmd)
        return self.read()


class Bench:
    """One X server, one watcher, the map and the raw data."""

    def __init__(self, folder: Path, display: str, still: float) -> None:
        self.folder, self.still = folder, still
        # PYTHONDONTWRITEBYTECODE (set on some machines, this one included)
        # would make every start compile the app's modules again, 0.25 s or
        # more that no installed copy pays (pip compiles them): see `compiled`.
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith("JOURNEYMAP_") and k != "PYTHONDONTWRITEBYTECODE"}
        self.env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        self.watcher = Watcher(self.env)
        self.count = 0
        #: Every open's screen changes (seconds after the start), for a look.
        self.changes: list[list[float]] = []

    def _editor_env(self, script: Path | None = None) -> dict:
        self.count += 1
        home = self.folder / f"home{self.count}"
        env = dict(self.env, HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
                   XDG_DATA_HOME=str(home / "data"),
                   JOURNEYMAP_RECOVERY_DIR=str(home / "recovery"))
        if script is not None:
            env.update(JOURNEYMAP_TEST_SCRIPT=str(script), JM_BENCH_OUT=str(home / "out.json"))
        return env

    def open_time(self, cmd: list[str], env: dict,
                  cwd: Path = ROOT) -> tuple[float, subprocess.Popen]:
        """Start ``cmd`` and time it until its window is drawn and still (process left open)."""
        self.watcher.send(do="watch", still=self.still, timeout=DEADLINE)
        self.watcher.read()  # watching: the empty screen is grabbed
        t0 = time.monotonic()
        self.count += 1
        err = self.folder / f"stderr{self.count}.txt"
        with open(err, "w") as fh:
            process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                       stderr=fh)
        process.err = err
        result = self.watcher.read()
        if result["settled"] is None or process.poll() is not None:
            stop(process)
            raise RuntimeError(f"{cmd[-1]}: the window never settled\n{err.read_text()}")
        self.changes.append(result["changes"])
        return result["settled"] - t0, process

    def close(self, process: subprocess.Popen) -> None:
        stop(process)
        time.sleep(0.3)  # the X server removes the window


def compiled(root: Path) -> None:
    """Byte-compile a checkout's modules (``__pycache__``, as a first run or
    pip would), so that no timed start compiles them."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / "app"),
                    str(root / "bench")], check=True, stdout=subprocess.DEVNULL,
                   env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})


def interactions(bench: Bench, path: Path, cycles: int, root: Path = ROOT) -> dict:
    """Drop, undo and redo on screen, in one editor process (of the checkout ``root``)."""
    script = bench.folder / "script.py"
    script.write_text(textwrap.dedent(SCRIPT))
    env = bench._editor_env(script)
    env["PYTHONPATH"] = str(root)
    out = Path(env["JM_BENCH_OUT"])
    _, editor = bench.open_time([sys.executable, "-m", "app", str(path)], env, cwd=root)
    try:
        deadline = time.monotonic() + DEADLINE
        while not out.exists():
            if time.monotonic() > deadline or editor.poll() is not None:
                raise RuntimeError("the editor never said where its cards are:\n"
                                   + editor.err.read_text())
            time.sleep(0.05)
        where = json.loads(out.read_text())
        subprocess.run(["xdotool", "windowfocus", "--sync", str(where["window"])],
                       env=bench.env, check=True, timeout=20)
        times: dict[str, list] = {"drop": [], "undo": [], "redo": []}
        index_log = out.with_suffix(".log")
        steps = [("drop", {"do": "drop", "from": where["from"], "to": where["to"]}),
                 ("undo", {"do": "key", "keys": UNDO}), ("redo", {"do": "key", "keys": REDO}),
                 ("undo", {"do": "key", "keys": UNDO})]
        for _ in range(cycles):
            for name, cmd in steps:
                for attempt in range(3):
                    before = _lines(index_log)
                    result = bench.watcher.ask(**cmd, still=0.5, timeout=20)
                    time.sleep(0.2)  # the log is written by the editor's event loop
                    if result["settled"] is not None and _lines(index_log) > before:
                        break
                    # A key lost on the way (the X focus, a busy server): again.
                    times["missed"] = times.get("missed", 0) + 1
                    if attempt == 2:
                        raise RuntimeError(f"{name} did not change the map: {result}")
                times[name].append(result["settled"] - result["t0"])
                edit_at = float(index_log.read_text().splitlines()[-1].split()[1])
                times.setdefault("model", []).append(edit_at - result["t0"])
                times.setdefault("changes", []).append([name, result["changes"]])
                time.sleep(GAP)
        return times
    finally:
        bench.close(editor)


def _lines(path: Path) -> int:
    return len(path.read_text().splitlines()) if path.exists() else 0


def run(cards: int, runs: int, still: float, cycles: int, before: Path | None = None) -> dict:
    """Every figure, in a temporary folder and X server of its own."""
    from app.model import fileformat
    from bench.baseline_qt import scene_data
    from bench.generate import build

    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            raise SystemExit(f"real_window: needs {tool} (apt-get install xvfb xdotool)")
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="jm-real-") as tmp:
        folder = Path(tmp)
        path, data = folder / f"bench-{cards}.journey", folder / f"bench-{cards}.json"
        log(f"{cards:,} cards: generating")
        fileformat.save(build(cards), path)
        counts = scene_data(str(path), str(data))
        server, display = start_xvfb()
        bench = None
        try:
            bench = Bench(folder, display, still)
            ours_cmd = [sys.executable, "-m", "app", str(path)]
            raw_cmd = [sys.executable, str(ROOT / "bench" / "raw_window.py"), str(data)]
            roots = {"ours": ROOT, "raw": ROOT}
            if before is not None:
                roots["before"] = before
            for root in set(roots.values()):
                compiled(root)
            opens: dict[str, list[float]] = {who: [] for who in roots}
            for i in range(runs):
                order = list(roots) if i % 2 == 0 else list(reversed(roots))
                for who in order:
                    env = dict(bench._editor_env(), PYTHONPATH=str(roots[who]))
                    cmd = raw_cmd if who == "raw" else ours_cmd
                    seconds, process = bench.open_time(cmd, env, cwd=roots[who])
                    bench.close(process)
                    opens[who].append(seconds)
                    log(f"open {i + 1}/{runs} {who}: {seconds:.2f} s")
            log(f"drop, undo, redo: {cycles} cycles")
            inter = interactions(bench, path, cycles)
            if before is not None:
                log(f"drop, undo, redo before: {cycles} cycles")
                inter["before"] = interactions(bench, path, cycles, before)
        finally:
            if bench is not None:
                bench.watcher.process.stdin.close()
                stop(bench.watcher.process)
            stop(server)
    return {"cards": counts["cards"], "flows": counts["flows"], "runs": runs, "still": still,
            "load_before": load_before, "load_after": os.getloadavg(),
            "open": opens, **inter, "open_changes": bench.changes}


def markdown(result: dict) -> str:
    """The figures as a Markdown table."""
    med = statistics.median
    opens = result["open"]
    raw = med(opens["raw"])
    before = result.get("before")
    lines = [
        f"{result['cards']:,} cards, {result['flows']:,} flows; medians of "
        f"{result['runs']} interleaved runs (open) and {len(result['drop'])} cycles "
        f"(drop, undo, redo, undo); load average "
        f"{' '.join(f'{x:.1f}' for x in result['load_before'])} before, "
        f"{' '.join(f'{x:.1f}' for x in result['load_after'])} after.",
        "",
        "| figure | target | " + ("before: median (min-max) | " if before else "")
        + "now: median (min-max) | raw PySide6 window |",
        "|---|---|" + ("---|" if before else "") + "---|---|",
    ]
    cells = [f"{_spread(opens[who])}, {med(opens[who]) / raw:.2f}× raw"
             for who in (("before", "ours") if before else ("ours",))]
    lines.append(f"| Open in a real window, drawn and still | ≤ 1.5× raw | {' | '.join(cells)} "
                 f"| {_spread(opens['raw'])} |")
    runs = (before, result) if before else (result,)
    for name in ("drop", "undo", "redo"):
        cells = [_spread(first_changes(x, name), ms=True) for x in runs]
        lines.append(f"| {name.capitalize()}: first change on screen | < 50 ms | "
                     f"{' | '.join(cells)} | |")
    for name in ("drop", "undo", "redo"):
        cells = [_spread(x[name], ms=True) for x in runs]
        lines.append(f"| {name.capitalize()}: screen still again | | {' | '.join(cells)} | |")
    return "\n".join(lines) + "\n"


def first_changes(result: dict, name: str) -> list[float]:
    """Seconds from each release or key press of ``name`` to the screen's first change."""
    return [changes[0] for step, changes in result["changes"] if step == name and changes]


def _spread(samples: list[float], ms: bool = False) -> str:
    def fmt(x: float) -> str:
        return f"{x * 1000:.0f} ms" if ms else f"{x:.2f} s"

    return f"{fmt(statistics.median(samples))} ({fmt(min(samples))}-{fmt(max(samples))})"


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table (or JSON)."""
    ap = argparse.ArgumentParser(description="The editor in a real X window, beside raw Qt.")
    ap.add_argument("--cards", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5, help="opens of each program (default 5)")
    ap.add_argument("--cycles", type=int, default=5,
                    help="drop, undo, redo, undo cycles (default 5)")
    ap.add_argument("--still", type=float, default=1.0,
                    help="seconds the screen must stay unchanged to count as settled")
    ap.add_argument("--before", metavar="DIR",
                    help="also measure the editor of another checkout (interleaved), "
                    "e.g. one made with 'git archive main | tar -x -C DIR'")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    result = run(args.cards, args.runs, args.still, args.cycles,
                 Path(args.before).resolve() if args.before else None)
    sys.stdout.write(json.dumps(result, indent=2) + "\n" if args.json else markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
