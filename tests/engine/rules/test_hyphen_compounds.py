"""Hyphen judging on compounds, particles, technical tokens, and idempotence."""

import pytest

from editor.engine import ScanOptions, apply_fixes, initial_decisions, scan

HYPHEN_RULES = frozenset({"hyphen"})
EN = " It was said that the ministry announced it on Monday, and the town was glad of it."
DE = " Er sagte, dass die Regierung es am Montag angekündigt hat und nicht mehr warten will."
FR = " Il a dit que le ministère l'avait annoncé lundi et que la situation était grave."
RU = " Он сказал, что министерство объявило об этом в понедельник, и это было важно."


def cleaned(text, language="auto", threshold=0.6):
    options = ScanOptions(language=language, rules=HYPHEN_RULES, min_confidence=threshold)
    fixes = scan(text, options)
    return apply_fixes(text, fixes, initial_decisions(fixes, threshold))


def words_of(text):
    return text.split()


@pytest.mark.parametrize(
    "sentence",
    [
        "It was a do-or-die moment for the team.",
        "The list is up-to-date again.",
        "His mother-in-law came on a Sunday.",
        "The work is state-of-the-art now.",
    ],
)
def test_chains_of_words_are_one_compound(sentence):
    assert cleaned(sentence + EN) == sentence + EN


def test_a_chain_broken_at_a_line_end_keeps_its_hyphens():
    text = "It was a do-or-\ndie moment for the team." + EN
    assert "do-or-die" in words_of(cleaned(text))


@pytest.mark.parametrize(
    "compound",
    ["e-mails", "pre-existing", "bio-fuels", "counter-terrorism", "far-sighted", "re-ignite"],
)
def test_known_compounds_keep_their_hyphen(compound):
    text = f"They spoke of the {compound} in the report." + EN
    assert cleaned(text) == text


def test_a_stray_hyphen_after_a_prefix_in_a_common_word_is_still_joined():
    text = "He wanted to re-turn home." + EN
    assert "return" in words_of(cleaned(text))


@pytest.mark.parametrize(
    ("broken", "kept"),
    [
        ("Он что-\nто сказал,", "что-то"),
        ("Она пошла по-\nрусски домой,", "по-русски"),
        ("Скажи-\nка мне,", "Скажи-ка"),
        ("Он где-\nнибудь был,", "где-нибудь"),
        ("Он всё-\nтаки был,", "всё-таки"),
    ],
)
def test_russian_particles_keep_their_hyphen_at_a_line_end(broken, kept):
    assert kept in words_of(cleaned(broken + RU)) or f"{kept}," in words_of(cleaned(broken + RU))


@pytest.mark.parametrize(
    ("broken", "kept"),
    [
        ("Ainsi a-t-\nil dit que", "a-t-il"),
        ("Que dit-\nil de celui-ci", "dit-il"),
        ("Il parle de celui-\nci et de", "celui-ci"),
        ("Il parle de cette chose-\nlà et de", "chose-là"),
    ],
)
def test_french_particles_keep_their_hyphen_at_a_line_end(broken, kept):
    assert kept in words_of(cleaned(broken + FR))


@pytest.mark.parametrize(
    "text",
    [
        "Das sind die Quell-\nund Binärpakete, die er hat." + DE,
        "Es gibt Pakete für i386-\nund amd64-Rechner, die er hat." + DE,
        "Die Ein- und Ausgabe ist da." + DE,
    ],
)
def test_german_suspended_hyphens_are_left_alone(text):
    assert cleaned(text) == text


