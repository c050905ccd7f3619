"""Write large, realistic journey maps for the benchmarks.

A map has 12 stages and 8 lanes (one of each kind a service blueprint uses),
eight owner departments, three personas, and cards whose titles are 3 to 10
words long.  Every card has one or two outgoing flows (the last stage's
cards fewer): most go to a card one to three stages further on, some stay in
their stage, and a few are long backward flows and loops ("back to the
start", "retry").  The map is built through the model's edits and written
with `app.model.fileformat.save`; the same seed always gives the same file.

    python bench/generate.py --cards 5000 -o out.journey [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `app` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.model import edits as E  # noqa: N812
from app.model import fileformat
from app.model.journey import (
    DEFAULT_CARD_KIND,
    Card,
    Department,
    Flow,
    Journey,
    Lane,
    Persona,
    Stage,
)

STAGES = (
    "Discover", "Research", "Compare offers", "Apply", "Identity check", "Approval",
    "Onboarding", "First use", "Pay", "Get support", "Renew", "Recommend",
)
LANES = (
    ("Customer actions", "actions"), ("Touchpoints", "touchpoints"),
    ("Thinking", "thoughts"), ("Feeling", "emotion"), ("Pain points", "pain"),
    ("Opportunities", "opportunity"), ("Backstage", "backstage"), ("Partners", "partner"),
)
#: How often each lane receives a card: actions and touchpoints dominate real maps.
LANE_WEIGHTS = (20, 24, 10, 8, 12, 8, 12, 6)
DEPARTMENTS = (
    ("Marketing", "#E4572E"), ("Sales", "#F3A712"), ("Digital", "#29335C"),
    ("Customer service", "#669BBC"), ("Operations", "#2E933C"), ("Billing", "#8E44AD"),
    ("IT", "#5D6D7E"), ("Logistics partner", "#A0522D"),
)
PERSONAS = (
    ("First-time buyer", "Young, online, price-sensitive", "#1F77B4"),
    ("Small business owner", "Busy, values a named contact", "#FF7F0E"),
    ("Returning customer", "Knows the service, wants speed", "#2CA02C"),
)
CHANNELS = ("Website", "Mobile app", "Phone", "E-mail", "In person", "Chat", "Letter", "SMS")
EVIDENCE = (None, None, "assumption", "anecdote", "data")

# Titles are assembled from a subject, a verb phrase, an object and an
# optional tail, then cut to 3..10 words: varied like real sticky notes.
SUBJECTS = ("Customer", "Agent", "Advisor", "System", "Partner", "Courier", "Team", "Bank",
            "User", "Applicant", "Support")
VERBS = ("checks", "compares", "fills in", "uploads", "waits for", "receives", "calls about",
         "reads", "signs", "asks about", "cancels", "confirms", "reviews", "searches for",
         "is confused by", "updates", "pays", "downloads", "chats about", "escalates")
OBJECTS = ("the mortgage rates", "an application form", "proof of income", "the welcome pack",
           "a one-time password", "the monthly invoice", "delivery slot options",
           "the terms and conditions", "a refund request", "their account settings",
           "the loyalty discount", "a missing document", "the contract renewal offer",
           "the status of the order", "interest rate changes", "a reminder e-mail",
           "the price comparison table", "a survey about the visit", "the direct debit mandate")
TAILS = ("on the website", "in the mobile app", "before the deadline", "for the second time",
         "after a long wait", "with a branch advisor", "late in the evening",
         "while travelling abroad", "without any reply", "and gives up", "to be sure",
         "from the comparison site", "during onboarding", "with help from family")
NOTES = ("Seen in 4 of 12 interviews.", "Call centre logs, March.", "",
         "Needs a decision from legal.", "Quick win?", "", "", "")
DANGLING = {"a", "an", "the", "of", "for", "about", "to", "with", "in", "on", "and", "from",
            "by", "their", "after", "before", "while", "without", "during", "fills", "waits",
            "calls", "asks", "searches", "chats", "is", "confused"}
LABELS = ("if declined", "retry", "missing document", "later", "on reminder", "escalation")


def title(rnd: random.Random) -> str:
    """A sticky-note title of 3 to 10 words."""
    words = [rnd.choice(SUBJECTS), *rnd.choice(VERBS).split(), *rnd.choice(OBJECTS).split()]
    if rnd.random() < 0.55:
        words += rnd.choice(TAILS).split()
    words = words[:rnd.randint(3, 10)]
    # A note ends on a word that carries meaning, not on "the" or "about".
    while len(words) > 3 and words[-1] in DANGLING:
        words.pop()
    return " ".join(words)


def _header_edits() -> list[E.Edit]:
    edits: list[E.Edit] = [E.AddStage(Stage(f"s{i + 1}", name)) for i, name in enumerate(STAGES)]
    edits += [E.AddLane(Lane(f"l{i + 1}", name, kind)) for i, (name, kind) in enumerate(LANES)]
    edits += [E.AddDepartment(Department(f"d{i + 1}", name, colour))
              for i, (name, colour) in enumerate(DEPARTMENTS)]
    edits += [E.AddPersona(Persona(f"p{i + 1}", name, desc, "", colour))
              for i, (name, desc, colour) in enumerate(PERSONAS)]
    return edits


def _card(rnd: random.Random, n: int, stage: int, lane: int) -> Card:
    kind = LANES[lane][1]
    emotional = kind in ("emotion", "thoughts", "pain")
    personas = [] if rnd.random() < 0.8 else [f"p{rnd.randint(1, len(PERSONAS))}"]
    metrics = {"CSAT": round(rnd.uniform(1, 5), 1)} if rnd.random() < 0.15 else {}
    return Card(
        id=f"c{n}", stage=f"s{stage + 1}", lane=f"l{lane + 1}", order=10**9,
        title=title(rnd),
        kind=DEFAULT_CARD_KIND[kind],
        notes=rnd.choice(NOTES),
        channel=rnd.choice(CHANNELS) if rnd.random() < 0.7 else "",
        owner=f"d{rnd.randint(1, len(DEPARTMENTS))}" if rnd.random() < 0.85 else None,
        emotion=rnd.randint(-2, 2) if rnd.random() < (0.9 if emotional else 0.25) else None,
        evidence=rnd.choice(EVIDENCE),
        personas=personas,
        metrics=metrics,
    )


def _flow_target(rnd: random.Random, stage: int, lane: int, index: int,
                 cells: dict[tuple[int, int], list[str]], n_stages: int) -> str | None:
    """A card for a flow from the ``index``-th card of (stage, lane).

    Most flows are local on the map: to a card one to three stages on (or in
    the same stage), in the same lane at about the same height, or in a
    neighbouring lane near the side facing the source.  A few are long
    backward flows and loops.
    """
    r = rnd.random()
    if r < 0.04:  # long backward flow or loop: back to an early stage
        to_stage = rnd.randint(0, max(0, stage - 3)) if stage >= 3 else stage
    elif r < 0.07:  # a short loop back
        to_stage = max(0, stage - rnd.randint(1, 2))
    elif r < 0.22:  # within the stage
        to_stage = stage
    else:
        to_stage = min(n_stages - 1, stage + rnd.choice((1, 1, 1, 2, 2, 3)))
    step = rnd.choices((0, 1, -1, 2, -2), (60, 15, 15, 5, 5))[0]
    to_lane = min(len(LANES) - 1, max(0, lane + step))
    ids = cells.get((to_stage, to_lane))
    if not ids:
        return None
    if to_lane == lane:
        near = index + rnd.randint(-3, 3)
    elif to_lane > lane:  # the lane below: a card near its top
        near = rnd.randint(0, 4)
    else:  # the lane above: a card near its bottom
        near = len(ids) - 1 - rnd.randint(0, 4)
    return ids[min(len(ids) - 1, max(0, near))]


def build(n_cards: int, seed: int = 7) -> Journey:
    """A journey of ``n_cards`` cards built through `app.model.edits`."""
    rnd = random.Random(seed)
    journey = Journey(f"Benchmark map ({n_cards:,} cards)",
                      "Generated by bench/generate.py for the performance benchmarks.")
    E.Compound(tuple(_header_edits())).apply(journey)
    cells: dict[tuple[int, int], list[str]] = {}
    cards = []
    for n in range(1, n_cards + 1):
        stage = rnd.randrange(len(STAGES))
        lane = rnd.choices(range(len(LANES)), LANE_WEIGHTS)[0]
        card = _card(rnd, n, stage, lane)
        cards.append(E.AddCard(card))
        cells.setdefault((stage, lane), []).append(card.id)
    E.Compound(tuple(cards)).apply(journey)
    flows: list[E.Edit] = []
    seen: set[tuple[str, str]] = set()
    for (stage, lane), ids in sorted(cells.items()):
        for index, source in enumerate(ids):
            # One or two flows out; fewer from the last stage (the journey ends).
            count = 1 + (rnd.random() < 0.35)
            if stage == len(STAGES) - 1 and rnd.random() < 0.6:
                count = 0
            for _ in range(count):
                target = _flow_target(rnd, stage, lane, index, cells, len(STAGES))
                if target is None or target == source or (source, target) in seen:
                    continue
                seen.add((source, target))
                kind = rnd.choices(("normal", "alternative", "failure"), (80, 12, 8))[0]
                label = rnd.choice(LABELS) if rnd.random() < 0.06 else ""
                flows.append(E.AddFlow(Flow(f"f{len(flows) + 1}", source, target, kind, label)))
    E.Compound(tuple(flows)).apply(journey)
    return journey


def main(argv: list[str] | None = None) -> int:
    """Command line: write one map."""
    ap = argparse.ArgumentParser(description="Write a large benchmark journey map.")
    ap.add_argument("--cards", type=int, default=5000, help="number of cards (default 5000)")
    ap.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    ap.add_argument("-o", "--output", required=True, help="the .journey file to write")
    args = ap.parse_args(argv)
    if args.cards < 1:
        ap.error("--cards must be at least 1")
    journey = build(args.cards, args.seed)
    fileformat.save(journey, args.output)
    print(f"{args.output}: {journey}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
