"""A small map with every look an export must reproduce, non-Latin titles included."""

from app.model import edits
from app.model.journey import Card, Department, Flow, Journey, Lane, Persona, Stage

#: Card id -> title; every one must be findable in an exported PDF or SVG.
TITLES = {
    "c1": "Łódź office visit",
    "c2": "Jürgen calls support",
    "c3": "Čeština: zákaznická linka",
    "c4": "Ταχυδρομείο ειδοποίηση",
    "c5": "Звонок в поддержку",
    "c6": "Pays the invoice online",
    "c7": "Waits for the refund",
    "c8": "Self-service portal",
    "c9": "Feels relieved",
    "c10": "Investor-only briefing",
}


def build_sample() -> Journey:
    """Three stages, four lanes (one an emotion lane), two personas, flows of every kind."""
    j = Journey()
    steps: list[edits.Edit] = [edits.SetInfo("Export sample: Łódź & Jürgen", "")]
    steps += [edits.AddStage(Stage(f"s{i}", name)) for i, name in
              enumerate(("Discover", "Buy", "Après-vente"), 1)]
    steps += [edits.AddLane(Lane(lid, name, kind)) for lid, name, kind in (
        ("l1", "Touchpoints", "touchpoints"), ("l2", "Feelings", "emotion"),
        ("l3", "Pain", "pain"), ("l4", "Ideas", "opportunity"))]
    steps += [edits.AddDepartment(Department("d1", "Sales", "#3F7CC9")),
              edits.AddDepartment(Department("d2", "Support", "#E0812E"))]
    steps += [edits.AddPersona(Persona("p1", "Buyer")),
              edits.AddPersona(Persona("p2", "Investor"))]
    cards = [
        Card("c1", "s1", "l1", 0, TITLES["c1"], "touchpoint", channel="In person", owner="d1",
             emotion=1, evidence="data"),
        Card("c2", "s1", "l1", 1, TITLES["c2"], "touchpoint", channel="Phone", owner="d2",
             evidence="assumption"),
        Card("c3", "s2", "l1", 0, TITLES["c3"], "touchpoint", channel="Phone", owner="d2"),
        Card("c4", "s3", "l1", 0, TITLES["c4"], "touchpoint", channel="E-mail", owner="d1",
             emotion=-1),
        Card("c5", "s3", "l3", 0, TITLES["c5"], "pain", owner="d2", emotion=-2),
        Card("c6", "s2", "l2", 0, TITLES["c6"], "action", emotion=2, personas=["p1"]),
        Card("c7", "s3", "l2", 0, TITLES["c7"], "thought", emotion=-1, evidence="anecdote"),
        Card("c8", "s2", "l4", 0, TITLES["c8"], "opportunity", evidence="assumption"),
        Card("c9", "s1", "l2", 0, TITLES["c9"], "thought", emotion=0),
        Card("c10", "s2", "l3", 0, TITLES["c10"], "partner", personas=["p2"]),
    ]
    steps += [edits.AddCard(c) for c in cards]
    steps += [
        edits.AddFlow(Flow("f1", "c1", "c3", "normal", "books")),
        edits.AddFlow(Flow("f2", "c2", "c3", "alternative", "calls back")),
        edits.AddFlow(Flow("f3", "c3", "c5", "failure", "lost")),
        edits.AddFlow(Flow("f4", "c3", "c4")),
        edits.AddFlow(Flow("f5", "c10", "c4", "normal", "briefed")),
    ]
    edits.Compound(tuple(steps)).apply(j)
    return j

