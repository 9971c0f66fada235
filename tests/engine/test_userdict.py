from pathlib import Path

import pytest

from editor.engine.userdict import UserDictionary, default_dictionary_path, entry_key


def test_a_new_dictionary_decides_nothing():
    words = UserDictionary()
    assert not words.always_keeps("e-mail")
    assert not words.always_joins("e-mail")


def test_keep_and_join_ignore_case():
    words = UserDictionary()
    words.add_keep("E-Mail")
    words.add_join("NA-TO")
    assert words.always_keeps("e-mail")
    assert words.always_joins("Na-To")


def test_a_later_decision_replaces_an_earlier_one():
    words = UserDictionary()
    words.add_keep("co-op")
    words.add_join("co-op")
    assert words.always_joins("co-op")
    assert not words.always_keeps("co-op")


def test_remove_forgets_the_word():
    words = UserDictionary()
    words.add_keep("e-mail")
    words.remove("e-mail")
    assert not words.always_keeps("e-mail")


def test_save_and_load_round_trip(tmp_path):
    path = tmp_path / "sub" / "dictionary.txt"
    words = UserDictionary()
    words.add_keep("e-mail")
    words.add_join("NA-TO")
    words.save(path)
    loaded = UserDictionary.load(path)
    assert loaded.keep == {"e-mail"}
    assert loaded.join == {"na-to"}


def test_the_file_is_plain_text_one_entry_per_line(tmp_path):
    path = tmp_path / "dictionary.txt"
    words = UserDictionary()
    words.add_keep("e-mail")
    words.save(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "keep e-mail" in lines
    assert all(line.startswith(("#", "keep ", "join ")) for line in lines)


def test_a_missing_file_is_an_empty_dictionary(tmp_path):
    assert UserDictionary.load(tmp_path / "absent.txt") == UserDictionary()


@pytest.mark.parametrize("line", ["# comment", "", "frobnicate x-y", "keep", "join   "])
def test_unknown_and_empty_lines_are_ignored(tmp_path, line):
    path = tmp_path / "dictionary.txt"
    path.write_text(f"{line}\nkeep e-mail\n", encoding="utf-8")
    assert UserDictionary.load(path) == UserDictionary(keep={"e-mail"})


def test_default_path_is_in_the_user_config_folder():
    path = default_dictionary_path()
    assert path.name == "dictionary.txt"
    assert Path.home() in path.parents


@pytest.mark.parametrize(
    ("entry", "key"),
    [
        ("E-Mail", "e-mail"),
        ("impossib-\n  ility,", "impossib-ility"),
        ("impossib\u2010ility", "impossib-ility"),
        ("announ- ced", "announ-ced"),
        ("NA-TO’s", "na-to"),
        ("“well-known”", "well-known"),
        ("im\u00adpossible", "impossible"),
    ],
)
def test_entries_are_normalised(entry, key):
    assert entry_key(entry) == key


def test_a_fix_original_can_be_added_as_it_is():
    words = UserDictionary()
    words.add_keep("well-\nknown")
    assert words.always_keeps("well-known")


def test_one_dictionary_object_can_be_saved_again_and_again(tmp_path):
    path = tmp_path / "dict.txt"
    dictionary = UserDictionary.load(path)  # missing: a new file
    dictionary.add_keep("NA-TO")
    dictionary.save(path)
    dictionary.remove("NA-TO")
    dictionary.add_join("co-op")
    dictionary.save(path)  # the file it wrote itself is not "changed since it was loaded"
    again = UserDictionary.load(path)
    assert not again.always_keeps("NA-TO")
    assert again.always_joins("co-op")


def test_a_line_that_is_not_utf8_survives_two_saves_of_one_object(tmp_path):
    path = tmp_path / "dict.txt"
    path.write_bytes(b"keep co-op\n# caf\xe9 note\nkeep wor\xe9-d\n")
    dictionary = UserDictionary.load(path)
    dictionary.add_join("NA-TO")
    dictionary.save(path)
    dictionary.add_keep("e-mail")
    dictionary.save(path)
    data = path.read_bytes()
    assert b"# caf\xe9 note\n" in data
    assert b"keep wor\xe9-d\n" in data
    assert UserDictionary.load(path).always_keeps("e-mail")
