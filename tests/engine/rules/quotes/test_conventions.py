from __future__ import annotations

import pytest

from editor.engine.rules.quotes.conventions import dialogue_tags, function_endings


def test_unknown_languages_read_as_english():
    assert function_endings("xx") == function_endings("en")


@pytest.mark.parametrize("tag", ["she said", "Alice asked", "she’d say", "he would say"])
def test_a_tag_right_after_an_opener_is_seen(tag):
    assert dialogue_tags("en").after.match(tag + ", and so on")


@pytest.mark.parametrize("text", ["and then she’d say,", "said he,", "my mother said,"])
def test_a_tag_right_before_a_closer_is_seen(text):
    assert dialogue_tags("en").before.search(text)


@pytest.mark.parametrize("text", ["I do say Guilty.", "what do you say,", "we say no."])
def test_say_inside_speech_is_no_tag(text):
    assert not dialogue_tags("en").before.search(text)
