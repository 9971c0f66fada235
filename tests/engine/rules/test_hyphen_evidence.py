from collections import Counter

import pytest

from editor.engine.lexicon import load_lexicon
from editor.engine.rules.hyphen_evidence import Action, Gap, HyphenJudge
from editor.engine.userdict import UserDictionary
from editor.engine.vocabulary import Vocabulary


def judge_for(text="", language="en", hyphenated=(), dictionary=None):
    """A judge over ``text``, told which hyphenated forms the text writes inline."""
    return HyphenJudge(
        language,
        load_lexicon(language),
        Vocabulary.of(text),
        Counter(hyphenated),
        Counter(),
        dictionary or UserDictionary(),
    )


@pytest.mark.parametrize(
    ("fragment", "is_word"),
    [
        ("known", True),
        ("well", True),
        ("announ", False),
        ("ced", False),
        ("re", False),  # listed, but too rare for a two-letter word
        ("to", True),
        ("a", True),  # an English one-letter word
        ("M", False),
    ],
)
def test_which_fragments_count_as_words(fragment, is_word):
    assert judge_for().is_word(fragment) is is_word


def test_standalone_counts_leave_out_chain_parts():
    judge = HyphenJudge(
        "en",
        load_lexicon("en"),
        Vocabulary.of("well-known and well"),
        Counter(),
        Counter({"well": 1, "known": 1}),
        UserDictionary(),
    )
    assert judge.standalone("well") == 1
    assert judge.standalone("known") == 0


@pytest.mark.parametrize(
    ("left", "right", "gap", "action"),
    [
        ("announ", "ced", Gap.NONE, Action.JOIN),
        ("announ", "ced", Gap.SPACE, Action.JOIN),
        ("announ", "ced", Gap.LINE, Action.JOIN),
        ("well", "known", Gap.NONE, Action.LEAVE),
        ("well", "known", Gap.LINE, Action.TIGHTEN),
        ("first", "and", Gap.SPACE, Action.LEAVE),
        ("first", "and", Gap.LINE, Action.LEAVE),
        ("Jean", "Claude", Gap.NONE, Action.LEAVE),
        ("anti", "American", Gap.NONE, Action.LEAVE),
        ("1961", "1990", Gap.NONE, Action.LEAVE),
        ("COVID", "19", Gap.NONE, Action.LEAVE),
        ("35", "56", Gap.LINE, Action.TIGHTEN),
        ("X", "Y", Gap.NONE, Action.LEAVE),
    ],
)
def test_verdicts_from_the_lexicon_alone(left, right, gap, action):
    assert judge_for().judge(left, right, gap).action is action


def test_the_document_spelling_with_a_hyphen_wins():
    judge = judge_for("to-day " * 5, hyphenated={"to-day": 5})
    assert judge.judge("to", "day", Gap.NONE).action is Action.LEAVE


def test_the_document_spelling_without_a_hyphen_wins():
    text = "another " * 10 + "an-other"
    judge = judge_for(text, hyphenated={"an-other": 1})
    verdict = judge.judge("an", "other", Gap.NONE)
    assert verdict.action is Action.JOIN
    assert "10×" in verdict.reason


def test_an_acronym_the_text_uses_is_joined():
    judge = judge_for("NATO and NATO again", hyphenated={"na-to": 1})
    verdict = judge.judge("NA", "TO", Gap.NONE)
    assert verdict.action is Action.JOIN
    assert verdict.confidence >= 0.6
    assert "acronym" in verdict.reason


def test_an_acronym_pair_the_text_never_joins_is_kept():
    assert judge_for().judge("US", "UK", Gap.NONE).action is Action.LEAVE


@pytest.mark.parametrize(
    ("left", "right", "language"),
    [
        ("demanda", "t", "fr"),
        ("t", "elle", "fr"),
        ("peut", "être", "fr"),
        ("кто", "то", "ru"),
        ("disse", "lhe", "pt"),
    ],
)
def test_attached_words_of_other_languages_keep_their_hyphen(left, right, language):
    verdict = judge_for(language=language).judge(left, right, Gap.NONE, chain_parts=3)
    assert verdict.action is Action.LEAVE


def test_german_compounds_split_at_a_line_end_are_joined():
    verdict = judge_for(language="de").judge("Handels", "recht", Gap.LINE)
    assert verdict.action is Action.JOIN


def test_german_suspended_hyphen_is_kept():
    verdict = judge_for(language="de").judge("Vertrags", "und", Gap.SPACE)
    assert verdict.action is Action.LEAVE


def test_the_user_dictionary_overrides_the_evidence():
    words = UserDictionary()
    words.add_join("well-known")
    words.add_keep("announ-ced")
    judge = judge_for(dictionary=words)
    assert judge.judge("well", "known", Gap.NONE).action is Action.JOIN
    assert judge.judge("announ", "ced", Gap.NONE).action is Action.LEAVE
    assert judge.judge("announ", "ced", Gap.LINE).action is Action.TIGHTEN


