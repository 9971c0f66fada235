import pytest

from editor.engine.vocabulary import Vocabulary


@pytest.mark.parametrize(
    ("text", "word", "count"),
    [
        ("NATO said. Nato says. nato", "nato", 3),
        ("NATO’s actions and NATO", "NATO", 2),
        ("well-known and well known", "well", 2),
        ("announ-ced announced", "announced", 1),
        ("Straße und STRASSE", "strasse", 2),
        ("", "word", 0),
        ("café Café", "CAFÉ", 2),
    ],
)
def test_counts_words_ignoring_case(text, word, count):
    assert Vocabulary.of(text).count(word) == count


def test_fragments_split_by_a_hyphen_are_counted_as_runs_of_letters():
    vocabulary = Vocabulary.of("announ-ced")
    assert vocabulary.count("announ") == 1
    assert vocabulary.count("ced") == 1
    assert vocabulary.count("announced") == 0


def test_counting_in_chunks_gives_the_same_counts_as_counting_at_once(monkeypatch):
    import editor.engine.vocabulary as vocabulary

    text = "Straße und STRASSE, der Weg; der weg\n" * 50
    whole = vocabulary.Vocabulary.of(text).counts
    monkeypatch.setattr(vocabulary, "_CHUNK", 7)
    assert vocabulary.Vocabulary.of(text).counts == whole


def test_counting_checks_for_cancellation_between_chunks(monkeypatch):
    import editor.engine.vocabulary as vocabulary

    calls = []
    monkeypatch.setattr(vocabulary, "_CHUNK", 10)
    vocabulary.Vocabulary.of("one two three four five six seven eight", lambda: calls.append(1))
    assert len(calls) >= 3
