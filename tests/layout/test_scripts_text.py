"""Wrapping and cutting text in scripts other than Latin (app.layout.breaking)."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.layout.breaking import graphemes, line_segments
from app.layout.cards import measure
from app.layout.clamp import drawn_text
from app.layout.fonts import chain
from app.layout.shaping import base_rtl, shape_line
from app.layout.style import DEFAULT_STYLE
from app.layout.text import ELLIPSIS, metrics

THAI_WORDS = ["ลูกค้า", "โทร", "หา", "ศูนย์", "บริการ", "เพื่อ", "สอบถาม", "ข้อมูล"]
THAI = "".join(THAI_WORDS)

needs_thai = pytest.mark.skipif(chain(False).face_for(ord("ก")) is None,
                                reason="no Thai font installed (fonts-noto-core)")


def test_thai_breaks_between_words_found_in_the_dictionary():
    assert line_segments(THAI) == tuple(THAI_WORDS)


@needs_thai
def test_thai_wraps_between_words_never_inside_one():
    tm = metrics()
    for width in (40, 60, 90, 130):
        lines = tm.wrap(THAI, width, 11)
        assert "".join(lines) == THAI
        ends = {len("".join(THAI_WORDS[:i])) for i in range(len(THAI_WORDS) + 1)}
        pos = 0
        for line in lines[:-1]:
            pos += len(line)
            assert pos in ends, (width, lines)
        assert all(tm.width(line, 11) <= width or len(graphemes(line)) == 1 for line in lines)


def test_cut_titles_never_split_a_grapheme():
    tm = metrics()
    title = "Ne\u0301gociation 👍🏽👍🏽👍🏽 e\u0301e\u0301e\u0301e\u0301 ग्राहक ग्राहक ग्राहक " * 4
    for width in range(30, 160, 7):
        lines = tm.wrap(title, width, 11, max_lines=2)
        assert lines[-1].endswith(ELLIPSIS)
        kept = "".join(lines)[:-1].replace(" ", "")
        # Every kept piece is whole graphemes of the title.
        assert all(g in graphemes(title) for g in graphemes(kept)), (width, lines)
        # The cut falls after a whole grapheme: no mark or skin tone left without its base.
        last = graphemes(lines[-1][:-1].rstrip())[-1]
        assert last in graphemes(title) and not unicodedata.combining(last[0]), (width, lines)


def test_latin_keeps_the_unshaped_fast_path():
    tm = metrics()
    for text in ("Call the helpdesk", "Ο πελάτης", "Клиент", "Khách hàng gọi điện", "naïve €5"):
        assert tm.is_simple(text)
    for text in ("שלום", "e\u0301", "ग्राहक", "客户", "👍🏽"):
        assert not tm.is_simple(text)


@given(st.text(alphabet=st.sampled_from(list("ab שלום مرحبا 12 ก ข\u0301")), max_size=40))
@settings(max_examples=60, deadline=None)
def test_shaped_wrap_keeps_every_character_and_each_line_fits(text):
    tm = metrics()
    width = 60.0
    lines = tm.wrap(text, width, 11)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert tm.width(line, 11) <= width + 0.01 or len(graphemes(line)) == 1


def test_bidi_runs_are_in_visual_order():
    line = shape_line("abc שלום def")
    assert [r.rtl for r in line.runs] == [False, True, False]
    hebrew = line.runs[1]
    assert "".join(hebrew.texts[::-1]).strip() == "שלום"


MIXED = st.text(alphabet=st.sampled_from("ab cd\nשלוםمرحبا é1"), max_size=40)


@settings(max_examples=200, deadline=None)
@given(MIXED, st.floats(20, 200), st.one_of(st.none(), st.integers(0, 3)))
def test_text_wraps_paragraph_by_paragraph_and_says_which_path_it_took(text, width, max_lines):
    # One paragraph of fast-path text is wrapped without splitting on
    # newlines; the lines of fast-path text are those of each paragraph
    # wrapped alone (text with any shaped paragraph is all shaped).
    tm = metrics()
    lines, simple = tm.wrap_simple(text, width, 11, max_lines=max_lines)
    assert simple == tm.is_simple(text.replace("\n", " "))
    assert lines == tm.wrap(text, width, 11, max_lines=max_lines)
    if max_lines is None and simple:
        assert lines == [line for p in text.split("\n") for line in tm.wrap(p, width, 11)]


@settings(max_examples=200, deadline=None)
@given(MIXED)
def test_a_card_title_reads_right_to_left_as_its_first_strong_character_says(title):
    s = DEFAULT_STYLE
    m = measure(title, "", False, s, metrics())
    assert m.rtl == (not metrics().is_simple(title) and base_rtl(drawn_text(title)))
    assert bool(m.offsets) == m.rtl
