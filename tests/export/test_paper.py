"""Paper sizes and poster tiling, checked against hand-computed figures."""

import pytest

from app.export.paper import (
    MM,
    best_orientation,
    column_letters,
    fit,
    paper_name,
    paper_size,
    plan_pages,
    sheets_needed,
    tile_grid,
    tile_label,
)


def test_a4_is_210_by_297_mm():
    w, h = paper_size("A4")
    assert (round(w / MM, 6), round(h / MM, 6)) == (210, 297)


def test_us_sizes_in_points():
    assert paper_size("Letter") == (612, 792)
    assert paper_size("Legal") == (612, 1008)
    assert paper_size("Tabloid") == (792, 1224)


def test_landscape_swaps_sides():
    assert paper_size("a3", landscape=True) == paper_size("A3")[::-1]


def test_paper_names_ignore_case():
    assert paper_name("tabloid") == "Tabloid"


def test_unknown_paper_names_the_known_ones():
    with pytest.raises(ValueError, match="A0, A1.*Tabloid"):
        paper_size("B5")


@pytest.mark.parametrize(
    "length_mm, printable_mm, overlap_mm, expected",
    [
        (100, 190, 10, 1),   # fits on one sheet
        (190, 190, 10, 1),   # exactly one sheet
        (191, 190, 10, 2),
        (370, 190, 10, 2),   # 190 + 180
        (371, 190, 10, 3),
        (570, 190, 0, 3),    # exactly three sheets without overlap
        (570, 190, 20, 4),   # 190 + 170 + 170 = 530 < 570
    ],
)
def test_sheets_needed(length_mm, printable_mm, overlap_mm, expected):
    assert sheets_needed(length_mm * MM, printable_mm * MM, overlap_mm * MM) == expected


def test_a3_poster_picks_portrait_when_it_needs_fewer_sheets():
    # Portrait A3: printable 277 x 400 mm -> 2 x 1; landscape 400 x 277 -> 2 x 2.
    grid = tile_grid(500 * MM, 300 * MM, "A3", None, overlap=10 * MM)
    assert (grid.columns, grid.rows, grid.count) == (2, 1, 2)
    assert grid.sheet_w < grid.sheet_h


def test_a3_landscape_poster_when_asked():
    grid = tile_grid(500 * MM, 300 * MM, "A3", True, overlap=10 * MM)
    assert (grid.columns, grid.rows) == (2, 2)


def test_letter_poster_without_overlap():
    # Printable 612 - 2 * 28.35 = 555.3 pt wide: 1200 pt needs 3 columns.
    grid = tile_grid(1200, 700, "Letter", False, overlap=0)
    assert (grid.columns, grid.rows) == (3, 1)


def test_tiles_advance_by_printable_minus_overlap():
    grid = tile_grid(600 * MM, 600 * MM, "A4", False, overlap=15 * MM)
    tile = grid.tile(2, 1)
    x, y, w, h = (v / MM for v in tile.source)
    assert (round(x, 6), round(y, 6), round(w, 6), round(h, 6)) == (350, 262, 190, 277)
    assert tile.label == "C2"


def test_tiles_cover_the_whole_drawing():
    grid = tile_grid(2000, 1500, "A5", False, overlap=20)
    last = grid.tiles()[-1]
    x, y, w, h = last.source
    assert x + w >= 2000 and y + h >= 1500
    assert len(grid.tiles()) == grid.count


def test_negative_overlap_is_refused():
    with pytest.raises(ValueError, match="negative"):
        tile_grid(1000, 1000, "A4", False, overlap=-1)


def test_overlap_as_large_as_the_sheet_is_refused():
    with pytest.raises(ValueError, match="less than half the printable"):
        tile_grid(1000, 1000, "A5", False, overlap=200 * MM)


def test_labels_and_neighbours():
    grid = tile_grid(3000, 3000, "A4", False, overlap=0)
    assert grid.neighbours(1, 2) == {"up": "B2", "left": "A3", "right": "C3", "down": "B4"}
    assert grid.neighbours(0, 0) == {"right": "B1", "down": "A2"}


def test_column_letters_go_past_z():
    assert [column_letters(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A", "Z", "AA", "AB", "ZZ", "AAA"]
    assert tile_label(27, 9) == "AB10"


def test_fit_keeps_proportions_and_centres():
    place = fit(200, 100, 300, 300, margin=50)
    assert place.scale == 1.0
    assert (place.x, place.y) == (50, 100)


def test_wide_map_prefers_landscape():
    assert best_orientation(3000, 1000, "A4") is True
    assert best_orientation(1000, 3000, "A4") is False


def test_default_plan_is_one_page_the_size_of_the_map_plus_margins():
    plan = plan_pages(1000, 500)
    assert plan.mode == "fit" and plan.pages == 1
    assert (plan.page_w, plan.page_h) == pytest.approx((1000 + 20 * MM, 500 + 20 * MM))
    assert plan.placement.scale == 1.0


def test_huge_map_is_shrunk_to_the_largest_page_viewers_accept():
    plan = plan_pages(40000, 1000)
    assert plan.page_w == pytest.approx(14400)


def test_a_shrunk_map_keeps_its_shape_and_only_its_longer_side_is_limited():
    # The benchmark's 5,000-card map: 12 stages wide, its lanes very tall.
    plan = plan_pages(2904, 36312)
    margins = 20 * MM
    assert plan.page_h == pytest.approx(14400) and plan.page_w < 14400
    assert (plan.page_w - margins) / (plan.page_h - margins) == pytest.approx(2904 / 36312)
    assert plan.placement.scale == pytest.approx((plan.page_h - margins) / 36312)


def test_paper_plan_scales_the_map_onto_the_sheet():
    plan = plan_pages(3000, 1000, "A4")  # a wide map: landscape chosen
    assert (plan.page_w, plan.page_h) == pytest.approx(paper_size("A4", True))
    assert plan.placement.scale == pytest.approx((297 - 20) * MM / 3000)


def test_poster_plan_counts_the_assembly_page():
    plan = plan_pages(500 * MM, 300 * MM, "A3", None, poster=True)
    assert plan.mode == "poster" and plan.pages == 3


def test_tile_labels_shrink_to_their_cell_and_vanish_when_too_small():
    from app.export.paper import label_size

    assert label_size(400, 300, 1.4) == 28.0
    assert label_size(40, 300, 2.8) == pytest.approx(40 * 0.7 / 2.8)  # 70 % of the width
    assert label_size(400, 20, 1.4) == pytest.approx(10)  # half the height
    assert label_size(8, 8, 1.4) is None
