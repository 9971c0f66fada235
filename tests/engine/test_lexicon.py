import gzip

import msgpack
import pytest

from editor.engine.lexicon import LARGE_LIST_MIN_ZIPF, Lexicon, _expand_large_list, load_lexicon


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
    assert Lexicon("ru", {"дом": 900}).is_small
    assert not load_lexicon("en").is_small


def test_russian_is_extended_by_the_large_list():
    lexicon = load_lexicon("ru")
    assert lexicon.is_extended
    assert not lexicon.is_small
    # Inflected forms pyspellchecker's 20,000 Russian words lack.
    for word in ("губернатора", "посвящен", "туалетом"):
        assert word in lexicon
        assert lexicon.zipf(word) > 2


@pytest.mark.parametrize("language", ["de", "fr"])
def test_german_and_french_are_extended(language):
    assert load_lexicon(language).is_extended


def test_english_reads_no_large_list():
    assert not load_lexicon("en").is_extended


def _cb_pack(buckets):
    header = {"format": "cB", "version": 1}
    return gzip.compress(msgpack.packb([header, *buckets]))


def test_a_large_list_gives_zipf_values_by_centibel():
    buckets = [[] for _ in range(300)]
    buckets[0] = ["и"]
    buckets[250] = ["губернатора", "дом"]
    extension = _expand_large_list(_cb_pack(buckets), {"дом": 900})
    assert extension == {"и": 9.0, "губернатора": 6.5}


def test_a_large_list_stops_where_debris_starts_and_keeps_only_letters():
    buckets = [[] for _ in range(801)]
    buckets[100] = ["abc123", "well-known", "word"]
    buckets[int((9 - LARGE_LIST_MIN_ZIPF) * 100) + 1] = ["ced"]
    extension = _expand_large_list(_cb_pack(buckets), {})
    assert extension == {"word": 8.0}


def test_extension_words_are_members_with_their_zipf():
    lexicon = Lexicon("ru", {"дом": 900}, {"губернатора": 4.5})
    assert "губернатора" in lexicon
    assert lexicon.zipf("Губернатора") == 4.5
    assert len(lexicon) == 2
    assert lexicon.word_starting_with("губ") == "губернатора"


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


def _sample_lists():
    """A small list with every kind of entry: attested, padded, extended, padded and extended."""
    letters = "abcdefghijklmnopqrstuvwxyzäöüßдомя"
    words = sorted(
        {
            letters[i % 34] + letters[(i * 7) % 34] + letters[(i * 13) % 31] * (i % 4)
            for i in range(3000)
        }
    )
    frequencies = {w: (i * 37) % 5000 for i, w in enumerate(words[:2000])}
    extension = {w: round(1.2 + (i % 700) / 100, 2) for i, w in enumerate(words[1500:])}
    return frequencies, extension


def test_a_frozen_list_answers_as_the_dict_form_does(tmp_path):
    from editor.engine.lexicon_frozen import open_frozen, write_frozen

    frequencies, extension = _sample_lists()
    plain = Lexicon("xx", frequencies, extension)
    assert write_frozen(tmp_path / "xx.frozen", frequencies, extension)
    frozen = open_frozen(tmp_path / "xx.frozen", "xx")
    assert frozen is not None
    words = [*frequencies, *extension]
    probes = [
        *words,
        *(w[:-1] for w in words),
        *(w.upper() for w in words[:300]),
        "",
        "zz9",
        "a\udcff",
    ]
    for word in probes:
        assert frozen.frequency(word) == plain.frequency(word)
        assert frozen.zipf(word) == plain.zipf(word)
        assert frozen.is_attested(word) == plain.is_attested(word)
        assert frozen.in_base_list(word) == plain.in_base_list(word)
        assert frozen.covers(word) == plain.covers(word)
        assert (word in frozen) == (word in plain)
        assert frozen.word_starting_with(word[:2]) == plain.word_starting_with(word[:2])
    assert frozen.initial_bigrams() == plain.initial_bigrams()
    assert (len(frozen), frozen.total, frozen.is_small, frozen.is_extended) == (
        len(plain),
        plain.total,
        plain.is_small,
        plain.is_extended,
    )


@pytest.fixture
def small_list(monkeypatch):
    """load_lexicon reads the sample lists (and caches them as the real reader does)."""
    from editor.engine import lexicon

    def read(language):
        frequencies, extension = _sample_lists()
        lexicon._write_cached(lexicon._cache_folder() / f"{language}-sample.marshal", frequencies)
        return Lexicon(language, frequencies, extension)

    monkeypatch.setattr(lexicon, "_read_lexicon", read)
    lexicon.load_lexicon.cache_clear()
    yield lambda: (lexicon.load_lexicon.cache_clear(), lexicon.load_lexicon("en"))[1]
    lexicon.load_lexicon.cache_clear()


def test_the_second_use_of_a_list_freezes_it(small_list, tmp_path):
    from editor.engine.lexicon_frozen import FrozenLexicon

    first, second, third = small_list(), small_list(), small_list()
    assert not isinstance(first, FrozenLexicon)
    assert isinstance(second, FrozenLexicon)
    assert isinstance(third, FrozenLexicon)
    assert len(list((tmp_path / "home" / ".cache" / "Mend" / "lexicons").glob("en-*.frozen"))) == 1
    assert third.zipf("aab") == first.zipf("aab")


def test_a_damaged_frozen_list_is_read_anew(small_list, tmp_path):
    from editor.engine.lexicon_frozen import FrozenLexicon

    small_list(), small_list()
    (frozen,) = (tmp_path / "home" / ".cache" / "Mend" / "lexicons").glob("en-*.frozen")
    frozen.write_bytes(frozen.read_bytes()[:-10])
    again = small_list()
    assert len(again) == len(Lexicon("en", *_sample_lists()))
    assert isinstance(small_list(), FrozenLexicon)  # written anew


def test_a_list_with_a_hash_collision_is_not_frozen(tmp_path, monkeypatch):
    from editor.engine import lexicon_frozen

    monkeypatch.setattr(lexicon_frozen, "word_hash", lambda word: 7)
    assert not lexicon_frozen.write_frozen(tmp_path / "x.frozen", {"a": 1, "b": 2}, {})
    assert not (tmp_path / "x.frozen").exists()