@pytest.mark.parametrize(
    "token", ["USB-Stick", "DVD-ROMs", "CD-ROM-Verkäufer", "MP3-Player", "TFTP-Server"]
)
def test_technical_compounds_with_capitals_or_digits_keep_their_hyphen(token):
    text = f"Der {token} liegt auf dem Tisch." + DE
    assert cleaned(text) == text


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Voir le champ PACKAGE1:sec-\ntion/priorité dans le fichier." + FR, "section"),
        ("Set the option cod-\ning=name in the file." + EN, "coding"),
        ("Die Verbindung mit dem Inter-\nnet ist nicht da." + DE, "Internet"),
        ("The text is written in re-\nStructuredText by the team." + EN, "reStructuredText"),
        ("We went to Py-\nCon and then to PyCon again." + EN, "PyCon"),
    ],
)
def test_typesetter_breaks_inside_technical_words_are_joined(text, word):
    assert word in cleaned(text)


def test_a_capital_after_a_line_end_break_is_a_compound_without_other_evidence():
    text = "It was a non-\nEuropean habit of Jean-\nClaude." + EN
    out = cleaned(text)
    assert "non-European" in out
    assert "Jean-Claude" in out


def test_a_line_end_break_one_letter_in_is_no_typesetters_break():
    text = "a e-mail-\nt and more" + EN
    out = cleaned(text)
    assert "mailt" not in out
    assert "e-mail-t" in out


@pytest.mark.parametrize("threshold", [0.0, 0.3, 0.6, 0.9])
@pytest.mark.parametrize(
    "text",
    [
        "a e-mail-\nt and more" + EN,
        "It was a do-or-\ndie moment, up-to-\ndate and well-\nknown." + EN,
        "Der USB-\nStick und die DVD-\nROMs, die Quell-\nund Binärpakete." + DE,
        "Он что-\nто сказал, по-\nрусски, всё-\nтаки." + RU,
    ],
)
def test_cleaning_a_cleaned_text_changes_nothing_more(text, threshold):
    once = cleaned(text, threshold=threshold)
    options = ScanOptions(rules=HYPHEN_RULES, min_confidence=threshold)
    again = [f for f in scan(once, options) if f.confidence >= threshold]
    assert again == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("It is fully GUI-\nconfigurable and ready." + EN, "GUI-configurable"),
        ("It has OS-\nspecific logging for the file." + EN, "OS-specific"),
        ("Voir les chemins comme ci-\ndessus dans le fichier." + FR, "ci-dessus"),
    ],
)
def test_acronym_and_prefix_compounds_keep_their_hyphen_at_a_line_end(text, kept):
    assert kept in cleaned(text)


@pytest.mark.parametrize(
    ("broken", "joined"),
    [
        # a short function word before a hyphen, the joined form a word
        ("Сегодня стояла плохая по-года.", "погода"),
        ("Что-то тут не-ладно, он понял.", "неладно"),
        # inflected forms the lists lack, told by a listed form of the same word
        ("Он вел себя фамильярн-ого тона.", "фамильярного"),
        ("Так бывает, это дело небезызвестн-ы многим.", "небезызвестны"),
        # a one-letter word never ends a compound
        ("Для довершения сходств-а он надел фрак.", "сходства"),
    ],
)
def test_russian_stray_hyphens_in_words_are_joined(broken, joined):
    assert joined in cleaned(broken + RU)


@pytest.mark.parametrize(
    "compound",
    [
        "юго-восточный",
        "северо-западный",
        "светло-серый",
        "диван-кровать",
        "вице-президент",
        "из-за",
        "кто-либо",
        "по-осеннему",
        "фу-фу",
        "ого-го",
        "тра-та-та",
        "вот-вот",
    ],
)
def test_russian_compounds_particles_and_reduplications_keep_their_hyphen(compound):
    text = f"Он видел, что это {compound} было." + RU
    assert cleaned(text) == text


def test_an_english_word_broken_before_its_ending_is_joined():
    text = "Formal and casual address-ings are frequent." + EN
    assert "addressings" in words_of(cleaned(text))


def test_a_letter_before_a_word_is_no_inflected_form():
    text = "The set of possible S-trees is defined." + EN
    assert cleaned(text) == text
