from __future__ import annotations

import pytest

from editor.engine import Category, ScanOptions, apply_fixes, initial_decisions, scan
from editor.engine.rules import RULES

QUOTE_RULES = frozenset({"quote-pairing", "turned-apostrophe"})


def cleaned(text: str, rules: frozenset[str] | None = QUOTE_RULES, language: str = "auto") -> str:
    fixes = scan(text, ScanOptions(language=language, rules=rules))
    return apply_fixes(text, fixes, initial_decisions(fixes))


def quote_fixes(text: str, language: str = "auto") -> list:
    return scan(text, ScanOptions(language=language, rules=QUOTE_RULES))


# (broken, repaired): what `mend clean` must make of each.
REPAIRS = [
    pytest.param(
        "“The line of the alliance is becoming more and more aggressive. The” Russian threat "
        "“is being inflated, to create the appearance of its” relevance” in modern "
        "conditions,” the Foreign Ministry said.",
        "“The line of the alliance is becoming more and more aggressive. The “Russian threat” "
        "is being inflated, to create the appearance of its “relevance” in modern "
        "conditions,” the Foreign Ministry said.",
        id="sample-article-nested-outward",
    ),
    pytest.param(
        "“We will win,” he said. ”The second reason is cost.”",
        "“We will win,” he said. “The second reason is cost.”",
        id="opener-typed-as-closer-at-sentence-start",
    ),
    pytest.param(
        "“We will hold on all fronts, ”Reuters reported.",
        "“We will hold on all fronts,” Reuters reported.",
        id="closer-glued-to-next-word",
    ),
    pytest.param(
        "“Hello,” said he,” how are you? “Then she left the room.",
        "“Hello,” said he, “how are you?” Then she left the room.",
        id="pair-pushed-outward",
    ),
    pytest.param(
        "They called it the” iron curtain” in those years.",
        "They called it the “iron curtain” in those years.",
        id="opener-turned-and-pushed-left",
    ),
    pytest.param(
        "She looked up. ”Where is the key?“ asked Mary.",
        "She looked up. “Where is the key?” asked Mary.",
        id="both-marks-turned",
    ),
    pytest.param(
        "He shouted “ Stop the car, ” and jumped out.",
        "He shouted “Stop the car,” and jumped out.",
        id="spaces-inside-marks",
    ),
    pytest.param(
        "The paper said that “the\ncrisis is over ” and went on.",
        "The paper said that “the\ncrisis is over” and went on.",
        id="inner-space-in-wrapped-text",
    ),
    pytest.param(
        "It was the”\nfirst time “that we met.",
        "It was the\n“first time” that we met.",
        id="outward-across-a-line-break",
    ),
    pytest.param(
        '“Yes,” she said. “I saw it myself.” Then: "Go home now,” he said. “It is late.”',
        "“Yes,” she said. “I saw it myself.” Then: “Go home now,” he said. “It is late.”",
        id="straight-quote-in-curly-text",
    ),
    pytest.param(
        "Ich sagte: „Das ist die” russische Gefahr „und nichts weiter.“ Er ging.",
        "Ich sagte: „Das ist die „russische Gefahr“ und nichts weiter.“ Er ging.",
        id="german-low-high-nested-outward",
    ),
    pytest.param(
        "Er sagte: „Ich komme.“ Dann rief er “Hilfe!„ und ging.",
        "Er sagte: „Ich komme.“ Dann rief er „Hilfe!“ und ging.",
        id="german-low-high-flipped",
    ),
    pytest.param(
        "Sie sagte: „ Ich komme morgen. “ Dann ging sie.",
        "Sie sagte: „Ich komme morgen.“ Dann ging sie.",
        id="german-low-high-inner-spaces",
    ),
    pytest.param(
        "»Gregor«, rief die Mutter, »es ist halb sieben!« Er nannte es die« russische Gefahr "
        "»und ging.",
        "»Gregor«, rief die Mutter, »es ist halb sieben!« Er nannte es die »russische Gefahr« "
        "und ging.",
        id="german-reversed-guillemets-outward",
    ),
    pytest.param(
        "Il a dit: « Je viens. » Il a parlé de la» menace russe «et il est parti.",
        "Il a dit: « Je viens. » Il a parlé de la «menace russe» et il est parti.",
        id="french-guillemets-outward",
    ),
    pytest.param(
        "Он сказал: «Это было давно». Потом он назвал это» русской угрозой «и ушел.",
        "Он сказал: «Это было давно». Потом он назвал это «русской угрозой» и ушел.",
        id="russian-guillemets-outward",
    ),
    pytest.param(
        "Он сказал: «Это „русская угроза“ и всё». Потом „сказал“ он: «Нет».",
        "Он сказал: «Это „русская угроза“ и всё». Потом „сказал“ он: «Нет».",
        id="russian-low-high-inside-guillemets-untouched",
    ),
    pytest.param(
        "Er fragte: „Kommst du heute?“ Sie sagte: „Ja.“ Dann „ging er nach Hause.“ Ende.",
        "Er fragte: „Kommst du heute?“ Sie sagte: „Ja.“ Dann „ging er nach Hause.“ Ende.",
        id="german-correct-with-odd-quote-left-alone",
    ),
    pytest.param(
        "Il a dit: « Je viens » et il est parti. Puis il cria:» Au revoir! » Et rien.",
        "Il a dit: « Je viens » et il est parti. Puis il cria:« Au revoir! » Et rien.",
        id="french-guillemet-turned",
    ),
    pytest.param(
        "Он сказал: «Это было» давно «и неправда». Потом ушел.",
        "Он сказал: «Это было» давно «и неправда». Потом ушел.",
        id="russian-correct-untouched",
    ),
    pytest.param(
        "She was modern (not “ new ”) and “ free ”.",
        "She was modern (not “new”) and “free”.",
        id="inner-spaces-before-punctuation",
    ),
    pytest.param(
        "“It was late,” he said.\n”The second reason\nis cost,“ she added,\n“and time.”",
        "“It was late,” he said.\n“The second reason\nis cost,” she added,\n“and time.”",
        id="hard-wrapped-paragraph",
    ),
    pytest.param(
        "“Is it so?” asked Joe. ”Yes, it is so,“ growled Orlick. ”Go home!“",
        "“Is it so?” asked Joe. “Yes, it is so,” growled Orlick. “Go home!”",
        id="flipped-pairs-around-a-dialogue-tag",
    ),
    pytest.param(
        "I don‘t know why they‘re late.",
        "I don’t know why they’re late.",
        id="turned-apostrophe",
    ),
    pytest.param(
        "We met at six o‘clock with M‘Choakumchild.",
        "We met at six o’clock with M’Choakumchild.",
        id="turned-apostrophe-after-one-letter",
    ),
    pytest.param(
        "‘I‘ll take care,’ said he. ‘Jack‘s gone.’",
        "‘I’ll take care,’ said he. ‘Jack’s gone.’",
        id="turned-apostrophe-right-after-an-opening-quote",
    ),
]


