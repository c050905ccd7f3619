"""What the scene draws stands where the layout says, and edits touch only
the items concerned."""

from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QUndoStack

from app.canvas.scene import JourneyScene
from app.canvas.undo import push_edit
from app.model.edits import AddCard, move_card, update_card
from app.model.fileformat import load
from app.model.journey import Card
from tests.canvas.canvas_helpers import workshop_journey

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample.journey"


def render(scene: JourneyScene) -> QImage:
    layout = scene.layout
    image = QImage(int(layout.width), int(layout.height), QImage.Format.Format_RGB32)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    source = QRectF(0, 0, layout.width, layout.height)
    scene.render(painter, QRectF(image.rect()), source)
    painter.end()
    return image


def close(a: QColor, b: QColor, tolerance: int = 8) -> bool:
    return all(abs(x - y) <= tolerance for x, y in
               ((a.red(), b.red()), (a.green(), b.green()), (a.blue(), b.blue())))


def test_every_card_of_the_sample_is_drawn_where_the_layout_puts_it(qapp):
    journey = load(SAMPLE)
    scene = JourneyScene(journey, QUndoStack())
    image = render(scene)
    tints = {h.id: QColor(h.tint) for h in scene.layout.lane_headers}
    for box in scene.layout.cards.values():
        fill = QColor(box.fill)
        r = box.rect
        # Five points along the card's bottom padding (no text there); an
        # arrow may cross one or two of them.
        inside = [image.pixelColor(int(r.x + r.w * f), int(r.bottom - 3))
                  for f in (0.2, 0.35, 0.5, 0.65, 0.8)]
        assert sum(close(c, fill) for c in inside) >= 3, box.id
        # Just below the card is the lane's background again.
        below = [image.pixelColor(int(r.x + r.w * f), int(r.bottom + 6)) for f in (0.3, 0.5, 0.7)]
        assert sum(close(c, tints[box.lane], 3) for c in below) >= 2, box.id


def test_moving_a_card_keeps_every_item_object(qapp):
    journey = workshop_journey()
    stack = QUndoStack()
    scene = JourneyScene(journey, stack)
    cards = {cid: scene.card_item(cid) for cid in scene.layout.cards}
    flows = {fid: scene.flow_item(fid) for fid in scene.layout.flows}
    headers = scene.header_item("stage", "s1")
    push_edit(stack, journey, move_card("c2", "s3", "l1", 0))
    assert all(scene.card_item(cid) is item for cid, item in cards.items())
    assert all(scene.flow_item(fid) is item for fid, item in flows.items())
    assert scene.header_item("stage", "s1") is headers
    box = scene.layout.cards["c2"]
    assert scene.card_item("c2").pos().x() == box.rect.x


def test_adding_a_card_creates_one_item_and_leaves_the_others(qapp):
    journey = workshop_journey()
    stack = QUndoStack()
    scene = JourneyScene(journey, stack)
    before = {id(item) for item in scene.items()}
    push_edit(stack, journey, AddCard(Card("new", "s2", "l3", 0, "Hidden fees", "pain")))
    after = {id(item) for item in scene.items()}
    assert len(after - before) == 1
    assert scene.card_item("new").box.title_lines == ("Hidden fees",)


def test_an_unrelated_card_keeps_its_box_when_a_title_changes(qapp):
    journey = workshop_journey()
    stack = QUndoStack()
    scene = JourneyScene(journey, stack)
    c3 = scene.card_item("c3").box  # same lane, another stage
    push_edit(stack, journey, update_card("c1", title="A much longer title that wraps onto "
                                          "several lines of the card"))
    assert scene.card_item("c3").box is c3
    assert len(scene.card_item("c1").box.title_lines) > 1


def test_the_emotion_curve_follows_emotion_changes(qapp):
    journey = workshop_journey()
    stack = QUndoStack()
    scene = JourneyScene(journey, stack)
    curve = scene.curve_item("l2")
    y_before = curve.curve.points[-1][1]
    push_edit(stack, journey, update_card("c5", emotion=2))
    assert scene.curve_item("l2") is curve
    assert curve.curve.points[-1][1] < y_before  # higher on screen = happier


def test_card_tooltip_tells_what_the_face_does_not(qapp):
    from app.canvas.tooltips import card_tooltip

    journey = workshop_journey()
    text = card_tooltip(journey, "c3")
    assert "Orders online" in text and "Sales" in text and "Backed by data" in text


def test_set_journey_shows_the_new_map_and_forgets_the_old(qapp):
    from app.model.edits import History

    first, second = workshop_journey(), load(SAMPLE)
    stack = QUndoStack()
    scene = JourneyScene(first, stack)
    scene.set_journey(second)
    assert set(scene.layout.cards) == {c.id for c in second.cards}
    assert scene.card_item("c1") is None
    History(first).do(update_card("c1", title="Changed elsewhere"))
    scene.sync()
    assert set(scene.layout.cards) == {c.id for c in second.cards}
