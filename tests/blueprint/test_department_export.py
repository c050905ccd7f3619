"""``journeymap export --department NAME``: that department's cards, the other ends
of their flows faded, the department named in the title block; unknown names fail."""

from __future__ import annotations

import shutil

from pypdf import PdfReader

from app.export.department import DEPARTMENT_VIEW, department_view
from app.export.drawing import build_drawing
from app.model.templates import TEMPLATE_DIR, load_template


def test_the_view_keeps_owned_cards_and_fades_their_flows_other_ends():
    j = load_template("service-blueprint")
    view = department_view(j, "field")
    owned = {c.id for c in j.cards if c.owner == "field"}
    assert owned == {"f2", "f3", "b4", "s4"}
    # a5 -> f2, f3 -> a6 and f2 -> b4 ... the far ends are a5 and a6
    assert {c.id for c in view.cards} == owned | {"a5", "a6"}
    drawing = build_drawing(j, department="Field engineers")
    faded = {cid for cid, box in drawing.layout.cards.items() if box.faded}
    assert faded == {"a5", "a6"}
    assert {(f.source, f.target) for f in view.flows} == {
        ("a5", "f2"), ("f2", "b4"), ("s4", "b4"), ("b4", "f2"), ("f2", "f3"), ("f3", "a6"),
        ("f3", "s4")}
    assert DEPARTMENT_VIEW not in {p.id for p in j.personas}


def test_export_names_the_department_and_draws_only_its_map(run, tmp_path):
    shutil.copy(TEMPLATE_DIR / "service-blueprint.journey", tmp_path / "m.journey")
    status, out, err = run("export", "m.journey", "-o", "field.pdf", "--department",
                           "field engineers")
    assert (status, err) == (0, "")
    text = PdfReader(str(tmp_path / "field.pdf")).pages[0].extract_text()
    assert "Department: Field engineers" in text
    assert "Installs the socket" in text and "Waits at home" in text
    assert "Orders the plan online" not in text


def test_unknown_department_is_an_error_and_writes_nothing(run, tmp_path):
    shutil.copy(TEMPLATE_DIR / "service-blueprint.journey", tmp_path / "m.journey")
    status, out, err = run("export", "m.journey", "-o", "x.pdf", "--department", "Marketing")
    assert (status, out) == (2, "")
    assert err == ('journeymap: error: m.journey: no department named "Marketing"; the '
                   'departments are: "Sales", "Scheduling", "Field engineers", '
                   '"Network provisioning", "Logistics", "Customer care"\n')
    assert not (tmp_path / "x.pdf").exists()
