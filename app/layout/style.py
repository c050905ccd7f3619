"""The theme as data: sizes, fonts, strokes and colours, shared by canvas and PDF.

A `Style` is an immutable value; renderers never invent a colour or a size of
their own but ask the style (or the boxes the layout built from it).  The
palette is meant to read like sticky notes on a wall: each card kind has a
calm, distinct tint and a darker border of the same hue, lanes get a very pale
wash of their kind's hue, and headers are quiet slate so the cards stay in
front.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

# --------------------------------------------------------------- palettes
#: Card kind -> (fill, border).
CARD_COLORS = {
    "touchpoint": ("#DCEBFB", "#7FA6D6"),
    "action": ("#F0F2F5", "#A3ACB8"),
    "thought": ("#ECE5F8", "#A592D2"),
    "pain": ("#FBE2E0", "#DC8580"),
    "opportunity": ("#DDF2E3", "#74B888"),
    "partner": ("#FCEACB", "#DCA54E"),
    "note": ("#FFF4B8", "#D8BD52"),
    "evidence": ("#E4F1F1", "#6FA6A6"),  # blueprint (issue 12)
}

#: Lane kind -> pale background wash of the lane's cells.
LANE_TINTS = {
    "actions": "#F7F8FA",
    "touchpoints": "#F3F8FE",
    "thoughts": "#F8F5FD",
    "emotion": "#FBFAF7",
    "pain": "#FDF5F4",
    "opportunity": "#F3FAF5",
    "backstage": "#F2F3F5",
    "partner": "#FEF8EE",
    "notes": "#FFFCEB",
    # blueprint (issue 12)
    "evidence": "#F2F8F8",
    "frontstage": "#F1F6FC",
    "support": "#F4F2F0",
}

#: Lane kind -> accent of its header (the bar on the header's left edge).
LANE_ACCENTS = {
    "actions": "#8B95A3",
    "touchpoints": "#5B8FD1",
    "thoughts": "#9580C9",
    "emotion": "#E0A030",
    "pain": "#D46A64",
    "opportunity": "#5AAA72",
    "backstage": "#6C7684",
    "partner": "#D39A3A",
    "notes": "#C9AE3C",
    # blueprint (issue 12)
    "evidence": "#4E9595",
    "frontstage": "#3E6FB0",
    "support": "#8A7560",
}

#: Flow kind -> line colour.
FLOW_COLORS = {
    "normal": "#5D6B7D",
    "alternative": "#5D6B7D",
    "failure": "#D0453F",
}

#: Emotion -2..2 -> colour of its mark and of the curve's dots.
EMOTION_COLORS = {
    -2: "#D9534F",
    -1: "#EE9A4D",
    0: "#A9B0B8",
    1: "#86BE4F",
    2: "#3FA35B",
}

#: Colours handed out, in order, to newly created departments.
DEPARTMENT_PALETTE = (
    "#3F7CC9",
    "#E0812E",
    "#3B9C5A",
    "#C4463F",
    "#8461C2",
    "#1E9AA0",
    "#C2578F",
    "#8C7A3E",
    "#5A6B7F",
    "#D4A72C",
)


def _frozen(mapping: dict[Any, Any]) -> Any:
    return field(default_factory=lambda: dict(mapping))


@dataclass(frozen=True)
class Style:
    """Every size, font size, stroke and colour the layout and renderers use.

    Sizes are layout units (1 unit = 1 px at 100 % zoom = 1 pt on paper).
    Build variants with ``dataclasses.replace(DEFAULT_STYLE, ...)``.
    """

    # cards
    card_width: float = 196.0
    card_min_height: float = 52.0
    card_pad_x: float = 10.0
    card_pad_top: float = 9.0
    card_pad_bottom: float = 9.0
    card_gap: float = 10.0
    card_radius: float = 6.0
    card_title_size: float = 13.0
    card_title_max_lines: int = 6
    card_meta_size: float = 10.0
    card_meta_gap: float = 5.0
    card_meta_color: str = "#5F6B7A"
    card_text_color: str = "#1F2933"
    #: Print each card's notes under its title (exports with ``--notes``), at
    #: ``card_meta_size``, at most this many lines.
    card_notes: bool = False
    card_notes_max_lines: int = 8
    card_border_width: float = 1.0
    stripe_width: float = 5.0
    emotion_mark_size: float = 16.0
    # dot votes (app/layout/dots.py)
    vote_dot_size: float = 6.5
    vote_dot_gap: float = 2.5
    vote_dot_color: str = "#1D4ED8"
    vote_label_size: float = 8.0
    # blueprint (issue 12): the fail point badge, dark enough to print grey
    fail_mark_size: float = 16.0
    fail_mark_fill: str = "#C62828"
    fail_mark_text: str = "#FFFFFF"
    # evidence
    assumption_fill_mix: float = 0.55  # how far the fill fades toward white
    assumption_dash: tuple[float, ...] = (4.0, 3.0)
    data_border_width: float = 2.2
    faded_opacity: float = 0.28
    # cells and grid
    cell_pad_x: float = 16.0
    cell_pad_top: float = 18.0
    cell_pad_bottom: float = 14.0
    min_row_height: float = 84.0
    grid_color: str = "#D9DEE5"
    grid_width: float = 1.0
    background: str = "#FFFFFF"
    # headers
    header_min_height: float = 54.0
    header_pad_x: float = 14.0
    header_pad_y: float = 10.0
    stage_header_size: float = 16.0
    stage_header_fill: str = "#2F3B4C"
    stage_header_alt_fill: str = "#3A4759"
    stage_header_text: str = "#FFFFFF"
    stage_header_max_lines: int = 3
    lane_header_width: float = 168.0
    lane_header_size: float = 14.0
    lane_header_fill: str = "#F4F6F9"
    lane_header_text: str = "#26313F"
    lane_header_accent_width: float = 5.0
    lane_header_max_lines: int = 4
    corner_fill: str = "#26313F"
    # flows
    flow_width: float = 1.6
    flow_dash: tuple[float, ...] = (6.0, 4.0)
    #: Failure flows: dash-dot, so that they differ from the others without their red.
    failure_dash: tuple[float, ...] = (9.0, 3.0, 1.5, 3.0)
    flow_label_size: float = 10.0
    flow_label_color: str = "#3E4A59"
    flow_label_fill: str = "#FFFFFF"
    arrow_length: float = 9.0
    arrow_width: float = 8.0
    flow_reach: float = 60.0  # how far a flow's curve bulges out of a card edge
    # emotion lane
    emotion_level_gap: float = 22.0
    emotion_band_pad: float = 12.0
    emotion_curve_color: str = "#E0A030"
    emotion_curve_width: float = 2.6
    emotion_guide_color: str = "#E6E1D6"
    emotion_dot_radius: float = 4.5
    # interaction
    selection_color: str = "#2F7BEA"
    selection_width: float = 2.0
    marker_color: str = "#2F7BEA"
    marker_thickness: float = 3.0
    # palettes
    card_colors: dict[str, tuple[str, str]] = _frozen(CARD_COLORS)
    lane_tints: dict[str, str] = _frozen(LANE_TINTS)
    lane_accents: dict[str, str] = _frozen(LANE_ACCENTS)
    flow_colors: dict[str, str] = _frozen(FLOW_COLORS)
    emotion_colors: dict[int, str] = _frozen(EMOTION_COLORS)

    def __hash__(self) -> int:
        # The palettes are dicts (easy to read and to replace); hash them as
        # sorted items so that a Style can key a cache like any frozen value.
        # A style never changes, so the (slow) hash is computed once.
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = hash(tuple(
                tuple(sorted(v.items())) if isinstance(v, dict) else v
                for v in (getattr(self, f.name) for f in fields(self))
            ))
            object.__setattr__(self, "_hash", cached)
        return cached


DEFAULT_STYLE = Style()

#: The same layout rules with type large enough for a projector or a poster.
PRESENTATION_STYLE = replace(
    DEFAULT_STYLE,
    card_width=236.0,
    card_min_height=60.0,
    card_pad_x=12.0,
    card_pad_top=11.0,
    card_pad_bottom=11.0,
    card_title_size=16.0,
    card_meta_size=12.0,
    emotion_mark_size=19.0,
    vote_dot_size=8.0,
    vote_label_size=10.0,
    stripe_width=6.0,
    cell_pad_x=18.0,
    min_row_height=96.0,
    header_min_height=64.0,
    stage_header_size=20.0,
    lane_header_width=196.0,
    lane_header_size=17.0,
    flow_width=2.0,
    flow_label_size=12.0,
    arrow_length=11.0,
    arrow_width=10.0,
    emotion_level_gap=26.0,
    emotion_curve_width=3.2,
    emotion_dot_radius=5.5,
)


# ---------------------------------------------------------------- helpers
def mix(color: str, other: str, amount: float) -> str:
    """``color`` moved ``amount`` (0..1) of the way toward ``other``."""
    a = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * amount):02X}" for x, y in zip(a, b, strict=True))


def card_colors(style: Style, card: Any) -> tuple[str, str]:
    """(fill, border) of a card: its kind's colours, paler for an assumption."""
    fill, border = style.card_colors.get(card.kind, style.card_colors["action"])
    if card.evidence == "assumption":
        fill = mix(fill, "#FFFFFF", style.assumption_fill_mix)
    return fill, border


def card_border(style: Style, evidence: str | None) -> tuple[float, bool]:
    """(border width, dashed) for a card's evidence level."""
    if evidence == "data":
        return style.data_border_width, False
    return style.card_border_width, evidence == "assumption"


def flow_color(style: Style, kind: str) -> str:
    """Line colour of a flow of this kind."""
    return style.flow_colors.get(kind, style.flow_colors["normal"])


def flow_dashed(kind: str) -> bool:
    """Whether a flow of this kind is drawn dashed (alternative paths are)."""
    return kind == "alternative"


def lane_tint(style: Style, lane_kind: str) -> str:
    """Background wash of a lane's cells."""
    return style.lane_tints.get(lane_kind, style.background)


def lane_accent(style: Style, lane_kind: str) -> str:
    """Accent colour of a lane's header."""
    return style.lane_accents.get(lane_kind, style.grid_color)


def emotion_color(style: Style, emotion: int) -> str:
    """Colour of an emotion mark (-2..2)."""
    return style.emotion_colors.get(emotion, style.emotion_colors[0])


def department_color(index: int) -> str:
    """Colour for the ``index``-th department created (cycles the palette)."""
    return DEPARTMENT_PALETTE[index % len(DEPARTMENT_PALETTE)]
