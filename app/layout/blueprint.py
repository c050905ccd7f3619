"""The service blueprint's three lines as layout boxes (contract: "Blueprint zones and lines").

`line_boxes` places each line that `app.model.blueprint.blueprint_lines`
says is drawn along the top edge of its lane, across the whole map, with its
label at both ends just above it; the canvas and the PDF draw these boxes
and nothing else, so the lines stand at the same places on screen and paper.

Plain Python; never imports Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.layout.style import Style
from app.layout.text import TextMetrics
from app.model.blueprint import blueprint_lines
from app.model.vocabulary import BLUEPRINT_LINE_NAMES

#: Line -> (colour, dash pattern): three lines told apart in black and white too.
LINE_LOOKS: dict[str, tuple[str, tuple[float, ...]]] = {
    "interaction": ("#2F6DB5", (8.0, 4.0)),
    "visibility": ("#B23A48", ()),
    "internal": ("#5B6B3A", (2.0, 3.0)),
}
LINE_WIDTH = 2.0
LABEL_SIZE = 10.0
LABEL_PAD = 6.0  # from the map's edges and above the line


@dataclass(frozen=True, slots=True)
class BlueprintLine:
    """One line of a blueprint: where it runs and where its two labels stand.

    ``y`` is the top edge of lane ``lane_id``; the line runs from ``x0`` to
    ``x1``; ``label`` is drawn at (``left_x``, ``label_baseline``) and at
    (``right_x``, ``label_baseline``), in ``color`` at ``label_size``.
    """

    name: str
    lane_id: str
    label: str
    y: float
    x0: float
    x1: float
    left_x: float
    right_x: float
    label_baseline: float
    label_size: float
    color: str
    dash: tuple[float, ...]
    width: float = LINE_WIDTH


def line_boxes(lanes: Sequence[Any], rows: dict[str, tuple[float, float]], width: float,
               style: Style, tm: TextMetrics) -> list[BlueprintLine]:
    """The lines to draw for ``lanes`` (in order) laid out in ``rows`` on a map ``width`` wide."""
    placed = blueprint_lines([lane.kind for lane in lanes])
    out = []
    x0, x1 = 0.0, width
    # Two lines on one edge (backstage straight under the customer): the
    # second's labels go after the first's so that both read.
    offsets: dict[int, float] = {}
    for name, index in placed.items():
        lane_id = lanes[index].id
        y = rows[lane_id][0]
        label = BLUEPRINT_LINE_NAMES[name]
        text_w = tm.width(label, LABEL_SIZE, True)
        shift = offsets.get(index, 0.0)
        offsets[index] = shift + text_w + 3 * LABEL_PAD
        color, dash = LINE_LOOKS[name]
        left = style.lane_header_width + LABEL_PAD + shift
        right = x1 - LABEL_PAD - text_w - shift
        out.append(BlueprintLine(name, lane_id, label, y, x0, x1, left, right,
                                 y - LABEL_PAD / 2 - tm.descent(LABEL_SIZE), LABEL_SIZE,
                                 color, dash))
    return out
