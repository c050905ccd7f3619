"""The theme: each kind reads differently; evidence changes the border."""

from dataclasses import replace

from app.layout.geometry import compute_layout
from app.layout.style import (
    DEFAULT_STYLE,
    DEPARTMENT_PALETTE,
    PRESENTATION_STYLE,
    card_colors,
    department_color,
    flow_color,
    mix,
)
from app.model.journey import CARD_KINDS, LANE_KINDS, Card
from tests.layout.helpers import add, grid


def test_every_card_kind_has_its_own_fill_and_border():
    colors = {card_colors(DEFAULT_STYLE, Card("c", "s", "l", kind=k)) for k in CARD_KINDS}
    assert len({fill for fill, _ in colors}) == len(CARD_KINDS)
    assert len({border for _, border in colors}) == len(CARD_KINDS)


def test_every_lane_kind_has_a_tint_and_an_accent():
    assert set(LANE_KINDS) <= set(DEFAULT_STYLE.lane_tints)
    assert set(LANE_KINDS) <= set(DEFAULT_STYLE.lane_accents)


def test_evidence_changes_the_look():
    j = grid()
    for evidence in ("assumption", "anecdote", "data"):
        add(j, evidence, "s0", "l0", evidence, kind="pain", evidence=evidence)
    cards = compute_layout(j).cards
    assumption, anecdote, data = cards["assumption"], cards["anecdote"], cards["data"]
    assert assumption.border_dashed and not anecdote.border_dashed and not data.border_dashed
    assert data.border_width > anecdote.border_width
    assert assumption.fill == mix(anecdote.fill, "#FFFFFF", DEFAULT_STYLE.assumption_fill_mix)
    assert assumption.fill != anecdote.fill


def test_failure_flows_are_red_and_differ_from_normal():
    assert flow_color(DEFAULT_STYLE, "failure") != flow_color(DEFAULT_STYLE, "normal")
    r, g, b = (int(flow_color(DEFAULT_STYLE, "failure")[i:i + 2], 16) for i in (1, 3, 5))
    assert r > g and r > b


def test_presentation_type_is_larger_everywhere():
    for name in ("card_title_size", "card_meta_size", "stage_header_size",
                 "lane_header_size", "flow_label_size"):
        assert getattr(PRESENTATION_STYLE, name) > getattr(DEFAULT_STYLE, name)


def test_department_colours_cycle_through_the_palette():
    assert department_color(0) == DEPARTMENT_PALETTE[0]
    assert department_color(len(DEPARTMENT_PALETTE)) == DEPARTMENT_PALETTE[0]
    assert len(set(DEPARTMENT_PALETTE)) == len(DEPARTMENT_PALETTE)


def test_styles_are_values_usable_as_keys():
    assert hash(DEFAULT_STYLE) == hash(replace(DEFAULT_STYLE))
    assert {DEFAULT_STYLE: "normal", PRESENTATION_STYLE: "big"}[replace(DEFAULT_STYLE)] == "normal"
