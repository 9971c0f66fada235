"""The fast check report is byte for byte what json.dump(indent=1) wrote."""

from __future__ import annotations

import io
import json

from hypothesis import given
from hypothesis import strategies as st

from editor.engine.model import Category, Fix
from editor.jsonreport import FileReport, FixRow, report_chunks, write_report


def _reference(files: list[FileReport]) -> str:
    """What the command line wrote before: the standard library's indenting encoder."""
    document = {
        "version": 1,
        "files": [
            {
                "path": f.path,
                "encoding": f.encoding,
                "codec": f.codec,
                "encoding_sure": f.encoding_sure,
                "encoding_alternatives": list(f.encoding_alternatives),
                "undecodable_bytes": f.undecodable_bytes,
                "fixes": [
                    {
                        "line": r.line,
                        "column": r.column,
                        "start": r.fix.start,
                        "end": r.fix.end,
                        "category": r.fix.category.value,
                        "rule": r.fix.rule,
                        "before": r.fix.original,
                        "after": r.fix.replacement,
                        "confidence": round(r.fix.confidence, 4),
                        "applied_by_default": r.applied_by_default,
                        "reason": r.fix.reason,
                    }
                    for r in f.rows
                ],
            }
            for f in files
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


_texts = st.text(st.characters(codec="utf-8"), max_size=12)


@st.composite
def _rows(draw: st.DrawFn) -> FixRow:
    original = draw(_texts)
    start = draw(st.integers(0, 10**9))
    fix = Fix(
        start,
        start + len(original),
        original,
        draw(_texts),
        draw(_texts),
        draw(st.sampled_from(list(Category))),
        draw(st.one_of(st.floats(0.0, 1.0), st.sampled_from([0.0, 1.0, 0.123456789, 1e-7]))),
        draw(_texts),
    )
    return FixRow(
        draw(st.integers(1, 10**6)), draw(st.integers(1, 10**6)), fix, draw(st.booleans())
    )


_files = st.builds(
    FileReport,
    _texts,
    _texts,
    st.lists(_rows(), max_size=4),
    codec=_texts,
    encoding_sure=st.booleans(),
    encoding_alternatives=st.lists(_texts, max_size=2),
    undecodable_bytes=st.integers(0, 10**6),
)


@given(st.lists(_files, max_size=3))
def test_report_matches_the_standard_encoder(files: list[FileReport]) -> None:
    assert "".join(report_chunks(files)) == _reference(files)


def test_many_fixes_are_written_in_a_few_large_chunks() -> None:
    fix = Fix(3, 5, "a-", "a", "soft-hyphen", Category.HYPHEN, 0.9, 'a "reason" \u00ad\n')
    files = [
        FileReport("x.txt", "utf-8", [FixRow(1, 4, fix, True)] * 5000),
        FileReport("y", "", []),
    ]

    class Counting(io.StringIO):
        writes = 0

        def write(self, text: str) -> int:
            self.writes += 1
            return super().write(text)

    stream = Counting()
    write_report(files, stream)
    assert stream.getvalue() == _reference(files)
    assert stream.writes <= 3
