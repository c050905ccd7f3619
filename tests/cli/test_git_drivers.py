"""A real git repository, configured exactly as the README says, using our drivers."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.model import edits
from app.model.fileformat import load, save
from tests.model.helpers import small_journey

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def readme_setup() -> tuple[str, list[list[str]]]:
    """The .gitattributes line and the git config commands of the README."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    attributes = re.search(r"^\*\.journey diff=journeymap merge=journeymap$", text, re.M)
    commands = re.findall(r'^git config (\S+) "([^"]+)"$', text, re.M)
    assert attributes and len(commands) == 3
    return attributes.group(0), [["git", "config", key, value] for key, value in commands]


@pytest.fixture
def repo(tmp_path):
    """A git repository with our drivers configured and a map committed on main."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    # The ``journeymap`` command of this checkout, whatever is installed.
    script = bin_dir / "journeymap"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m app "$@"\n')
    script.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": str(ROOT), "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path),
           "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
    work = tmp_path / "repo"
    work.mkdir()

    def git(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=work, env=env, capture_output=True,
                              text=True, check=check)

    git("init", "-q", "-b", "main")
    attributes, commands = readme_setup()
    (work / ".gitattributes").write_text(attributes + "\n")
    for command in commands:
        git(*command[1:])
    save(small_journey(), work / "map.journey")
    git("add", ".")
    git("commit", "-qm", "base")
    return work, git


def _commit_change(work: Path, git, branch: str, change) -> None:
    git("checkout", "-q", branch)
    journey = load(work / "map.journey")
    change.apply(journey)
    save(journey, work / "map.journey")
    git("commit", "-qam", f"change on {branch}")


def test_git_diff_prints_the_change_lines(repo):
    work, git = repo
    journey = load(work / "map.journey")
    edits.update_card("c1", title="Googles").apply(journey)
    save(journey, work / "map.journey")
    out = git("diff").stdout
    assert out.splitlines() == ["journeymap diff a/map.journey b/map.journey",
                                'card changed: c1 "Googles": title: "Searches" -> "Googles"']


def test_git_merge_through_the_driver_clean(repo):
    work, git = repo
    git("branch", "theirs")
    _commit_change(work, git, "theirs", edits.move_card("c1", "s2", "l2", 0))
    _commit_change(work, git, "main", edits.update_card("c1", notes="asked a friend"))
    result = git("merge", "-q", "--no-edit", "theirs", check=False)
    assert result.returncode == 0, result.stderr
    card = load(work / "map.journey").card("c1")
    assert (card.notes, card.stage, card.lane) == ("asked a friend", "s2", "l2")


def test_git_merge_through_the_driver_with_a_conflict(repo):
    work, git = repo
    git("branch", "theirs")
    _commit_change(work, git, "theirs", edits.update_card("c1", title="Theirs"))
    _commit_change(work, git, "main", edits.update_card("c1", title="Ours"))
    result = git("merge", "--no-edit", "theirs", check=False)
    assert result.returncode == 1
    assert ('journeymap: conflict: card c1 "Ours": title: ours "Ours", theirs "Theirs" '
            '(base "Searches"); kept ours') in result.stderr + result.stdout
    merged = load(work / "map.journey")  # still a valid map, no <<<<<<< in it
    assert merged.card("c1").title == "Ours"
    assert "conflict" in merged.card("c1").extra
    assert "map.journey" in git("diff", "--name-only", "--diff-filter=U").stdout
