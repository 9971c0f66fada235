"""The solver: a margin's re-solve that resumes from the window's beam costs what a full re-solve does."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.engine.rules.quotes import repair
from editor.engine.rules.quotes.solver import ParagraphSolver

_WORDS = ["the", "said", "Anna", "no", "yes", "He", "went", "home", "“", "”", "‘", "’", '"']


def _cost_checked(calls: list[tuple[float, float]]):
    resumed = ParagraphSolver.cost_without

    def cost_without(self, allowed, window, index, excluded):
        cost = resumed(self, allowed, window, index, excluded)
        calls.append((cost, self.solve(allowed, exclude=(index, excluded), window=window)[0]))
        return cost

    return cost_without


@given(st.lists(st.sampled_from(_WORDS), min_size=4, max_size=40), st.booleans())
def test_a_resumed_re_solve_costs_what_a_full_one_does(words: list[str], spaced: bool) -> None:
    text = " ".join(words) + ("\n\n" if spaced else " ") + "“He went” home."
    calls: list[tuple[float, float]] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ParagraphSolver, "cost_without", _cost_checked(calls))
        list(repair.analyse(text, "en"))
    assert all(resumed == full for resumed, full in calls)


def test_the_check_runs_on_a_broken_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[float, float]] = []
    monkeypatch.setattr(ParagraphSolver, "cost_without", _cost_checked(calls))
    changes = list(repair.analyse("He said” no to them “and went home. “Yes” said the” man.", "en"))
    assert changes
    assert calls
    assert all(resumed == full for resumed, full in calls)
