"""The contracts in docs/ say what the code does: nothing more, nothing less.

A part of a document marked **Planned** must not exist in the code yet; every
other command, option, insight key, kind and card key must exist, and every
one the code has must be documented.  Whoever builds a planned feature
removes its mark (the test then checks it is really there).
"""

from __future__ import annotations

import re
from pathlib import Path

from app import cli
from app.model.analysis import insights
from app.model.fields import TABLE
from app.model.fileformat import load, to_dict
from app.model.journey import CARD_KINDS, LANE_KINDS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SAMPLE = ROOT / "resources" / "sample.journey"
PLANNED = "**Planned**"


def section(doc: str, heading: str) -> str:
    """The text of ``doc`` from the line ``heading`` to the next heading of its level."""
    text = (DOCS / doc).read_text(encoding="utf-8")
    level = heading.split(" ")[0]
    start = text.index(heading + "\n") + len(heading)
    end = re.search(rf"^{level} ", text[start:], re.MULTILINE)
    return text[start:] if end is None else text[start:start + end.start()]


def table_rows(text: str) -> list[tuple[str, str]]:
    """(first cell, rest of the row) of every row of the tables in ``text``."""
    rows = []
    for line in text.splitlines():
        if line.startswith("|") and not re.match(r"\|\s*-", line):
            first, rest = line[1:].split(" | ", 1) if " | " in line else (line, "")
            rows.append((first.strip(), rest))
    return rows[1:] if rows else rows


def code_words(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def test_the_documented_commands_are_the_commands():
    documented, planned = set(), set()
    for first, rest in table_rows(section("command-line.md", "## Commands")):
        words = code_words(first)[0].split()
        if len(words) > 1 and not words[1].startswith(("-", "[")):
            (planned if PLANNED in rest else documented).add(words[1])
    assert documented == set(cli.COMMANDS)
    assert not planned & set(cli.COMMANDS)


def test_the_documented_export_options_are_the_options(capsys):
    assert cli.main(["export", "--help"]) == 0
    options = set(re.findall(r"--[a-z][a-z-]*", capsys.readouterr().out)) - {"--help", "--output"}
    documented, planned = set(), set()
    for first, rest in table_rows(section("command-line.md", "## Export options")):
        for word in code_words(first):
            (planned if PLANNED in rest else documented).add(word.split()[0])
    assert documented == options
    assert not planned & options


def test_the_documented_insights_are_the_keys_check_prints():
    keys = set(insights(load(SAMPLE)))
    documented = {code_words(first)[0] for first, _ in
                  table_rows(section("insights.md", "## The JSON object"))}
    assert documented | {"counts"} == keys
    assert PLANNED not in (DOCS / "insights.md").read_text(encoding="utf-8")


def test_the_documented_kinds_and_card_keys_are_the_models():
    body = section("file-format.md", "## The file")
    lanes = re.search(r"Lane kinds: (.*?)\. Card kinds", body, re.DOTALL).group(1)
    cards = re.search(r"Card kinds: (.*?)\. A lane", body, re.DOTALL).group(1)
    assert tuple(code_words(lanes)) == LANE_KINDS
    assert tuple(code_words(cards)) == CARD_KINDS
    row = next(rest for first, rest in table_rows(body) if first == "`cards`")
    listed = re.search(r"\{([^}]*)\}", row).group(1).split(", ")
    assert listed == list(to_dict(load(SAMPLE))["cards"][0])
    blueprint = section("file-format.md", "## Service blueprint fields")
    assert PLANNED not in blueprint
    for key in ("fail_point", "wait"):
        assert f"card `{key}`" in blueprint and key in {f.name for f in TABLE.card}


def test_the_readme_links_the_docs_and_nothing_outside_the_checkout():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "../" not in readme
    for doc in ("file-format", "command-line", "csv", "insights", "blueprints",
                "compare-and-merge"):
        assert f"](docs/{doc}.md)" in readme
        assert (DOCS / f"{doc}.md").exists()
    for link in re.findall(r"\]\(([^)#]+)", readme):
        if "://" not in link:
            assert (ROOT / link).exists(), link
