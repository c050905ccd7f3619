"""CSV import: DESIGN.md's contract, and one clear line for every bad row."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.model.csv_import import DEPARTMENT_COLORS, import_csv
from app.model.errors import JourneyError
from app.model.fileformat import load, save

DATA = Path(__file__).resolve().parents[1] / "data" / "csv"
UNSEEN = DATA / "unseen.csv"
HEADER = "stage,lane,title"


def write(tmp_path: Path, text: str, name: str = "x.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(JourneyError) as info:
        import_csv(path)
    return str(info.value).removeprefix(f"{path}: ")


# ---------------------------------------------------------- the unseen file
def test_unseen_csv_keeps_every_card_with_its_details():
    journey = import_csv(UNSEEN)
    owners = {d.id: d.name for d in journey.departments}
    got = {c.id: (c.title, owners.get(c.owner), c.channel, c.emotion) for c in journey.cards}
    assert got == {
        "t1": ('Sees ad: "Fresh bread, daily"', "Marketing", "Social media", 1),
        "t2": ("Visits the “Bäckerei Jürgen” site", "E-commerce", "Website", 0),
        "a1": ("Compares prices, delivery fees", None, "", -1),
        "t2b": ("Reads reviews from Łódź", "Marketing", "Website", -1),
        "t3": ("Orders a cake", "E-commerce", "App", 2),
        "p1": ("Delivery is late", "Logistics (ParcelGo)", "Phone", -2),
        "t4": ("Calls support", "Customer care", "Phone", -1),
        "p2": ("Ζήτα and Кириллица", "Customer care", "", None),
    }


def test_unseen_csv_keeps_every_flow_including_cycles():
    flows = [(f.source, f.target) for f in import_csv(UNSEEN).flows]
    assert flows == [
        ("t1", "t2"),
        ("t2", "t3"),
        ("t2", "t2b"),
        ("a1", "t3"),
        ("t2b", "t2"),
        ("t3", "t4"),
        ("p1", "t2"),
        ("t4", "p1"),
        ("t4", "t3"),
    ]


def test_stages_and_lanes_follow_first_appearance():
    journey = import_csv(UNSEEN)
    assert [s.name for s in journey.stages] == ["Awareness", "Consideration", "Purchase", "Support"]
    assert [(x.name, x.kind) for x in journey.lanes] == [
        ("Touchpoints", "touchpoints"),
        ("What the customer does", "actions"),
        ("Pain points", "pain"),
    ]


def test_card_kind_defaults_from_its_lane_and_can_be_given():
    journey = import_csv(UNSEEN)
    assert [journey.card(i).kind for i in ("a1", "p1", "p2")] == ["action", "pain", "note"]


def test_quoted_notes_keep_commas_quotes_and_line_breaks():
    journey = import_csv(UNSEEN)
    assert journey.card("t1").notes == 'Campaign "Morning", week 12'
    assert journey.card("t2b").notes == "Multi-line\nnote, with a comma"


def test_departments_get_palette_colours_in_order_of_appearance():
    journey = import_csv(UNSEEN)
    assert [(d.name, d.color) for d in journey.departments] == list(
        zip(
            ["Marketing", "E-commerce", "Logistics (ParcelGo)", "Customer care"],
            DEPARTMENT_COLORS,
            strict=False,
        )
    )


def test_unseen_csv_resaves_to_identical_bytes(tmp_path):
    path = tmp_path / "unseen.journey"
    save(import_csv(UNSEEN), path)
    first = path.read_bytes()
    save(load(path), path)
    assert path.read_bytes() == first


def test_next_names_titles_when_there_is_no_id_column():
    journey = import_csv(DATA / "titles.csv")
    titles = {c.id: c.title for c in journey.cards}
    assert [(titles[f.source], titles[f.target]) for f in journey.flows] == [
        ("Finds us", "Asks a friend"),
        ("Finds us", "Buys"),
        ("Asks a friend", "Finds us"),
    ]


def test_blank_lines_are_skipped_and_the_map_is_named_after_the_file(tmp_path):
    journey = import_csv(write(tmp_path, f"{HEADER}\n\nA,L,One\n,,\nB,L,Two\n", "trip.csv"))
    assert journey.title == "trip"
    assert [c.title for c in journey.cards] == ["One", "Two"]


# ------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("stage,title\nA,One\n", 'line 1: missing required column "lane"'),
        (f"{HEADER}\nA,L,One\nB,,Two\n", 'line 3, column "lane": a value is required here'),
        (
            f"{HEADER},emotion\nA,L,One,3\n",
            'line 2, column "emotion": expected an integer from -2 to 2, got "3"',
        ),
        (
            f"{HEADER},emotion\nA,L,One,happy\n",
            'line 2, column "emotion": expected an integer from -2 to 2, got "happy"',
        ),
        (
            f"{HEADER},id,next\nA,L,One,c1,c2\nA,L,Two,c3,\n",
            'line 2, column "next": no card with id "c2"',
        ),
        (
            f"{HEADER},next\nA,L,One,Tow\nA,L,Two,\n",
            'line 2, column "next": no card with title "Tow"',
        ),
        (
            f"{HEADER},next\nA,L,One,Two\nA,L,Two,\nB,L,Two,\n",
            'line 2, column "next": the title "Two" is ambiguous (lines 3 and 4); add an id column',
        ),
        (
            f"{HEADER},id\nA,L,One,c1\nA,L,Two,c1\n",
            'line 3, column "id": duplicate id "c1" (first on line 2)',
        ),
        (
            f"{HEADER},kind\nA,L,One,idea\n",
            'line 2, column "kind": expected one of touchpoint, action, thought, pain, '
            'opportunity, partner, note, got "idea"',
        ),
        (
            f"{HEADER},evidence\nA,L,One,hunch\n",
            'line 2, column "evidence": expected one of assumption, anecdote, data, got "hunch"',
        ),
        (
            f"{HEADER},lane_kind\nA,L,One,swim\n",
            'line 2, column "lane_kind": expected one of actions, touchpoints, thoughts, emotion, '
            'pain, opportunity, backstage, partner, notes, got "swim"',
        ),
        (
            f"{HEADER},lane_kind\nA,L,One,pain\nB,L,Two,actions\n",
            'line 3, column "lane_kind": lane "L" already has kind "pain" (line 2), got "actions"',
        ),
        (
            f"{HEADER}\nA,L,One, two\n",
            "line 2: 4 values but the header has 3 columns "
            "(a value with a comma needs double quotes)",
        ),
        (
            f"{HEADER},title\nA,L,One,Two\n",
            'line 1, column "title": the column appears twice in the header',
        ),
        ("", "empty file; expected a header row with the columns stage, lane, title"),
    ],
)
def test_bad_csv_names_line_and_column(tmp_path, text, message):
    assert error_of(write(tmp_path, text)) == message


def test_line_numbers_count_lines_inside_quoted_values(tmp_path):
    path = write(tmp_path, f'{HEADER},notes\nA,L,One,"two\nlines"\nA,L,,\n')
    assert error_of(path) == 'line 4, column "title": a value is required here'


def test_csv_that_is_not_utf8_is_an_error(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(f"{HEADER}\nŁódź,L,Jürgen\n".encode("cp1250"))
    assert error_of(path) == "line 2: not UTF-8 text (byte 0xa3); save the file as UTF-8"


def test_missing_csv_is_an_error(tmp_path):
    assert error_of(tmp_path / "x.csv") == "no such file"
