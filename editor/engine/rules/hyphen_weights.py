"""The weights of the hyphen evidence, in one table.

Every weight is a signed amount on the log-odds that a hyphen is a layout
artifact (positive: join the parts into one word; negative: the hyphen is the
author's).  :class:`~editor.engine.rules.hyphen_evidence.HyphenJudge` adds the
weights of the evidence it finds to the prior of the hyphen's gap; the sum's
logistic is the evidence's probability, which
:mod:`~editor.engine.rules.hyphen_calibration` maps to the confidence shown.

The weights were set by hand against ../shared/corpus/bench (hyphen recall
0.986 at 0.57 false changes per 10k words before this table existed) and
checked on bench-extra and corpus/typeset; where a weight was retuned later,
its comment names the figure it moved.  They are deliberately few and round:
the calibration, not the weights, makes the confidences honest.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class HyphenWeights:
    """Named weights (log-odds) and thresholds (Zipf values, counts) of the hyphen judge."""

    # -- priors: what the gap after the mark says before any word is looked at --
    #: "announ-ced": most hyphens written inline are the author's
    prior_inline: float = -0.95
    #: "announ- ced": a hyphen then a space inside a line is mostly a broken word
    prior_space: float = 1.0
    #: "announ-⏎ced": a hyphen at a line end is mostly a typesetter's break
    prior_line: float = 2.0

    # -- the fragments on either side --
    #: a side that is no word of the language ("announ"), the lexicon covering its script
    not_a_word: float = 1.3
    #: both sides are words ("well", "known"): a compound is likelier
    both_words: float = -1.0
    #: "John-son" mid-sentence: a name split in two more often than a capitalised compound
    name_split: float = 0.5
    #: a fragment no word of the language starts like ("ced": no English word starts "ce"...)
    impossible_start: float = 1.5
    #: a lone capital before a lower-case non-word ("A-merica")
    lone_capital: float = 0.5
    #: Zipf value a two-letter fragment needs to count as a word ("to", not "re")
    two_letter_word_zipf: float = 4.8
    #: Zipf value a three-letter fragment needs to count as a word ("the", not "ced")
    three_letter_word_zipf: float = 3.3
    #: Zipf value a longer fragment needs in a large lexicon, which lists web debris too
    large_lexicon_word_zipf: float = 3.0
    #: letters from which any entry of a large list counts as a word ("однообразно" at
    #: Zipf 2.7): its debris is short fragments ("ская", "коллеж"), not long words
    large_lexicon_long_fragment: int = 7

    # -- the joined word --
    #: a joined word the lexicon lists but without a corpus count
    listed_joined: float = 1.2
    #: a joined word nobody lists and the text never writes ("wellknown")
    unknown_joined: float = -2.5
    #: the same with a short lexicon (Russian in pyspellchecker), whose silence means less
    unknown_joined_small_lexicon: float = -1.0
    #: a joined word nobody lists that differs from a listed word only in its ending
    #: ("фамильярного" beside "фамильярно", "addressings"): as good as listed
    inflected_joined: float = 1.2
    #: the longest ending that the comparison above cuts off ("-ого", "-ings")
    inflection_ending_letters: int = 4
    #: the shortest start a joined word must share with the listed one
    inflection_stem_letters: int = 5
    #: the lexicon's support for a joined word: base + per Zipf unit, capped
    common_joined_base: float = 0.8
    common_joined_per_zipf: float = 0.5
    common_joined_cap: float = 3.0
    #: Zipf value from which the reason calls the joined word "common"
    common_word_zipf: float = 4.0
    #: the text writes the joined word: base + per doubling of its count, capped
    in_text_base: float = 1.5
    in_text_per_doubling: float = 0.7
    in_text_cap: float = 3.5
    #: both spellings occur: per doubling of the ratio joined / hyphenated, clamped
    both_spellings_per_doubling: float = 1.2
    both_spellings_floor: float = -4.0
    both_spellings_cap: float = 3.0
    #: only the hyphenated spelling occurs elsewhere: base + per doubling, capped
    hyphenated_elsewhere_base: float = 2.5
    hyphenated_elsewhere_cap: float = 4.5
    #: a common joined word the text never writes although its length predicts it would
    never_in_text_per_doubling: float = 0.6
    never_in_text_cap: float = 2.5
    #: how often the lexicon predicts the word in a text this long, for the evidence to count
    never_in_text_min_expected: float = 2.0
    #: the word is split at other places elsewhere in the text: base + per doubling, capped
    split_elsewhere_base: float = 1.0
    split_elsewhere_per_doubling: float = 0.5
    split_elsewhere_cap: float = 2.0
    #: the hyphenated form is a usual spelling ("e-mail", "to-day", a listed hyphenated word)
    usual_hyphenated: float = -3.0

    # -- affixes, particles, grammar --
    #: a prefix written with a hyphen ("co-", "re-", "кое-"), or a particle after one ("-то")
    affix: float = -2.2
    #: Russian "не-", "по-", "бы-" before a word whose joined form is one ("не-ладно"):
    #: the language hyphenates no such word (gogol.ru.news: 5 of 17 missed joins)
    function_word_before_hyphen: float = 2.0
    #: the longest function word that evidence concerns
    bare_function_word_letters: int = 3
    #: the longest first part of a rhyming reduplication ("ого-го", not "закон-он")
    rhyme_letters: int = 4
    #: a conjunction follows: "first- and second-year", "Quell- und Binärpakete"
    suspended: float = -5.0

    # -- compounds --
    #: an inline chain of three or more parts ("state-of-the-art")
    long_chain: float = -1.5
    #: a chain of words with a function word inside ("do-or-die", "mother-in-law"): one compound
    word_chain: float = -4.0
    #: Zipf value from which a function word inside a chain counts as one ("or", "in", "of")
    chain_function_word_zipf: float = 5.0
    #: a joined word rarer than this (Zipf) made of two ordinary words is likely a compound
    compound_joined_zipf: float = 4.3
    #: Zipf value from which both parts of a two-word compound count as ordinary words
    ordinary_part_zipf: float = 3.5
    #: two ordinary words whose joined form is rare: "arm-chair", "world-wide"
    rare_joined_compound: float = -1.5
    #: both parts also stand alone in the text
    parts_used_alone: float = -1.0

    # -- shapes --
    #: all-capital sides that the text also writes joined ("NA-TO" with "NATO")
    acronym_in_text: float = 1.0
    #: all-capital sides the text never writes joined ("CD-ROM"): the lexicon is no evidence
    acronym_not_in_text: float = -4.0
    #: an acronym before a lower-case word ("GUI-configurable", "OS-specific"): a compound
    acronym_before_word: float = -4.0
    #: a capitalised right side after a line-end break, the joined form in the text ("Py-⏎Con")
    camel_case_in_text: float = 3.0
    #: a line-end break leaving one letter on a side: typesetters keep two or more ("mail-⏎t")
    one_letter_at_line_end: float = -2.0
    #: a line-end break between a fragment no word has and a whole English word, the
    #: joined form unknown: a package or command name ("lsb-⏎release", "apt-⏎pinning");
    #: typeset bench: 7 of 50 missed hyphens were such names joined
    technical_name: float = -4.0
    #: the shortest right side that counts ("guide"; "sh", "src", "cow" are too short)
    technical_right_letters: int = 5
    #: the English Zipf value the right side needs ("upgrade" 3.4, "pinning" 3.0)
    technical_right_zipf: float = 2.9
    #: the line is short, so no typesetter had to break the word there
    short_line: float = -1.5


#: The weights the judge uses.
WEIGHTS = HyphenWeights()
