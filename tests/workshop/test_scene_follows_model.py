"""Random edits, undo, redo, save and reload: the scene always shows exactly the model.

A hypothesis state machine drives a document (journey + undo stack) and its
canvas scene the way the editor does: every edit goes through the undo stack,
saving writes the file with a backup (`app.safety.safe_save`), reloading opens the
file again.  After every step the scene's items are compared with a
layout computed from scratch: one card item per card at its layout rect, one
flow item per flow drawn between its end points, one header per stage and
lane, one curve per emotion lane, and nothing else.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from app.canvas.items.card import CardItem
from app.canvas.items.flow import FlowItem
from app.canvas.items.header import CornerItem, HeaderItem
from app.canvas.items.overlays import CurveItem
from app.canvas.scene import JourneyScene
from app.canvas.undo import push_edit
from app.documents.document import Document
from app.layout.geometry import compute_layout
from app.model.edits import (
    AddCard,
    AddFlow,
    AddLane,
    AddStage,
    MoveCards,
    MoveLane,
    MoveStage,
    RemoveCard,
    RemoveFlow,
    RemoveLane,
    RemoveStage,
    update,
    update_card,
)
from app.model.journey import CARD_KINDS, FLOW_KINDS, LANE_KINDS, Card, Flow, Lane, Stage
from app.safety.safe_save import save_with_backup
from tests.model.helpers import small_journey, state

TITLES = st.sampled_from([
    "Pay", "Calls the hotline and waits on hold for a long time before anyone answers",
    "Łódź office", "", "Jürgen reads the \u201cterms\u201d", "a\nb\nc",
])
INDEX = st.integers(min_value=0, max_value=50)


def _near(a: float, b: float) -> bool:
    return abs(a - b) < 1e-6


class SceneFollowsModel(RuleBasedStateMachine):
    """The editor's document and scene under random user actions."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="jm-machine-"))
        self.path = str(self.folder / "map.journey")
        self.document = Document(small_journey(), None)
        self.scene = JourneyScene(self.document.journey, self.document.undo_stack)
        # As the window does: a reloaded map replaces what the scene shows.
        self.document.journey_replaced.connect(self.scene.set_journey)
        self.document.write_file = lambda journey, path: save_with_backup(
            journey, path, None, check=False
        )
        self.saved: dict | None = None

    @property
    def journey(self):
        return self.document.journey

    def push(self, edit) -> None:
        push_edit(self.document.undo_stack, self.journey, edit)

    def pick(self, items, index):
        return items[index % len(items)]

    # --------------------------------------------------------------- cards
    @rule(stage=INDEX, lane=INDEX, order=INDEX, title=TITLES, kind=st.sampled_from(CARD_KINDS),
          emotion=st.sampled_from([None, -2, 0, 2]))
    def add_card(self, stage, lane, order, title, kind, emotion):
        j = self.journey
        card = Card(j.new_id("c"), self.pick(j.stages, stage).id, self.pick(j.lanes, lane).id,
                    order, title, kind, emotion=emotion)
        self.push(AddCard(card))

    @precondition(lambda self: self.journey.cards)
    @rule(index=INDEX)
    def remove_card(self, index):
        self.push(RemoveCard(self.pick(self.journey.cards, index).id))

    @precondition(lambda self: self.journey.cards)
    @rule(index=INDEX, stage=INDEX, lane=INDEX, order=INDEX)
    def move_card(self, index, stage, lane, order):
        j = self.journey
        card = self.pick(j.cards, index)
        target = (card.id, self.pick(j.stages, stage).id, self.pick(j.lanes, lane).id, order)
        self.push(MoveCards((target,)))

    @precondition(lambda self: self.journey.cards)
    @rule(index=INDEX, title=TITLES, emotion=st.sampled_from([None, -1, 1]))
    def edit_card(self, index, title, emotion):
        card = self.pick(self.journey.cards, index)
        self.push(update_card(card.id, title=title, emotion=emotion))

    # --------------------------------------------------------------- flows
    @precondition(lambda self: self.journey.cards)
    @rule(a=INDEX, b=INDEX, kind=st.sampled_from(FLOW_KINDS), label=st.sampled_from(["", "no"]))
    def add_flow(self, a, b, kind, label):
        cards = self.journey.cards
        flow = Flow(self.journey.new_id("f"), self.pick(cards, a).id, self.pick(cards, b).id,
                    kind, label)
        self.push(AddFlow(flow))

    @precondition(lambda self: self.journey.flows)
    @rule(index=INDEX)
    def remove_flow(self, index):
        self.push(RemoveFlow(self.pick(self.journey.flows, index).id))

    # ------------------------------------------------------ stages, lanes
    @rule(index=INDEX, name=TITLES)
    def add_stage(self, index, name):
        self.push(AddStage(Stage(self.journey.new_id("s"), name), index))

    @precondition(lambda self: len(self.journey.stages) > 1)
    @rule(index=INDEX)
    def remove_stage(self, index):
        self.push(RemoveStage(self.pick(self.journey.stages, index).id))

    @rule(index=INDEX, to=INDEX)
    def move_stage(self, index, to):
        self.push(MoveStage(self.pick(self.journey.stages, index).id, to))

    @rule(index=INDEX, name=TITLES)
    def rename_stage(self, index, name):
        self.push(update("stage", self.pick(self.journey.stages, index).id, name=name))

    @rule(index=INDEX, kind=st.sampled_from(LANE_KINDS))
    def add_lane(self, index, kind):
        self.push(AddLane(Lane(self.journey.new_id("l"), "Lane", kind), index))

    @precondition(lambda self: len(self.journey.lanes) > 1)
    @rule(index=INDEX)
    def remove_lane(self, index):
        self.push(RemoveLane(self.pick(self.journey.lanes, index).id))

    @rule(index=INDEX, to=INDEX)
    def move_lane(self, index, to):
        self.push(MoveLane(self.pick(self.journey.lanes, index).id, to))

    # ----------------------------------------------- undo, redo, files, view
    @precondition(lambda self: self.document.undo_stack.canUndo())
    @rule()
    def undo(self):
        self.document.undo_stack.undo()

    @precondition(lambda self: self.document.undo_stack.canRedo())
    @rule()
    def redo(self):
        self.document.undo_stack.redo()

    @rule()
    def save(self):
        self.document.save_as(self.path)
        self.saved = state(self.journey)
        assert not self.document.is_modified()

    @precondition(lambda self: self.saved is not None)
    @rule()
    def reload(self):
        self.document.open(self.path)
        assert state(self.journey) == self.saved

    @rule(index=st.integers(min_value=-1, max_value=3))
    def choose_persona(self, index):
        personas = self.journey.personas
        self.scene.set_persona(None if index < 0 or not personas else
                               self.pick(personas, index).id)

    # ------------------------------------------------------------ the check
    @invariant()
    def scene_shows_exactly_the_model(self):
        j = self.journey
        fresh = compute_layout(j, self.scene.style, persona=self.scene.persona)
        items = self.scene.items()
        cards = {i.card_id: i for i in items if isinstance(i, CardItem)}
        flows = {i.flow_id: i for i in items if isinstance(i, FlowItem)}
        headers = {(i.axis, i.header_id) for i in items
                   if isinstance(i, HeaderItem) and not isinstance(i, CornerItem)}
        curves = {i.curve.lane_id for i in items if isinstance(i, CurveItem)}

        assert set(cards) == {c.id for c in j.cards}
        assert set(flows) == {f.id for f in j.flows}
        assert headers == {("stage", s.id) for s in j.stages} | {("lane", x.id) for x in j.lanes}
        assert curves == {x.id for x in j.lanes if x.kind == "emotion"} & set(fresh.rows)
        for card_id, item in cards.items():
            want, got = fresh.cards[card_id].rect, item.layout_rect
            assert (got.x(), got.y(), got.width(), got.height()) == (want.x, want.y, want.w, want.h)
            assert item.box.faded == fresh.cards[card_id].faded
        for flow_id, item in flows.items():
            want, got = fresh.flows[flow_id], item.flow_path
            for a, b in ((want.p0, got.p0), (want.p3, got.p3)):
                assert _near(a[0], b[0]) and _near(a[1], b[1])
            drawn = item.boundingRect().translated(item.pos())
            assert drawn.contains(*want.p0) and drawn.contains(*want.p3)

    def teardown(self):
        self.scene.deleteLater()
        self.document.deleteLater()
        shutil.rmtree(self.folder, ignore_errors=True)


SceneFollowsModel.TestCase.settings = settings(
    max_examples=50,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def test_scene_always_shows_exactly_the_model(qapp):
    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(SceneFollowsModel, settings=SceneFollowsModel.TestCase.settings)
