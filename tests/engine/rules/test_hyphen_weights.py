import dataclasses

from editor.engine.rules.hyphen_weights import WEIGHTS, HyphenWeights


def test_the_weights_are_one_frozen_table():
    assert isinstance(WEIGHTS, HyphenWeights)
    assert dataclasses.is_dataclass(WEIGHTS)
    fields = {f.name for f in dataclasses.fields(HyphenWeights)}
    assert {"prior_line", "prior_inline", "suspended", "word_chain", "affix"} <= fields


def test_the_priors_order_the_gaps_as_the_evidence_does():
    # A line-end hyphen is likelier a typesetter's than a spaced one, and that than an inline one.
    assert WEIGHTS.prior_line > WEIGHTS.prior_space > WEIGHTS.prior_inline


def test_evidence_for_the_authors_hyphen_is_negative():
    for name in ("suspended", "affix", "word_chain", "usual_hyphenated", "one_letter_at_line_end"):
        assert getattr(WEIGHTS, name) < 0
