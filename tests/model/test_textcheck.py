"""Finding lone surrogates: the first in file order, at any depth, in values and keys."""

from __future__ import annotations

import pytest

from app.model.errors import JourneyError
from app.model.textcheck import check_no_surrogates, find_surrogate, has_surrogate


def fail(path, message):
    raise JourneyError(f"m.journey: {path}: {message}")


def test_the_first_in_file_order_is_named():
    data = {"title": "ok", "cards": [{"id": "a"}, {"id": "b", "title": "x\udc00"}],
            "flows": [{"label": "\ud800"}]}
    assert find_surrogate(data) == ("cards[1].title", "\udc00")
    with pytest.raises(JourneyError, match=r"^m\.journey: cards\[1\]\.title: holds \\udc00, "):
        check_no_surrogates(data, fail)


def test_deep_nesting_does_not_exhaust_the_stack():
    data: object = "\udfff"
    for _ in range(50_000):
        data = [data]
    assert has_surrogate(data)
    path, _ = find_surrogate({"x": data})
    assert path == "x" + "[0]" * 50_000


def test_pairs_and_plain_text_pass():
    data = {"title": "Launch \U0001f680 \u00e9", "k\u00e9y": ["a", {"b": 1.5}]}
    assert not has_surrogate(data) and find_surrogate(data) is None
    check_no_surrogates(data, fail)


def test_a_text_without_escapes_is_not_walked():
    # The parsed data would fail, but the text shows that no escape made it.
    check_no_surrogates({"title": "\ud800"}, fail, text='{"title": "plain"}')
    with pytest.raises(JourneyError):
        check_no_surrogates({"title": "\ud800"}, fail, text='{"title": "\\uD800"}')
