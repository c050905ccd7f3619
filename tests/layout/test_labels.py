"""Flow labels: off the cards, off each other and off the other arrows,
exactly where a plain search (every card, every label placed before, every
arrow) would put them."""

import random

from hypothesis import given, settings

from app.layout.arrows import polylines, segment_meets
from app.layout.boxes import bezier_point, title_rect
from app.layout.flows import label_rect
from app.layout.geometry import compute_layout, label_order
from app.layout.labels import label_piece, label_spots, more_spots
from app.layout.style import DEFAULT_STYLE
from tests.layout.helpers import add, flow, grid, journeys


def reference_label_positions(journey, layout) -> dict:
    """Where each label goes, searched naively: for each labelled flow in
    placement order, the first spot (on its arrow, then beside it) whose pill
    meets no card, no label placed before it and no other flow's arrow; else
    the first that meets no card and no label; failing both, the same again
    over the spots farther along the whole arrow; else the first spot of
    either kind that meets no card title and no label, else no card title;
    else the arrow's middle."""
    cards = [box.rect for box in layout.cards.values()]
    titles = [title_rect(box) for box in layout.cards.values()]
    lines = {fid: polylines(path) for fid, path in layout.flows.items()}
    air = DEFAULT_STYLE.flow_width / 2 + 1.0

    def on_arrow(fid, r) -> bool:
        box = (r.x - air, r.y - air, r.right + air, r.bottom + air)
        return any(segment_meets(*a, *b, *box)
                   for other, pieces in lines.items() if other != fid
                   for pts in pieces
                   for a, b in zip(pts, pts[1:], strict=False))

    def place(fid, path, groups, placed):
        fallback = off_titles = off_titles_only = None
        for crowded, spots in enumerate(groups):
            for pos in spots:
                rect = label_rect(path.label, pos, DEFAULT_STYLE)
                on_title = any(rect.intersects(t) for t in titles)
                if any(rect.intersects(p) for p in placed):
                    off_titles_only = off_titles_only or (None if on_title else pos)
                    continue
                if any(rect.intersects(c) for c in cards):
                    if not on_title and off_titles is None:
                        off_titles = pos
                        off_titles_only = off_titles_only or pos
                        if crowded:
                            break
                    continue
                if not on_arrow(fid, rect):
                    return pos
                fallback = fallback or pos
            if fallback or off_titles:
                break
        return (fallback or off_titles or off_titles_only
                or bezier_point(*label_piece(path), 0.5))

    placed, out = [], {}
    for fid in label_order(journey):
        path = layout.flows[fid]
        pill = label_rect(path.label, (0, 0), DEFAULT_STYLE)
        pos = place(fid, path, (label_spots(path, pill.w, pill.h),
                                more_spots(path, pill.w, pill.h)), placed)
        out[fid] = pos
        placed.append(label_rect(path.label, pos, DEFAULT_STYLE))
    return out


def crowded(seed: int, cards: int = 120, flows: int = 160):
    """A small grid crowded with labelled flows, so that labels compete for room."""
    rnd = random.Random(seed)
    j = grid(4, ("touchpoints", "actions", "emotion", "pain"))
    for i in range(cards):
        title = f"Card {i} " * rnd.randint(1, 6)
        add(j, f"c{i}", f"s{rnd.randrange(4)}", f"l{rnd.randrange(4)}", title)
    for i in range(flows):
        a, b = rnd.randrange(cards), rnd.randrange(cards)
        flow(j, f"f{i}", f"c{a}", f"c{b}", label=rnd.choice(["", "retry", "asks a friend first"]))
    return j


def labels(layout) -> dict:
    return {fid: path.label_pos for fid, path in layout.flows.items() if path.label}


def test_labels_in_a_crowded_map_go_where_a_plain_search_puts_them():
    for seed in range(3):
        j = crowded(seed)
        layout = compute_layout(j)
        assert labels(layout) == reference_label_positions(j, layout)


@settings(max_examples=60, deadline=None)
@given(journeys())
def test_labels_go_where_a_plain_search_puts_them(journey):
    layout = compute_layout(journey)
    assert labels(layout) == reference_label_positions(journey, layout)


def test_a_label_goes_beside_an_arrow_whose_every_spot_is_on_a_card():
    j = grid(3)
    add(j, "a", "s0", "l0", "Start")
    add(j, "b", "s0", "l0", "Middle card in the way " * 3)
    add(j, "c", "s0", "l0", "End")
    flow(j, "loop", "a", "c", label="comes back later")
    layout = compute_layout(j)
    pill = layout.flows["loop"].label_rect
    assert pill is not None
    assert not any(pill.intersects(box.rect) for box in layout.cards.values())
