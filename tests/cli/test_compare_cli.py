"""``journeymap diff`` and ``journeymap merge``: output, exit status, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.model import edits
from app.model.fileformat import load, save
from app.model.journey import Card
from tests.model.helpers import small_journey


def _maps(tmp_path: Path, *changes) -> tuple[Path, Path]:
    old, new = tmp_path / "old.journey", tmp_path / "new.journey"
    save(small_journey(), old)
    journey = small_journey()
    for change in changes:
        change.apply(journey)
    save(journey, new)
    return old, new


def test_identical_maps_exit_0_and_print_nothing(run, tmp_path):
    old, new = _maps(tmp_path)
    assert run("diff", old, new) == (0, "", "")
    status, out, _ = run("diff", old, new, "--json")
    assert status == 0 and json.loads(out)["cards"]["added"] == []


def test_different_maps_exit_1_with_text_lines(run, tmp_path):
    old, new = _maps(tmp_path, edits.update_card("c1", title="Googles"),
                     edits.AddCard(Card("c9", "s2", "l1", 0, "Pays", "action")))
    status, out, err = run("diff", old, new, "--text")
    assert (status, err) == (1, "")
    assert out.splitlines() == [
        'card added: c9 "Pays" (Buy / Customer)',
        'card changed: c1 "Googles": title: "Searches" -> "Googles"',
    ]
    assert run("diff", old, new)[1] == out


def test_json_has_the_contract_keys(run, tmp_path):
    old, new = _maps(tmp_path, edits.UpdateFlow("f3", (("kind", "failure"),)))
    status, out, _ = run("diff", old, new, "--json")
    result = json.loads(out)
    assert status == 1
    assert {"stages", "lanes", "cards", "flows", "insights", "emotion"} <= set(result)
    assert result["flows"]["changed"] == [
        {"flow": ["c3", "c4"], "fields": {"kind": ["normal", "failure"]}}]


@pytest.mark.parametrize("which", ["old", "new"])
def test_a_malformed_map_is_one_line_exit_2(run, tmp_path, which):
    old, new = _maps(tmp_path)
    bad = old if which == "old" else new
    data = json.loads(bad.read_text())
    data["cards"][1]["owner"] = "nobody"
    bad.write_text(json.dumps(data))
    status, out, err = run("diff", old, new, "-o", "change.pdf")
    assert (status, out) == (2, "")
    assert err == f'journeymap: error: {bad}: cards[1].owner: no department with id "nobody"\n'
    assert not (tmp_path / "change.pdf").exists()


def test_diff_refuses_a_bad_output_format(run, tmp_path):
    old, new = _maps(tmp_path)
    status, _, err = run("diff", old, new, "-o", "x.csv")
    assert status == 2
    assert err == ('journeymap: error: x.csv: unknown change map format ".csv"; '
                   "expected .pdf, .png or .svg\n")


def test_git_external_diff_form(run, tmp_path):
    old, new = _maps(tmp_path, edits.update_card("c1", title="Googles"))
    status, out, _ = run("diff", "map.journey", old, "1" * 40, "100644", new, "2" * 40,
                         "100644")
    assert status == 0  # git stops at any other status
    assert out.splitlines() == ["journeymap diff a/map.journey b/map.journey",
                                'card changed: c1 "Googles": title: "Searches" -> "Googles"']


def test_git_external_diff_of_a_new_file(run, tmp_path):
    _, new = _maps(tmp_path)
    status, out, _ = run("diff", "m.journey", "/dev/null", ".", ".", new, "2" * 40, "100644")
    assert status == 0
    assert 'card added: c1 "Searches" (Discover / Customer)' in out.splitlines()


# ------------------------------------------------------------------- merge
def _three(tmp_path: Path, ours_change, theirs_change) -> tuple[Path, Path, Path]:
    paths = [tmp_path / f"{name}.journey" for name in ("base", "ours", "theirs")]
    for path, change in zip(paths, (None, ours_change, theirs_change), strict=True):
        journey = small_journey()
        if change is not None:
            change.apply(journey)
        save(journey, path)
    return tuple(paths)


def test_clean_merge_writes_ours_and_exits_0(run, tmp_path):
    base, ours, theirs = _three(tmp_path, edits.update_card("c1", title="Googles"),
                                edits.update_card("c3", emotion=-2))
    assert run("merge", base, ours, theirs) == (0, "", "")
    merged = load(ours)
    assert (merged.card("c1").title, merged.card("c3").emotion) == ("Googles", -2)


def test_conflicting_merge_exits_1_one_line_each_and_marks(run, tmp_path):
    base, ours, theirs = _three(tmp_path, edits.update_card("c1", title="Ours"),
                                edits.update_card("c1", title="Theirs"))
    status, out, err = run("merge", base, ours, theirs, "-o", "out.journey")
    assert (status, out) == (1, "")
    line = ('card c1 "Ours": title: ours "Ours", theirs "Theirs" (base "Searches"); '
            "kept ours")
    assert err == f"journeymap: conflict: {line}\n"
    assert load(tmp_path / "out.journey").card("c1").extra["conflict"] == [line]
    assert load(ours).card("c1").extra == {}  # -o: OURS itself is left alone


def test_malformed_theirs_leaves_ours_untouched(run, tmp_path):
    base, ours, theirs = _three(tmp_path, edits.update_card("c1", title="Ours"), None)
    theirs.write_text('{"format": "journeymap", "version": 1, "cards": 3}')
    before = ours.read_bytes()
    status, out, err = run("merge", base, ours, theirs)
    assert (status, out) == (2, "")
    assert err == f"journeymap: error: {theirs}: cards: expected a list, got 3\n"
    assert ours.read_bytes() == before
