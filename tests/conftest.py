"""Shared test set-up: Qt offscreen, user settings and folders isolated in tmp_path."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

import pytest
from hypothesis import settings

# The suite replays the same examples on every run: a test that passes on one machine passes
# on all, and a counterexample found by exploring (tools/fuzz.py, or HYPOTHESIS_PROFILE=explore)
# is kept as a case in tests/data/fuzz instead of turning CI red at random.
settings.register_profile("replay", derandomize=True, database=None, deadline=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "replay"))


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path, monkeypatch):
    """Never read or write the real user's config, data or settings during a test."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))


@pytest.fixture
def work(tmp_path):
    """An empty folder of the user's, for the command-line tests."""
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


@pytest.fixture
def story(work):
    """The little story of tests/cli_support.py (one quote and one hyphen to mend) on disk."""
    from tests.cli_support import DIRTY

    path = work / "story.txt"
    path.write_text(DIRTY, encoding="utf-8")
    return path