@pytest.mark.parametrize(("broken", "repaired"), REPAIRS)
def test_repairs_broken_quotes(broken: str, repaired: str) -> None:
    assert cleaned(broken) == repaired


CORRECT = [
    pytest.param(
        "“The ministry said the “Russian threat” is inflated,” Lavrov added.", id="double-in-double"
    ),
    pytest.param("“He told me ‘never again’ and left,” she said.", id="single-in-double"),
    pytest.param(
        "“It was a long night. We waited.\n\n“At dawn we left the house.\n\n“Then it was over.”",
        id="quotation-over-paragraphs",
    ),
    pytest.param(
        "NATO’s decision: don’t wait. In the ’90s, ’tis said, rock ’n’ roll ruled the dogs’ "
        "hearts.",
        id="apostrophes",
    ),
    pytest.param(
        "‘I don’t know,’ said Edwin. ‘The dogs’ dinner is cold. ’Tis a pity.’\n\n"
        "‘Quite so,’ returned Jasper, ‘and the boys’ too.’",
        id="single-quote-dialogue",
    ),
    pytest.param(
        "»Gregor«, rief die Mutter, »es ist halb sieben!« Er antwortete: »Ja, ja, danke.«",
        id="german-reversed-guillemets",
    ),
    pytest.param(
        "Sie sagte: „Das ist ‚gut‘ so.“ Er nickte. „Und jetzt?“ fragte er.", id="german-low-high"
    ),
    pytest.param(
        "Elle dit: «Ah! mon Dieu!» poussa un soupir. Il répondit: « Non, madame. »",
        id="french-guillemets",
    ),
    pytest.param(
        "«Доедет», — отвечал другой. Он сказал: „Да, именно недурно“, — повторял он.",
        id="russian-guillemets-and-low-high",
    ),
    pytest.param(
        "«Эк ее, — сказал Чичиков, уже начиная «выходить из терпения. — Пойди ты «сладь с нею!»",
        id="russian-old-line-continuation-marks",
    ),
    pytest.param('He said "no" and she said "yes". It\'s 5\' 3" tall.', id="straight-quote-text"),
    pytest.param(
        "“Yes,” she said. “It is tall.” “How tall?” “About 6' 3\" or so,” he said.",
        id="inch-mark-in-curly-text",
    ),
    pytest.param(
        "“I can’t,” said he. “Don’t ask me.” ’Twas late. The Joneses’ dog barked.",
        id="apostrophes-in-curly-dialogue",
    ),
    pytest.param(
        "“So it ends,” she said.\n“And so it begins,” he replied, “again.”",
        id="tags-and-split-quotes",
    ),
    pytest.param("The “wait” — or “hurry”? — was “(almost)” over.", id="punctuation-around-quotes"),
    pytest.param(
        "‘It was done,’ said he. ‘The gowans’ fine, and Durdles wouldn’t.’ This with a nod.",
        id="apostrophe-before-space-is-not-moved",
    ),
    pytest.param(
        "«Dans vingt-quatre heures.» -- Quoi donc?»Payer la somme totale.» Et rien.",
        id="french-continuation-guillemet",
    ),
    pytest.param(
        "Il dit: «Partons alors.\n\nNous verrons bien, ajouta-t-il, pour son plaisir.»",
        id="french-quotation-over-paragraphs-without-reopening",
    ),
]


