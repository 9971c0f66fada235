"""Preferences and window state round-trip through an explicit INI file, never the user's."""

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from editor.engine import DEFAULT_MIN_CONFIDENCE, RULES, UserDictionary
from editor.ui.settings import (
    MAX_RECENT_FILES,
    Preferences,
    add_recent_file,
    load_preferences,
    load_window_state,
    open_settings_store,
    recent_files,
    remove_recent_file,
    save_preferences,
    save_window_state,
)

RULE_NAMES = tuple(rule.name for rule in RULES)
REPO_ROOT = Path(__file__).resolve().parents[2]


def run_fresh(code, ini_path):
    """Run ``code`` in a fresh interpreter (QSettings caches each file within a process)."""
    out = subprocess.run(
        [sys.executable, "-c", code, str(ini_path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO_ROOT,
    )
    return out.stdout.strip()


@pytest.fixture
def ini_path(tmp_path):
    return tmp_path / "prefs.ini"


@pytest.fixture
def store(ini_path):
    """An explicit INI file: never the user's real settings."""
    return QSettings(str(ini_path), QSettings.Format.IniFormat)


def reopened(ini_path):
    """Read the INI file in a fresh process, as the next app start would.

    QSettings caches values per file inside one process, which would hide
    what the INI format really gives back (a one-item list comes back as str).
    """
    code = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from editor.ui.settings import load_preferences\n"
        "print(repr(load_preferences(QSettings(sys.argv[1], QSettings.Format.IniFormat))))\n"
    )
    return run_fresh(code, ini_path)


def test_app_store_is_a_user_ini_file_named_for_mend(tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    app_store = open_settings_store()
    assert (app_store.format(), app_store.scope()) == (
        QSettings.Format.IniFormat,
        QSettings.Scope.UserScope,
    )
    assert app_store.fileName() == str(tmp_path / "Mend" / "Mend.ini")


def test_empty_store_gives_defaults(store):
    assert load_preferences(store) == Preferences()


def test_defaults_match_the_engine():
    assert Preferences().min_confidence == DEFAULT_MIN_CONFIDENCE


@pytest.mark.parametrize(
    "prefs",
    [
        Preferences(language="de"),
        Preferences(theme="dark"),
        Preferences(min_confidence=0.85),
        Preferences(rules=RULE_NAMES[:1]),
        Preferences(rules=RULE_NAMES),
        Preferences(rules=()),
        Preferences(language="ru", rules=RULE_NAMES[-1:], min_confidence=0.0, theme="light"),
    ],
)
def test_round_trip_in_another_process(store, ini_path, prefs):
    save_preferences(store, prefs)
    assert reopened(ini_path) == repr(prefs)


def test_round_trip_in_the_same_process(store):
    prefs = Preferences(language="fr", rules=RULE_NAMES[:1], min_confidence=0.3, theme="dark")
    save_preferences(store, prefs)
    assert load_preferences(store) == prefs


def test_defaults_are_not_written(store):
    save_preferences(store, Preferences())
    assert store.allKeys() == []


def test_back_to_default_removes_the_key(store):
    save_preferences(store, Preferences(theme="dark"))
    save_preferences(store, Preferences())
    assert not store.contains("preferences/theme")


def test_preferences_live_under_their_group(store):
    save_preferences(store, Preferences(language="de", theme="dark"))
    assert sorted(store.allKeys()) == ["preferences/language", "preferences/theme"]


@pytest.mark.parametrize(
    ("key", "value", "field"),
    [
        ("language", "klingon", "language"),
        ("language", "", "language"),
        ("theme", "purple", "theme"),
        ("min_confidence", "lots", "min_confidence"),
        ("min_confidence", "nan", "min_confidence"),
        ("min_confidence", "inf", "min_confidence"),
        ("min_confidence", ["0.5", "0.7"], "min_confidence"),
        ("rules", ["no-such-rule", "nor-this"], "rules"),
        ("rules", "no-such-rule", "rules"),
        ("rules", 42, "rules"),
    ],
)
def test_garbage_value_falls_back_to_default(store, key, value, field):
    store.setValue(f"preferences/{key}", value)
    assert getattr(load_preferences(store), field) == getattr(Preferences(), field)


def test_garbage_in_one_field_keeps_the_others(store):
    store.setValue("preferences/theme", "purple")
    store.setValue("preferences/language", "de")
    assert load_preferences(store) == Preferences(language="de")


@pytest.mark.parametrize(("stored", "expected"), [("-0.5", 0.0), ("1.5", 1.0), ("0.25", 0.25)])
def test_confidence_is_clamped(store, stored, expected):
    store.setValue("preferences/min_confidence", stored)
    assert load_preferences(store).min_confidence == expected


def test_unknown_rule_names_are_dropped(store):
    store.setValue("preferences/rules", ["no-such-rule", RULE_NAMES[0]])
    assert load_preferences(store).rules == (RULE_NAMES[0],)


def test_one_item_rule_list_read_as_str_is_wrapped(store):
    store.setValue("preferences/rules", RULE_NAMES[0])
    assert load_preferences(store).rules == (RULE_NAMES[0],)


def test_rules_come_back_in_registry_order(store):
    store.setValue("preferences/rules", list(reversed(RULE_NAMES)))
    assert load_preferences(store).rules == RULE_NAMES


@pytest.mark.parametrize(
    ("rules", "expected"),
    [(None, None), ((), frozenset()), (RULE_NAMES[:1], frozenset(RULE_NAMES[:1]))],
)
def test_scan_options_carry_the_rule_choice(rules, expected):
    assert Preferences(rules=rules).scan_options(UserDictionary()).rules == expected


def test_scan_options_carry_language_and_dictionary():
    words = UserDictionary(keep={"e-mail"})
    options = Preferences(language="de").scan_options(words)
    assert (options.language, options.user_dictionary) == ("de", words)


@pytest.fixture
def files(tmp_path):
    paths = []
    for i in range(MAX_RECENT_FILES + 3):
        path = tmp_path / f"book{i}.txt"
        path.write_text("x")
        paths.append(str(path))
    return paths


def test_no_recent_files_at_first(store):
    assert recent_files(store) == []


def test_added_file_goes_to_the_front(store, files):
    add_recent_file(store, files[0])
    assert add_recent_file(store, files[1]) == [files[1], files[0]]


def test_re_adding_a_file_moves_it_without_duplicate(store, files):
    for path in files[:3]:
        add_recent_file(store, path)
    assert add_recent_file(store, files[0]) == [files[0], files[2], files[1]]


def test_recent_files_are_capped(store, files):
    for path in files:
        add_recent_file(store, path)
    assert recent_files(store) == list(reversed(files))[:MAX_RECENT_FILES]


def test_missing_files_are_not_listed(store, files, tmp_path):
    add_recent_file(store, files[0])
    add_recent_file(store, str(tmp_path / "gone.txt"))
    assert recent_files(store) == [files[0]]


def test_relative_path_is_stored_absolute(store, files, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert add_recent_file(store, "book0.txt") == [files[0]]


def test_single_recent_file_survives_a_restart(store, ini_path, files):
    add_recent_file(store, files[0])
    code = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from editor.ui.settings import recent_files\n"
        "print(recent_files(QSettings(sys.argv[1], QSettings.Format.IniFormat)))\n"
    )
    assert run_fresh(code, ini_path) == repr([files[0]])


def test_remove_recent_file(store, files):
    add_recent_file(store, files[0])
    add_recent_file(store, files[1])
    remove_recent_file(store, files[0])
    assert recent_files(store) == [files[1]]


def test_recent_files_are_state_not_preferences(store, files):
    add_recent_file(store, files[0])
    assert store.allKeys() == ["state/recent_files"]


def test_no_window_state_at_first(store):
    assert load_window_state(store) == (None, None)


def test_window_state_round_trip(store):
    save_window_state(store, QByteArray(b"\x01geo\x00"), QByteArray(b"split"))
    assert load_window_state(store) == (QByteArray(b"\x01geo\x00"), QByteArray(b"split"))


def test_garbage_window_state_is_ignored(store):
    store.setValue("state/geometry", "not bytes")
    assert load_window_state(store) == (None, None)
