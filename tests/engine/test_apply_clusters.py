"""resolve_overlaps, which ranks within clusters, keeps what one global ranking keeps."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from editor.engine.apply import _overlap, resolve_overlaps
from editor.engine.model import Category, Fix


def _one_global_ranking(fixes: list[Fix]) -> list[Fix]:
    """The definition: the best-ranked fix first, each later one kept if it overlaps none kept."""
    ranked = sorted(
        fixes, key=lambda f: (-f.confidence, f.end - f.start, f.start, f.rule, f.replacement)
    )
    kept: list[Fix] = []
    for fix in ranked:
        if not any(_overlap(k, fix) or _overlap(fix, k) for k in kept):
            kept.append(fix)
    return sorted(kept, key=lambda f: f.start)


@st.composite
def _fix(draw: st.DrawFn) -> Fix:
    start = draw(st.integers(0, 40))
    end = start + draw(st.integers(0, 6))
    return Fix(
        start,
        end,
        "x" * (end - start),
        draw(st.sampled_from(["", "y", "zz"])),
        draw(st.sampled_from(["a", "b"])),
        Category.HYPHEN,
        draw(st.sampled_from([0.5, 0.7, 0.9])),
        "",
    )


@given(st.lists(_fix(), max_size=30))
def test_clusters_keep_what_one_global_ranking_keeps(fixes: list[Fix]) -> None:
    assert resolve_overlaps(fixes) == _one_global_ranking(fixes)


def test_a_long_chain_of_overlaps_is_one_cluster() -> None:
    # each fix overlaps the next: the winners alternate, decided across the whole chain
    chain = [
        Fix(i, i + 2, "xx", "y", "a", Category.HYPHEN, 0.9 if i % 4 == 0 else 0.8, "")
        for i in range(0, 200)
    ]
    kept = resolve_overlaps(chain)
    assert kept == _one_global_ranking(chain)
    starts = [f.start for f in kept]
    assert starts == sorted(starts)