def test_a_word_split_at_several_places_is_damage():
    splits = Counter({"impossibility": 2, "impossib|ility": 1, "impos|sibility": 1})
    judge = HyphenJudge(
        "en", load_lexicon("en"), Vocabulary.of(""), Counter(), Counter(), UserDictionary(), splits
    )
    verdict = judge.judge("impossib", "ility", Gap.NONE)
    assert verdict.action is Action.JOIN
    assert "‘impossibility’ is split at another place 1× in this text" in verdict.reason


@pytest.mark.parametrize("gap", list(Gap))
def test_confidence_stays_below_certainty(gap):
    verdict = judge_for("announced " * 50).judge("announ", "ced", gap)
    assert 0.6 <= verdict.confidence <= 0.99


def test_reasons_are_sentences_that_name_the_words():
    verdict = judge_for("announced announced").judge("announ", "ced", Gap.NONE)
    assert verdict.reason.startswith("Stray hyphen in ‘announ-ced’:")
    assert verdict.reason.endswith(".")
    assert "‘announced’" in verdict.reason


def test_russian_words_missing_from_the_short_list_are_joined_by_their_kin():
    text = "Книга была посвящена ему, и он был посвящён в тайну."
    verdict = judge_for(text, language="ru").judge("посвящ", "ена", Gap.NONE)
    assert verdict.action is Action.JOIN


def test_russian_adverbs_with_po_keep_their_hyphen():
    verdict = judge_for(language="ru").judge("по", "приятельски", Gap.NONE)
    assert verdict.action is Action.LEAVE


@pytest.mark.parametrize("gap", list(Gap))
@pytest.mark.parametrize(("left", "right"), [("qzx", "vbw"), ("zork", "blat"), ("well", "known")])
def test_every_verdict_has_a_reason_sentence(left, right, gap):
    verdict = judge_for(language="fr").judge(left, right, gap)
    assert verdict.reason.endswith(".")
    assert ": ." not in verdict.reason
    assert len(verdict.reason) > 20


def test_an_inline_join_between_two_words_has_its_own_calibration_curve():
    from editor.engine.rules.hyphen_calibration import FixKind

    judge = judge_for()
    assert judge.join_kind(Gap.NONE, "night", "cap") is FixKind.JOIN_WORDS
    assert judge.join_kind(Gap.NONE, "announ", "ced") is FixKind.JOIN_INLINE
    assert judge.join_kind(Gap.LINE, "night", "cap") is FixKind.JOIN_LINE


def test_a_russian_reduplication_keeps_its_hyphen_whatever_the_web_lists():
    judge = judge_for(language="ru")
    assert judge.judge("фу", "фу", Gap.NONE).action is Action.LEAVE
    assert judge.judge("ого", "го", Gap.NONE).action is Action.LEAVE


def test_a_doubled_letter_before_an_ending_is_inside_one_word():
    from editor.engine.rules.hyphen_calibration import FixKind

    judge = judge_for()
    assert judge.doubled_before_ending("overlap", "ping")
    assert judge.join_kind(Gap.NONE, "split", "ting") is FixKind.JOIN_INLINE
    assert not judge.doubled_before_ending("night", "cap")


@pytest.mark.parametrize(
    ("left", "right", "language"),
    [("maint", "guide", "de"), ("lsb", "release", "fr"), ("dselect", "upgrade", "de")],
)
def test_a_code_before_a_whole_english_word_keeps_its_line_end_hyphen(left, right, language):
    verdict = judge_for(language=language).judge(left, right, Gap.LINE)
    assert verdict.action is Action.TIGHTEN
    assert "technical name" in verdict.reason


@pytest.mark.parametrize(("left", "right"), [("re", "lease"), ("announ", "ced")])
def test_a_broken_listed_word_is_no_technical_name(left, right):
    verdict = judge_for().judge(left, right, Gap.LINE)
    assert verdict.action is Action.JOIN
    assert "technical name" not in verdict.reason


@pytest.mark.parametrize(("left", "right"), [("deb", "src"), ("grep", "dctrl")])
def test_an_inline_hyphen_between_codes_that_join_into_no_word_is_left(left, right):
    verdict = judge_for(language="de").judge(left, right, Gap.NONE)
    assert verdict.action is Action.LEAVE


def test_two_french_pronouns_alone_at_a_line_end_are_one_broken_word():
    judge = judge_for(language="fr")
    assert judge.judge("ce", "lui", Gap.LINE).action is Action.JOIN
    assert judge.judge("t", "elle", Gap.NONE, chain_parts=3).action is Action.LEAVE


def test_a_broken_word_with_a_number_glued_to_its_end_is_joined():
    judge = judge_for()
    assert judge.judge("se", "quence1", Gap.LINE).action is Action.JOIN
    assert judge.judge("i386", "amd64", Gap.LINE).action is Action.TIGHTEN
