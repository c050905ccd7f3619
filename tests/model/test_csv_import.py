"""CSV import: the contract of docs/csv.md, and one clear line for every bad row."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from app.model.csv_import import DEPARTMENT_COLORS, PERSONA_COLORS, import_csv
from app.model.errors import JourneyError
from app.model.fileformat import dumps, load, save, to_dict

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
            'opportunity, partner, note, evidence, got "idea"',
        ),
        (
            f"{HEADER},evidence\nA,L,One,hunch\n",
            'line 2, column "evidence": expected one of assumption, anecdote, data, got "hunch"',
        ),
        (
            f"{HEADER},lane_kind\nA,L,One,swim\n",
            'line 2, column "lane_kind": expected one of actions, touchpoints, thoughts, emotion, '
            'pain, opportunity, backstage, partner, notes, evidence, frontstage, support, '
            'got "swim"',
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


# ------------------------------------- old-style CSVs import exactly as before
@pytest.mark.parametrize("name", ["unseen", "titles", "mixed-ids", "sample-v1"])
def test_old_style_csv_gives_the_same_file_as_before_the_extensions(name):
    # The .journey files were written by the importer before docs/csv.md's columns.
    expected = (DATA / f"{name}.journey").read_bytes()
    assert dumps(import_csv(DATA / f"{name}.csv")).encode("utf-8") == expected


# ------------------------------------------------ CSV extensions (docs/csv.md)
EXAMPLE = DATA / "extensions.csv"  # the example of docs/csv.md
ROW_HEADER = "row,id,stage,lane,title"


def test_declared_stages_keep_their_ids_order_and_descriptions_even_when_empty():
    journey = import_csv(EXAMPLE)
    assert [(s.id, s.name, s.description) for s in journey.stages] == [
        ("find", "Find", "Where they meet us"),
        ("buy", "Buy", ""),
        ("keep", "Keep", "Nothing mapped yet"),
    ]


def test_declared_lanes_keep_their_order_and_kinds_even_when_empty():
    journey = import_csv(EXAMPLE)
    assert [(x.id, x.name, x.kind) for x in journey.lanes] == [
        ("l1", "Customer", "actions"),
        ("l2", "Touchpoints", "touchpoints"),
        ("l3", "Ideas", "opportunity"),
    ]


def test_the_map_row_gives_title_and_description():
    journey = import_csv(EXAMPLE)
    assert journey.title == "Coffee for offices"
    assert journey.description == "From first cup to renewal"


def test_declared_departments_keep_their_colour_and_new_ones_get_the_palette():
    journey = import_csv(EXAMPLE)
    assert [(d.name, d.color) for d in journey.departments] == [
        ("Marketing", "#4E79A7"),
        ("E-commerce", DEPARTMENT_COLORS[1]),
    ]


def test_personas_are_declared_and_cards_scoped_to_them():
    journey = import_csv(EXAMPLE)
    persona = journey.personas[0]
    assert (persona.name, persona.description, persona.goals, persona.color) == (
        "Office manager", "Orders for 20 people", "One invoice a month", "#2F6690",
    )
    assert [c.personas for c in journey.cards] == [[persona.id], [], []]


def test_metrics_keep_integers_and_decimals():
    journey = import_csv(EXAMPLE)
    assert journey.card("c1").metrics == {"scans": 120}
    assert isinstance(journey.card("c1").metrics["scans"], int)
    assert journey.card("c2").metrics == {"conversion %": 3.5}


def test_flows_get_kinds_and_labels_aligned_with_next():
    flows = [(f.source, f.target, f.kind, f.label) for f in import_csv(EXAMPLE).flows]
    assert flows == [
        ("c1", "c2", "normal", ""),
        ("c2", "c3", "normal", ""),
        ("c2", "c1", "alternative", "looks again"),
    ]


def test_personas_named_on_cards_are_created_in_order_of_appearance(tmp_path):
    path = write(tmp_path, f"{HEADER},personas\nA,L,One,Zofia;Jürgen\nA,L,Two,Ann;Zofia\n")
    journey = import_csv(path)
    assert [(p.id, p.name, p.color) for p in journey.personas] == [
        ("p1", "Zofia", PERSONA_COLORS[0]),
        ("p2", "Jürgen", PERSONA_COLORS[1]),
        ("p3", "Ann", PERSONA_COLORS[2]),
    ]
    assert [c.personas for c in journey.cards] == [["p1", "p2"], ["p3", "p1"]]


def test_backslash_escapes_semicolons_and_equals_signs_in_list_cells(tmp_path):
    path = write(
        tmp_path,
        f"{HEADER},personas,metrics\n"
        r"A,L,One,B\;C;D\\,a\=b=1;c\;d=-2.5e3;C:\maps=0" "\n",
    )
    journey = import_csv(path)
    assert [p.name for p in journey.personas] == ["B;C", "D\\"]
    assert journey.cards[0].metrics == {"a=b": 1, "c;d": -2500.0, "C:\\maps": 0}


def test_two_stages_with_one_name_are_told_apart_by_id(tmp_path):
    path = write(
        tmp_path,
        f"{ROW_HEADER}\nstage,s7,New stage,,\nstage,s8,New stage,,\n,,s8,L,One\n,,s7,L,Two\n",
    )
    journey = import_csv(path)
    assert [(s.id, s.name) for s in journey.stages] == [("s7", "New stage"), ("s8", "New stage")]
    assert [(c.title, c.stage) for c in journey.cards] == [("Two", "s7"), ("One", "s8")]


def test_a_name_wins_over_an_id_that_looks_the_same(tmp_path):
    path = write(tmp_path, f"{ROW_HEADER}\nstage,s1,Buy,,\nstage,s2,s1,,\n,,s1,L,One\n")
    assert import_csv(path).cards[0].stage == "s2"


def test_undeclared_stages_follow_declared_ones_by_first_appearance(tmp_path):
    path = write(tmp_path, f"{ROW_HEADER}\n,,Buy,L,One\nstage,s1,Look,,\n,,Use,L,Two\n")
    assert [(s.id, s.name) for s in import_csv(path).stages] == [
        ("s2", "Buy"), ("s1", "Look"), ("s3", "Use"),
    ]  # made ids count up and skip the given "s1"


def test_flow_ids_are_kept_and_missing_ones_made_around_them(tmp_path):
    path = write(
        tmp_path, f"{HEADER},id,next,next_ids\nA,L,One,a,b;a,f2;\nA,L,Two,b,a,\n"
    )
    assert [(f.id, f.source, f.target) for f in import_csv(path).flows] == [
        ("f1", "a", "a"), ("f2", "a", "b"), ("f3", "b", "a"),
    ]


def test_the_row_column_may_say_card(tmp_path):
    path = write(tmp_path, f"{ROW_HEADER}\nCard,,A,L,One\n")
    assert [c.title for c in import_csv(path).cards] == ["One"]


def test_card_rows_ignore_description_goals_and_colour(tmp_path):
    # A spreadsheet's own "Description" column keeps working as before.
    path = write(tmp_path, f"{HEADER},description,color\nA,L,One,long text,red\n")
    assert to_dict(import_csv(path)) == to_dict(import_csv(write(tmp_path, f"{HEADER}\nA,L,One\n")))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (f"{ROW_HEADER}\n,,A,L,\n", 'line 2, column "title": a value is required here'),
        (
            f"{ROW_HEADER}\nflow,,A,L,\n",
            'line 2, column "row": expected one of card, map, stage, lane, department, persona, '
            'got "flow"',
        ),
        (
            f"{ROW_HEADER}\nstage,s1,A,L,\n",
            'line 2, column "lane": a stage row takes only id, stage and description',
        ),
        (
            f"{ROW_HEADER}\nmap,,,,Trip\nmap,,,,Trip 2\n",
            'line 3, column "row": the map is already described on line 2',
        ),
        (
            f"{ROW_HEADER},personas\npersona,,,,,Ann;Bob\n",
            'line 2, column "personas": a persona row declares one persona, got 2 names',
        ),
        (
            f"{ROW_HEADER},owner,color\ndepartment,,,,,Sales,red\n",
            'line 2, column "color": expected a colour like "#1f77b4", got "red"',
        ),
        (
            f"{ROW_HEADER},lane_kind\nlane,,,L,,swim\n",
            'line 2, column "lane_kind": expected one of actions, touchpoints, thoughts, '
            'emotion, pain, opportunity, backstage, partner, notes, evidence, frontstage, '
            'support, got "swim"',
        ),
        (
            f"{ROW_HEADER}\nstage,s1,A,,\nstage,s1,B,,\n",
            'line 3, column "id": duplicate stage id "s1" (first on line 2)',
        ),
        (
            f"{ROW_HEADER}\nstage,s1,New,,\nstage,s2,New,,\n,,New,L,One\n",
            'line 4, column "stage": the stage name "New" is ambiguous (lines 2 and 3); '
            "write the stage's id instead",
        ),
        (
            f"{ROW_HEADER},lane_kind\n,,A,L,One,actions\nlane,,,L,,pain\n",
            'line 2, column "lane_kind": lane "L" already has kind "pain" (line 3), '
            'got "actions"',
        ),
        (
            f"{HEADER},id,next,next_labels\nA,L,One,a,b;a,x;y;z\nA,L,Two,b,,\n",
            'line 2, column "next_labels": expected 2 entries separated by ";", one per card '
            'in "next", got 3',
        ),
        (
            f"{HEADER},id,next,next_kinds\nA,L,One,a,,failure\n",
            'line 2, column "next_kinds": expected 0 entries separated by ";", one per card '
            'in "next", got 1',
        ),
        (
            f"{HEADER},id,next,next_kinds\nA,L,One,a,a,fail\n",
            'line 2, column "next_kinds": expected one of normal, alternative, failure, '
            'got "fail"',
        ),
        (
            f"{HEADER},id,next,next_ids\nA,L,One,a,b,f1\nA,L,Two,b,a,f1\n",
            'line 3, column "next_ids": duplicate flow id "f1" (first on line 2)',
        ),
        (
            f"{HEADER},metrics\nA,L,One,CSAT\n",
            'line 2, column "metrics": expected name=number, got "CSAT"',
        ),
        (
            f"{HEADER},metrics\nA,L,One,CSAT=good\n",
            'line 2, column "metrics": expected a number for "CSAT", got "good"',
        ),
        (
            f"{HEADER},metrics\nA,L,One,CSAT=1e999\n",
            'line 2, column "metrics": expected a number for "CSAT", got "1e999"',
        ),
        (
            f"{HEADER},metrics\nA,L,One,CSAT=4;CSAT=5\n",
            'line 2, column "metrics": the metric "CSAT" is given twice',
        ),
    ],
)
def test_bad_extension_names_line_and_column(tmp_path, text, message):
    assert error_of(write(tmp_path, text)) == message


def test_old_style_csv_resaved_by_a_spreadsheet_imports_the_same(tmp_path):
    # Every field quoted, CRLF line ends, no BOM, two empty columns at the end.
    rows = csv.reader(io.StringIO(UNSEEN.read_text(encoding="utf-8-sig"), newline=""))
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    for row in rows:
        writer.writerow([*row, "", ""])
    path = tmp_path / "unseen.csv"
    path.write_bytes(out.getvalue().encode("utf-8"))
    assert dumps(import_csv(path)).encode("utf-8") == (DATA / "unseen.journey").read_bytes()


def test_the_example_of_the_documentation_is_the_file_these_tests_import():
    docs = (DATA.parents[2] / "docs" / "csv.md").read_text(encoding="utf-8")
    example = docs.split("```csv\n", 1)[1].split("```", 1)[0]
    assert example == EXAMPLE.read_text(encoding="utf-8")
