"""Text measuring and wrapping with the bundled font's metrics."""

from hypothesis import given
from hypothesis import strategies as st

from app.layout.text import ELLIPSIS, FONT_FILES, metrics

TEXT = st.text(
    alphabet=st.sampled_from(list("abcdefghij   WMil.,-–éü😀\n")), max_size=120
)


def test_font_files_are_bundled():
    for path in FONT_FILES.values():
        with open(path, "rb") as fh:
            assert fh.read(4) in (b"\x00\x01\x00\x00", b"true")


def test_width_grows_with_text_and_size():
    tm = metrics()
    assert tm.width("WWW", 13) > tm.width("iii", 13) > 0
    assert tm.width("Hello", 26) == 2 * tm.width("Hello", 13)
    assert tm.width("Hello", 13, bold=True) > tm.width("Hello", 13)


@given(TEXT, st.floats(20, 300), st.sampled_from([10.0, 13.0, 18.0]), st.booleans())
def test_wrapped_lines_never_exceed_the_width_unless_one_glyph(text, width, size, bold):
    tm = metrics()
    for line in tm.wrap(text, width, size, bold=bold):
        assert tm.width(line, size, bold) <= width + 1e-6 or len(line) == 1


@given(TEXT, st.floats(40, 300))
def test_wrapping_keeps_every_word(text, width):
    lines = metrics().wrap(text, width, 13)
    assert "".join(lines).replace(" ", "") == "".join(text.split())


def test_wrap_breaks_at_spaces():
    lines = metrics().wrap("Calls the support line and waits on hold", 120, 13)
    assert len(lines) > 1
    assert " ".join(lines) == "Calls the support line and waits on hold"


def test_long_word_is_split_between_characters():
    word = "Supercalifragilisticexpialidocious"
    lines = metrics().wrap(word, 60, 13)
    assert len(lines) > 2
    assert "".join(lines) == word


def test_explicit_newlines_are_kept():
    assert metrics().wrap("First\nSecond", 500, 13) == ["First", "Second"]


def test_truncated_text_ends_with_ellipsis_and_fits():
    tm = metrics()
    lines = tm.wrap("one two three four five six seven eight nine ten " * 4, 90, 13, max_lines=2)
    assert len(lines) == 2
    assert lines[-1].endswith(ELLIPSIS)
    assert tm.width(lines[-1], 13) <= 90


def test_text_that_fits_is_not_truncated():
    assert metrics().wrap("Short", 200, 13, max_lines=1) == ["Short"]


def test_empty_text_is_one_empty_line():
    assert metrics().wrap("", 100, 13) == [""]


def test_vertical_metrics_scale_with_size():
    tm = metrics()
    assert tm.ascent(20) == 2 * tm.ascent(10) > 0
    assert tm.descent(20) == 2 * tm.descent(10) > 0
    assert tm.line_height(13) >= tm.ascent(13) + tm.descent(13)
