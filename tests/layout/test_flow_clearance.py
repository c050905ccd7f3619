"""What a reader sees of the arrows: they run around the cards between their
ends (through the gutters), and flow labels sit on no card, no other label
and no other flow's arrow when there is room for them."""

from pathlib import Path

import pytest

from app.layout.boxes import FlowPath, Rect, bezier_point
from app.layout.geometry import compute_layout
from app.model.fileformat import load
from app.model.templates import load_template, template_names
from tests.layout.helpers import add, flow, grid

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample.journey"


def stroke(path: FlowPath, steps: int = 64) -> list[tuple[float, float]]:
    """Points close together along the whole path."""
    pts = []
    for piece in path.segments():
        pts += [bezier_point(*piece, i / steps) for i in range(steps + 1)]
    return pts


def inside(r: Rect, x: float, y: float, margin: float = 0.0) -> bool:
    return (r.x - margin < x < r.right + margin) and (r.y - margin < y < r.bottom + margin)


def crossed_cards(layout, path: FlowPath) -> list[str]:
    """The cards other than its ends that the arrow passes over."""
    pts = stroke(path)
    return [cid for cid, box in layout.cards.items()
            if cid not in (path.source, path.target)
            and any(inside(box.rect, x, y) for x, y in pts)]


def maps():
    yield "sample", load(SAMPLE)
    for name in template_names():
        yield name, load_template(name)


@pytest.mark.parametrize(("name", "journey"), list(maps()), ids=lambda v: str(v)[:30])
def test_no_arrow_crosses_a_card_between_its_ends(name, journey):
    layout = compute_layout(journey)
    crossing = {fid: crossed_cards(layout, p) for fid, p in layout.flows.items()}
    assert not {fid: c for fid, c in crossing.items() if c}, name


def dense_columns():
    """Four columns stacked with cards and flows that skip the middle ones."""
    j = grid(4, ("touchpoints", "actions"))
    for s in range(4):
        for i in range(4):
            add(j, f"t{s}{i}", f"s{s}", "l0", f"Card {s}.{i} " * (1 + (s + i) % 3))
            add(j, f"a{s}{i}", f"s{s}", "l1", f"Step {s}.{i}")
    flow(j, "same_lane", "t01", "t30", label="skips two stages")
    flow(j, "down", "t02", "a31")
    flow(j, "up", "a03", "t21")
    flow(j, "one_over", "t03", "t23")
    return j


def test_flows_that_skip_dense_columns_run_through_the_gutters():
    layout = compute_layout(dense_columns())
    for fid in ("same_lane", "down", "up", "one_over"):
        path = layout.flows[fid]
        assert crossed_cards(layout, path) == [], fid
        assert path.via, fid  # turns in the gutters: more than one curve


def test_a_flow_over_empty_columns_stays_one_curve():
    j = grid(4)
    add(j, "a", "s0", "l0", "Sees ad")
    add(j, "b", "s3", "l0", "Pays")
    flow(j, "f", "a", "b")
    path = compute_layout(j).flows["f"]
    assert not path.via
    assert path.p0[1] == path.p3[1]  # straight across at the cards' height


def covered_by_other_arrow(layout, fid: str, pill: Rect) -> bool:
    return any(inside(pill, x, y, margin=1.0)
               for other, p in layout.flows.items() if other != fid
               for x, y in stroke(p))


@pytest.mark.parametrize("journey", [load(SAMPLE), dense_columns()], ids=["sample", "dense"])
def test_labels_cover_no_card_no_label_and_no_other_arrow(journey):
    layout = compute_layout(journey)
    pills = {fid: p.label_rect for fid, p in layout.flows.items() if p.label_rect is not None}
    assert pills
    for fid, pill in pills.items():
        assert not any(pill.intersects(box.rect) for box in layout.cards.values()), fid
        assert not any(pill.intersects(other) for o, other in pills.items() if o != fid), fid
        assert not covered_by_other_arrow(layout, fid, pill), fid


def test_a_label_beside_a_bundle_of_arrows_moves_off_them():
    # Three arrows down the same gutter: the middle one's label may not sit
    # on its neighbours.
    j = grid(2, ("touchpoints", "actions", "pain"))
    for i in range(3):
        add(j, f"a{i}", "s0", "l0", f"Start {i}")
        add(j, f"b{i}", "s1", "l2", f"End {i}")
    for i in range(3):
        flow(j, f"f{i}", f"a{i}", f"b{i}", label="later" if i == 1 else "")
    layout = compute_layout(j)
    pill = layout.flows["f1"].label_rect
    assert not covered_by_other_arrow(layout, "f1", pill)
    assert not any(pill.intersects(box.rect) for box in layout.cards.values())
