"""The palette: one drag source per card kind, a new stage and a new lane."""

from PySide6.QtCore import Qt

from app.canvas.mime import MIME_CARD_KIND, MIME_NEW_LANE, MIME_NEW_STAGE
from app.model.journey import CARD_KINDS
from app.panels.palette import Palette


def test_one_tile_per_card_kind_then_stage_and_lane(qtbot):
    palette = Palette()
    qtbot.addWidget(palette)
    kinds = [t.payload for t in palette.tiles if t.mime_type == MIME_CARD_KIND]
    assert kinds == list(CARD_KINDS)
    assert [t.mime_type for t in palette.tiles[-2:]] == [MIME_NEW_STAGE, MIME_NEW_LANE]


def test_a_card_tile_drags_its_kind(qtbot):
    palette = Palette()
    qtbot.addWidget(palette)
    mime = palette.tile("Pain point").mime_data()
    assert bytes(mime.data(MIME_CARD_KIND)) == b"pain"


def test_a_tile_is_painted_in_its_kind_colours(qtbot):
    palette = Palette()
    qtbot.addWidget(palette)
    palette.resize(200, 400)
    tile = palette.tile("Opportunity")
    image = tile.grab().toImage()
    swatch = image.pixelColor(20, image.height() // 2 - 8)
    assert swatch.name().upper() == tile.fill.upper()


def test_clicking_a_tile_reports_it(qtbot):
    palette = Palette()
    qtbot.addWidget(palette)
    tile = palette.tile("New stage")
    with qtbot.waitSignal(palette.activated) as blocker:
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert blocker.args == [MIME_NEW_STAGE, ""]
