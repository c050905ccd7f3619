"""The built-in templates and the sample map are real, valid, filled-in maps."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from app.model.errors import JourneyError
from app.model.fileformat import dumps, load
from app.model.journey import Journey
from app.model.templates import TEMPLATE_DIR, load_template, template_names

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample.journey"
FILLED = ["awareness-purchase-engagement", "customer-support", "real-estate", "online-store",
          "service-blueprint"]


def test_the_six_templates_are_listed_blank_first():
    assert template_names() == [
        "blank",
        "awareness-purchase-engagement",
        "customer-support",
        "online-store",
        "real-estate",
        "service-blueprint",
    ]


@pytest.mark.parametrize("name", template_names())
def test_template_files_are_canonical(name):
    path = TEMPLATE_DIR / f"{name}.journey"
    assert dumps(load(path)) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", template_names())
def test_every_template_has_a_description_stages_and_lanes(name):
    journey = load_template(name)
    assert journey.description and journey.stages and journey.lanes


def test_blank_template_has_no_cards():
    assert not load_template("blank").cards


@pytest.mark.parametrize("name", FILLED)
def test_filled_templates_are_worked_examples(name):
    journey = load_template(name)
    cards = journey.cards
    assert len(cards) >= 20 and len(journey.flows) >= 10 and len(journey.departments) >= 4
    assert {c.emotion for c in cards} >= {-2, 2}
    assert {c.evidence for c in cards} >= {"assumption", "anecdote", "data"}
    assert len({c.channel for c in cards if c.channel}) >= 3


def test_customer_support_lanes_ask_the_five_questions():
    assert [x.name for x in load_template("customer-support").lanes] == [
        "What the customer does",
        "What we do",
        "How they reach us",
        "What they experience",
        "How it could improve",
    ]


def test_real_estate_serves_three_personas_with_outside_partners():
    journey = load_template("real-estate")
    assert [p.name for p in journey.personas] == ["Home buyer", "Home seller", "Investor"]
    names = " ".join(d.name for d in journey.departments)
    assert all(word in names for word in ("lender", "Surveyor", "Movers"))


def test_online_store_has_print_and_shipping_partners_and_warranty():
    journey = load_template("online-store")
    partners = [c for c in journey.cards if c.kind == "partner"]
    owners = {journey.department(c.owner).name for c in partners}
    assert any("printing" in o for o in owners) and any("shipping" in o for o in owners)
    assert [s.name for s in journey.stages][-2:] == ["Use & support", "Warranty claim"]


def test_unknown_template_names_the_known_ones():
    with pytest.raises(
        JourneyError, match='no template named "kanban"; the templates are: blank, '
    ):
        load_template("kanban")


# ------------------------------------------------------------------ sample
@pytest.fixture(scope="module")
def sample() -> Journey:
    return load(SAMPLE)


def test_sample_is_large_and_structured(sample):
    assert len(sample.cards) >= 35 and len(sample.stages) >= 6 and len(sample.lanes) >= 7
    assert len(sample.departments) >= 4 and len(sample.personas) >= 2


def test_sample_has_every_kind_of_lane_that_matters(sample):
    kinds = {x.kind for x in sample.lanes}
    assert kinds >= {"emotion", "pain", "opportunity", "backstage", "partner"}


def test_sample_flows_branch_fail_and_loop(sample):
    assert {f.kind for f in sample.flows} == {"normal", "alternative", "failure"}
    assert list(nx.simple_cycles(nx.DiGraph(sample.graph)))


def test_sample_has_persona_cards_metrics_and_mixed_evidence(sample):
    cards = sample.cards
    assert {p for c in cards for p in c.personas} == {p.id for p in sample.personas}
    assert sum(1 for c in cards if c.metrics) >= 5
    assert {c.evidence for c in cards} == {None, "assumption", "anecdote", "data"}
