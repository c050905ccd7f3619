"""Offline by proof: the editor and every command run with the network denied.

The guard (`tests.desktop.netguard`) ends a process at its first network
attempt, checks that Qt's network module was never loaded, records the
system calls with strace and runs everything in an empty network namespace
where the machine allows (``unshare -n``).  The editor session opens a map,
goes through the Open dialog, edits, exports every format, saves, is killed
and comes back through recovery.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from app.cli import build_parser
from app.export.formats import suffixes
from tests.desktop import netguard

FORMATS = suffixes()
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample.journey"

pytestmark = pytest.mark.slow

#: Each command with the arguments it runs with (in the order given) and its
#: expected exit status.  A command missing here still runs, as ``CMD --help``.
CLI_RUNS = [
    (["--version"], 0),
    (["--help"], 0),
    (["templates"], 0),
    (["new", "-o", "new.journey", "--template", "customer-support"], 0),
    (["check", "map.journey"], 0),
    (["check", "map.journey", "--json"], 0),
    *[(["export", "map.journey", "-o", f"out{suffix}", "--dpi", "30"], 0)
      for suffix in FORMATS],
    (["export", "map.journey", "-o", "poster.pdf", "--poster", "--page", "A3",
      "--insights"], 0),
    (["import", "out.csv", "-o", "imported.journey"], 0),
    (["check", "broken.journey"], 2),
    (["desktop", "install"], 0),
    (["desktop", "uninstall"], 0),
]


def _commands() -> set[str]:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    return set(sub.choices)


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def _assert_offline(result, log: Path, status: int | tuple[int, ...], what: str) -> None:
    assert result.returncode not in (netguard.ATTEMPT, netguard.QT_NETWORK), (
        f"{what}: {result.stderr}"
    )
    accepted = status if isinstance(status, tuple) else (status,)
    assert result.returncode in accepted, f"{what}: exit {result.returncode}\n{result.stderr}"
    found = netguard.attempts(log)
    assert not found, f"{what} used the network:\n" + "\n".join(found[:10])


def test_every_cli_command_runs_with_the_network_denied(tmp_path):
    shutil.copyfile(SAMPLE, tmp_path / "map.journey")
    (tmp_path / "broken.journey").write_text('{"format": "journeymap", "version": 1, ')
    runs = list(CLI_RUNS)
    covered = {args[0] for args, _ in runs if not args[0].startswith("-")}
    runs += [([command, "--help"], 0) for command in sorted(_commands() - covered)]
    env = netguard.clean_env(tmp_path / "home")
    for n, (args, status) in enumerate(runs):
        log = tmp_path / f"strace-{n}.log"
        cmd, layers = netguard.guarded(args, log)
        _assert_offline(_run(cmd, tmp_path, env), log, status, f"journeymap {' '.join(args)}")
    assert (tmp_path / "out.csv").exists() and (tmp_path / "imported.journey").exists()
    print("guard layers:", ", ".join(layers))


SESSION = """
import __main__, os, signal
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from app.export.exporter import ExportOptions, export_map
from app.export.formats import suffixes
from app.model.edits import update_card

def close_dialogs():
    dialog = QApplication.activeModalWidget()
    if dialog is None:
        QTimer.singleShot(100, close_dialogs)
    else:
        dialog.reject()

# File > Open: Qt's own file dialog lists the folder, then is cancelled.
QTimer.singleShot(200, close_dialogs)
window.files.open_dialog()
journey = window.document.journey
card = journey.cards[0].id
push_edit(update_card(card, title="Edited offline"))
for suffix in suffixes():
    export_map(journey, "editor-out" + suffix, ExportOptions(dpi=30))
window.commands.zoom_fit.trigger()
app.processEvents()
assert window.files.save()
push_edit(update_card(card, title="Edited offline, then lost power"))
window.safety.recorder.flush()
__main__.netguard_check()
os.kill(os.getpid(), signal.SIGKILL)  # a crash: the recovery folder keeps the edit
"""

RECOVERED = """
import json
with open("recovered.json", "w") as out:
    json.dump({"title": window.document.journey.cards[0].title,
               "modified": window.document.is_modified()}, out)
app.exit(0)
"""


def test_editor_session_and_recovery_with_the_network_denied(tmp_path):
    shutil.copyfile(SAMPLE, tmp_path / "map.journey")
    display = shutil.which("xvfb-run") is not None
    env = netguard.clean_env(tmp_path / "home", JOURNEYMAP_RECOVERY_DIR=str(tmp_path / "rec"))
    if display:
        env["QT_QPA_PLATFORM"] = "xcb"
    # The first session is killed: SIGKILL (-9), or 137 through xvfb-run's shell.
    for n, (script, extra, status) in enumerate((
        (SESSION, {}, (-9, 137)),
        (RECOVERED, {"JOURNEYMAP_RECOVERY_CHOICE": "recover"}, (0,)),
    )):
        (tmp_path / f"script{n}.py").write_text(script)
        run_env = dict(env, JOURNEYMAP_TEST_SCRIPT=str(tmp_path / f"script{n}.py"), **extra)
        log = tmp_path / f"strace-{n}.log"
        cmd, _layers = netguard.guarded(["map.journey"] if n == 0 else [], log, display)
        _assert_offline(_run(cmd, tmp_path, run_env), log, status, f"editor session {n}")
    for suffix in FORMATS:
        assert (tmp_path / f"editor-out{suffix}").stat().st_size > 0
    got = json.loads((tmp_path / "recovered.json").read_text())
    assert got == {"title": "Edited offline, then lost power", "modified": True}


def test_the_guard_catches_an_attempt(tmp_path):
    """The guard is not blind: a script that looks up a host name is stopped."""
    (tmp_path / "probe.py").write_text("import socket\nsocket.getaddrinfo('example.org', 80)\n")
    log = tmp_path / "strace.log"
    cmd, _ = netguard.guarded(["check", "x.journey"], log)
    # The same guard, running a Python file instead of a journeymap command.
    cmd = [c if c != netguard.GUARD else netguard.GUARD.replace(
        "from app.cli import main\nraise SystemExit(main())", "exec(open('probe.py').read())"
    ) for c in cmd]
    result = _run(cmd, tmp_path, netguard.clean_env(tmp_path / "home"))
    assert result.returncode == netguard.ATTEMPT
    assert "netguard: network attempt: socket.getaddrinfo ('example.org', 80" in result.stderr


def test_strace_sees_a_socket_python_does_not_announce(tmp_path):
    """strace catches a network socket made below Python (here: a raw socket() call)."""
    if shutil.which("strace") is None:
        pytest.skip("strace is not installed (see .ci/run's apt line)")
    log = tmp_path / "strace.log"
    code = "import ctypes; ctypes.CDLL(None).socket(2, 2, 0)"  # AF_INET, SOCK_DGRAM
    subprocess.run(["strace", "-f", "-qq", "-e", "trace=socket", "-o", str(log),
                    "python3", "-c", code], check=True)
    assert netguard.attempts(log)