@pytest.mark.parametrize("text", CORRECT)
def test_leaves_correct_quotes_alone(text: str) -> None:
    assert quote_fixes(text) == []


def test_fixes_carry_category_confidence_and_reason() -> None:
    fixes = quote_fixes("They called it the” iron curtain” in those years.")
    assert [f.category for f in fixes] == [Category.QUOTE]
    assert fixes[0].confidence >= 0.6
    assert "iron curtain" in fixes[0].reason


def test_sample_reason_names_the_quotation() -> None:
    fixes = quote_fixes("“It is aggressive. The” Russian threat “is being inflated,” he said.")
    assert any("“Russian threat”" in f.reason for f in fixes)


def test_fix_span_is_minimal() -> None:
    text = "It was the” first time” here."
    (fix,) = quote_fixes(text)
    assert (fix.original, fix.replacement) == ("” ", " “")


UNDECIDED = [
    pytest.param(
        "“Hello,” he said, “come here. Now go and stand over there by the wall.",
        "",
        id="unclosed-at-paragraph-end",
    ),
]


@pytest.mark.parametrize(("text", "after"), UNDECIDED)
def test_undecidable_cases_are_not_applied_by_default(text: str, after: str) -> None:
    fixes = [f for f in quote_fixes(text) if f.start >= text.index(after)]
    assert all(f.confidence < 0.6 for f in fixes)


def test_a_tie_between_readings_is_less_sure_than_a_clear_repair() -> None:
    # which pair is meant is unclear: two readings cost the same (the search's tie-break
    # is right 16 times in 17 on the bench, so the tie is shown at what that bin measures)
    tie = quote_fixes("She read” The Raven” aloud” twice” today.")
    clear = quote_fixes("He said the group had” no plans “to close the plant, and left.")
    assert tie
    assert max(f.confidence for f in tie) < min(f.confidence for f in clear)


def test_turned_mark_glued_to_capitalised_word_is_not_an_apostrophe() -> None:
    assert cleaned("He said‘Hello’ to me.") == "He said‘Hello’ to me."


@pytest.mark.parametrize("name", ["educate-quotes", "straighten-quotes"])
def test_style_rules_are_off_by_default(name: str) -> None:
    (rule,) = [r for r in RULES if r.name == name]
    assert not rule.default_enabled
    assert rule.category is Category.STYLE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "no" to me.', "He said “no” to me."),
        ("It's 'fine', isn't it?", "It’s ‘fine’, isn’t it?"),
        ("In the '90s 'tis true.", "In the ’90s ’tis true."),
    ],
)
def test_educate_quotes_when_enabled(text: str, expected: str) -> None:
    assert cleaned(text, frozenset({"educate-quotes"}), "en") == expected


def test_educate_uses_german_marks_for_german() -> None:
    assert cleaned('Er sagte "ja".', frozenset({"educate-quotes"}), "de") == "Er sagte „ja“."


def test_straighten_quotes_when_enabled() -> None:
    text = "“Don’t,” she said. ‘No.’ «Oui»"
    assert cleaned(text, frozenset({"straighten-quotes"})) == "\"Don't,\" she said. 'No.' «Oui»"


def test_no_fix_changes_the_number_of_lines() -> None:
    text = "It was the”\nfirst time “that\nwe met ” and\n“ left."
    for fix in quote_fixes(text):
        assert fix.original.count("\n") == fix.replacement.count("\n")


def test_quote_pairing_stops_when_the_scan_is_cancelled():
    from editor.engine import ScanCancelled, ScanOptions, scan

    text = "He said” hello “to her.\n\n" * 1000
    polls = []

    def cancelled():
        polls.append(1)
        return len(polls) > 2

    with pytest.raises(ScanCancelled):
        scan(text, ScanOptions(rules=frozenset({"quote-pairing"})), is_cancelled=cancelled)
