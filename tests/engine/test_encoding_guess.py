import codecs

import pytest

from editor.engine.encoding_guess import (
    LEGACY_CODE_PAGES,
    EncodingGuess,
    codec_name,
    guess_encoding,
    guess_legacy,
    guess_wide,
)

RUSSIAN = (
    "Однажды весной, в час небывало жаркого заката, в Москве, на Патриарших прудах, "
    "появились два гражданина. Первый из них был маленького роста, упитан, лыс.\n"
)
CZECH = (
    "Příliš žluťoučký kůň úpěl ďábelské ódy. Když se ráno probudil, uviděl na stole "
    "dopis od své staré matky, která žila daleko na východě země.\n"
)


def test_every_listed_code_page_exists_and_is_single_byte():
    for name in LEGACY_CODE_PAGES:
        assert codec_name(name) == name
        assert len(bytes(range(256)).decode(name, errors="replace")) == 256


def test_utf8_and_empty_are_sure():
    assert guess_encoding(b"") == EncodingGuess("utf-8")
    assert guess_encoding("Größe".encode()) == EncodingGuess("utf-8")


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (RUSSIAN, "cp1251"),
        (RUSSIAN, "koi8-r"),
        (RUSSIAN, "cp866"),
        (CZECH, "cp1250"),
        (CZECH, "iso8859-2"),
    ],
)
def test_a_paragraph_of_legacy_text_is_read_right_and_surely(text, codec):
    guess = guess_legacy((text * 2).encode(codec))
    assert guess.sure
    assert (text * 2).encode(codec).decode(guess.encoding) == text * 2


def test_all_capitals_russian_is_doubtful_between_koi8_and_cp1251():
    # upper case in KOI8-R is lower case in CP1251: "ЧАСТЬ ПЕРВАЯ" or "часть первая"
    guess = guess_legacy("ЧАСТЬ ПЕРВАЯ\n".encode("koi8-r"))
    assert not guess.sure
    assert "cp1251" in (guess.encoding, *guess.alternatives)


def test_code_pages_that_read_the_same_text_are_one_reading():
    guess = guess_legacy("Größe und Maße für Bäcker\n".encode("cp1252"))
    readings = {
        "Größe und Maße für Bäcker\n".encode("cp1252").decode(n) for n in guess.alternatives
    }
    assert len(readings) == len(guess.alternatives)
    assert guess.encoding == "cp1252"


def test_nul_bytes_without_a_wide_reading_are_binary():
    assert guess_encoding(b"\x00\x01\x02\x03" * 50) is None


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_encodings_are_told_apart(codec):
    assert guess_wide(("中文文本，没有空格。\n" * 5).encode(codec)) == codec
    assert guess_wide(RUSSIAN.encode(codec)) == codec


def test_a_wide_reading_needs_line_breaks_or_spaces():
    assert guess_wide(("Ā＂" * 3000).encode("utf-16-le")) == ""
    assert guess_wide(codecs.BOM_UTF8 + b"\x00") == ""


def test_chance_utf8_sequences_of_cp866_do_not_make_it_doubtful():
    # "рав" in CP866 is E0 A0 A2, a valid UTF-8 sequence (a Samaritan letter)
    data = (RUSSIAN * 2).encode("cp866")
    guess = guess_encoding(data)
    assert guess is not None
    assert (guess.encoding, guess.sure) == ("cp866", True)
