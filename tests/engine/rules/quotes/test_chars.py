"""Word counting by blocks: the same counts as one scan of the span, whatever the block size."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.engine.rules.quotes import chars
from editor.engine.rules.quotes.chars import WORD_START, WordCounter


@given(
    st.text(alphabet="aZ9é\u0301-\u00ad\n .’«", max_size=60),
    st.integers(0, 20),
    st.integers(0, 60),
    st.integers(0, 60),
    st.integers(1, 7),
)
def test_block_counts_equal_one_scan(text: str, start: int, a: int, b: int, block: int) -> None:
    start = min(start, len(text))
    a, b = sorted((min(max(a, start), len(text)), min(max(b, start), len(text))))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(chars, "WORD_BLOCK", block)
        counter = WordCounter(text, start, len(text))
        expected = len(WORD_START.findall(text, a, b))
        assert len(counter.starts(a, b)) == expected
        assert counter.starts(a, b) == [m.start() for m in WORD_START.finditer(text, a, b)]
        # blocks read for one count serve the next
        assert len(counter.starts(start, len(text))) == len(WORD_START.findall(text, start))
