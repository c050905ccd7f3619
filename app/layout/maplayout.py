"""`MapLayout`, the computed geometry of a whole map, with the hit-testing
queries the canvas needs while the user points, drops and drags; and
`diff_layouts`, which tells the scene what an edit changed.

Import these from :mod:`app.layout.geometry`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass, field

from app.layout.blueprint import BlueprintLine
from app.layout.boxes import CardBox, EmotionCurve, FlowPath, HeaderBox, Rect

CellKey = tuple[str, str]


@dataclass(eq=False)
class MapLayout:
    """Where everything of one map goes, in layout units (y grows down).

    Columns (stages) start right of the lane header column; rows (lanes)
    start below the stage header row.  ``cells`` span a column x a row;
    ``cell_cards`` lists each cell's card ids top to bottom.  Treat it as
    read-only: a recompute makes a new one (reusing unchanged boxes).
    """

    width: float
    height: float
    header_height: float
    lane_header_width: float
    stage_headers: list[HeaderBox]
    lane_headers: list[HeaderBox]
    columns: dict[str, tuple[float, float]]
    rows: dict[str, tuple[float, float]]
    cells: dict[CellKey, Rect]
    cards: dict[str, CardBox]
    flows: dict[str, FlowPath]
    curves: list[EmotionCurve]
    cell_cards: dict[CellKey, list[str]] = field(default_factory=dict)
    #: Lane id -> y where the lane's cards start (below an emotion band).
    content_tops: dict[str, float] = field(default_factory=dict)
    #: The top-left box (the map's title).
    corner: HeaderBox | None = None
    card_width: float = 0.0
    card_gap: float = 0.0
    marker_thickness: float = 3.0
    #: The service blueprint's lines (app.layout.blueprint), top to bottom.
    blueprint_lines: list[BlueprintLine] = field(default_factory=list)
    stage_ids: list[str] = field(init=False)
    lane_ids: list[str] = field(init=False)
    _col_starts: list[float] = field(init=False, repr=False)
    _row_starts: list[float] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # dicts keep insertion order, which is column / row order.
        self.stage_ids = list(self.columns)
        self.lane_ids = list(self.rows)
        self._col_starts = [x for x, _ in self.columns.values()]
        self._row_starts = [y for y, _ in self.rows.values()]

    # ------------------------------------------------------------ axes
    def stage_at(self, x: float) -> str | None:
        """The stage whose column holds ``x`` (None in the lane headers or beyond)."""
        i = bisect_right(self._col_starts, x) - 1
        if i < 0:
            return None
        sid = self.stage_ids[i]
        start, w = self.columns[sid]
        return sid if x <= start + w else None

    def lane_at(self, y: float) -> str | None:
        """The lane whose row holds ``y`` (None in the stage headers or beyond)."""
        i = bisect_right(self._row_starts, y) - 1
        if i < 0:
            return None
        lid = self.lane_ids[i]
        start, h = self.rows[lid]
        return lid if y <= start + h else None

    def stage_insert_index(self, x: float) -> int:
        """Index a stage header dropped at ``x`` goes to: the columns whose centre is left of x."""
        return sum(1 for start, w in self.columns.values() if start + w / 2 < x)

    def lane_insert_index(self, y: float) -> int:
        """Index a lane header dropped at ``y`` goes to: the rows whose centre is above y."""
        return sum(1 for start, h in self.rows.values() if start + h / 2 < y)

    # ----------------------------------------------------------- cells
    def cell_at(self, x: float, y: float) -> CellKey | None:
        """(stage id, lane id) of the cell under the point, or None."""
        sid = self.stage_at(x)
        if sid is None:
            return None
        lid = self.lane_at(y)
        return None if lid is None else (sid, lid)

    def card_at(self, x: float, y: float) -> str | None:
        """Id of the card under the point, or None."""
        key = self.cell_at(x, y)
        if key is None:
            return None
        for cid in self.cell_cards.get(key, ()):
            if self.cards[cid].rect.contains(x, y):
                return cid
        return None

    def insertion_index(
        self, stage_id: str, lane_id: str, y: float, exclude: Collection[str] = ()
    ) -> int:
        """Where in the cell a card dropped at ``y`` lands: the cards whose centre is above y.

        Args:
            stage_id: the cell's stage.
            lane_id: the cell's lane.
            y: the drop point.
            exclude: the dragged cards; they are not counted, so the result
                is the index `app.model.edits.MoveCards` expects (it takes
                the moved cards out of their cells before inserting).
        """
        ids = self._ids(stage_id, lane_id, exclude)
        return sum(1 for cid in ids if self.cards[cid].rect.cy < y)

    def insertion_marker(
        self, stage_id: str, lane_id: str, index: int, exclude: Collection[str] = ()
    ) -> Rect:
        """A thin bar showing where a card inserted at ``index`` would go.

        Pass the same ``exclude`` as to `insertion_index`.
        """
        ids = self._ids(stage_id, lane_id, exclude)
        x = self.columns[stage_id][0] + (self.columns[stage_id][1] - self.card_width) / 2
        if not ids:
            mid = self.content_tops[lane_id] - self.card_gap / 2
        elif index <= 0:
            mid = self.cards[ids[0]].rect.y - self.card_gap / 2
        elif index >= len(ids):
            mid = self.cards[ids[-1]].rect.bottom + self.card_gap / 2
        else:
            mid = (self.cards[ids[index - 1]].rect.bottom + self.cards[ids[index]].rect.y) / 2
        t = self.marker_thickness
        return Rect(x, mid - t / 2, self.card_width, t)

    def _ids(self, stage_id: str, lane_id: str, exclude: Collection[str]) -> list[str]:
        ids = self.cell_cards.get((stage_id, lane_id), [])
        return [cid for cid in ids if cid not in exclude] if exclude else ids


@dataclass(frozen=True)
class LayoutDiff:
    """What changed between two layouts of the same map.

    ``cards`` and ``flows`` hold the ids whose box changed, appeared or
    disappeared; the scene updates just those items.
    """

    cards: set[str]
    flows: set[str]
    headers_changed: bool
    size_changed: bool
    grid_changed: bool = False
    curves_changed: bool = False


def diff_layouts(old: MapLayout, new: MapLayout, *, by_identity: bool = False) -> LayoutDiff:
    """What the scene must update to go from ``old`` to ``new``.

    Args:
        old: the layout shown now.
        new: the layout to show.
        by_identity: count a card or flow box as changed whenever it is not
            the same object.  A cached recompute reuses every box whose
            inputs did not change, so this is nearly exact, and much cheaper
            than comparing thousands of moved boxes field by field; the odd
            equal box it reports costs one redraw.
    """
    changed = _replaced if by_identity else _changed
    return LayoutDiff(
        cards=changed(old.cards, new.cards),
        flows=changed(old.flows, new.flows),
        headers_changed=(
            old.stage_headers != new.stage_headers
            or old.lane_headers != new.lane_headers
            or old.corner != new.corner
        ),
        size_changed=(old.width, old.height) != (new.width, new.height),
        grid_changed=old.columns != new.columns or old.rows != new.rows,
        curves_changed=old.curves != new.curves,
    )


def _changed(old: dict, new: dict) -> set[str]:
    changed = {key for key in old if key not in new}
    for key, box in new.items():
        before = old.get(key)
        # Unchanged boxes are reused by a cached recompute: identity first.
        if before is not box and before != box:
            changed.add(key)
    return changed


def _replaced(old: dict, new: dict) -> set[str]:
    changed = {key for key in old if key not in new}
    get = old.get
    changed.update(key for key, box in new.items() if get(key) is not box)
    return changed
