import pytest

from editor.engine.lexicon import Lexicon, load_lexicon


@pytest.mark.parametrize(
    ("language", "common", "rarer"),
    [
        ("en", "announced", "impossibility"),
        ("de", "nicht", "verwandlung"),
        ("fr", "maison", "hydroélectrique"),
        ("ru", "что", "губернатора"),
    ],
)
def test_common_words_are_more_frequent_than_rare_ones(language, common, rarer):
    lexicon = load_lexicon(language)
    assert lexicon.frequency(common) > lexicon.frequency(rarer) >= 0
    assert lexicon.zipf(common) > 3


def test_fragments_of_words_are_unknown():
    lexicon = load_lexicon("en")
    assert lexicon.frequency("announ") == 0
    assert "announ" not in lexicon
    assert lexicon.zipf("announ") == 0.0


def test_lookup_ignores_case():
    lexicon = load_lexicon("en")
    assert lexicon.frequency("Ministry") == lexicon.frequency("ministry") > 0


def test_a_language_without_a_list_gives_an_empty_lexicon():
    lexicon = load_lexicon("xx")
    assert len(lexicon) == 0
    assert lexicon.frequency("anything") == 0


def test_lexicons_are_loaded_once():
    assert load_lexicon("en") is load_lexicon("en")


def test_padded_entries_are_listed_but_not_attested():
    lexicon = Lexicon("en", {"common": 100_000, "padded": 50})
    assert "padded" in lexicon
    assert not lexicon.is_attested("padded")
    assert lexicon.zipf("padded") == 0.0
    assert lexicon.is_attested("common")


def test_zipf_grows_with_frequency():
    lexicon = Lexicon("en", {"a": 1_000_000, "b": 1_000, "c": 100})
    assert lexicon.zipf("a") > lexicon.zipf("b") > lexicon.zipf("c") > 0


def test_small_lists_are_flagged_as_weak_evidence():
    assert load_lexicon("ru").is_small
    assert not load_lexicon("en").is_small


def test_initial_bigrams_come_from_attested_words():
    lexicon = Lexicon("en", {"house": 1000, "hotel": 500, "xylem": 50})
    assert lexicon.initial_bigrams() == frozenset({"ho"})


def test_a_word_starting_with_a_prefix_is_found():
    lexicon = Lexicon("ru", {"посвящение": 200, "дом": 900})
    assert lexicon.word_starting_with("посвящ") == "посвящение"
    assert lexicon.word_starting_with("посвят") is None


def test_a_script_the_list_does_not_hold_is_not_covered():
    lexicon = load_lexicon("en")
    assert lexicon.covers("house")
    assert not lexicon.covers("дом")


def test_a_word_list_is_cached_and_the_cache_gives_the_same_words(tmp_path):
    from editor.engine import lexicon

    data = __import__("gzip").compress(b'{"announced": 15000, "future": 30000}')
    first = lexicon._frequencies("xx", data)
    cached = list((tmp_path / "home" / ".cache" / "Mend" / "lexicons").glob("xx-*.marshal"))
    assert len(cached) == 1
    assert lexicon._frequencies("xx", data) == first == {"announced": 15000, "future": 30000}


def test_a_damaged_cache_is_ignored(tmp_path):
    from editor.engine import lexicon

    data = __import__("gzip").compress(b'{"word": 100}')
    lexicon._frequencies("yy", data)
    (cached,) = (tmp_path / "home" / ".cache" / "Mend" / "lexicons").glob("yy-*.marshal")
    cached.write_bytes(b"\x00garbage")
    assert lexicon._frequencies("yy", data) == {"word": 100}
