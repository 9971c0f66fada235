"""Fixtures shared by the UI tests: a drained thread pool and hand-made fixes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool

from editor.engine.model import Category, Fix


@pytest.fixture(autouse=True)
def drain_thread_pool():
    """Never let a background job outlive the widgets of its test."""
    yield
    QThreadPool.globalInstance().waitForDone(5000)


def build_fix(text, start, end, replacement, *, category=Category.HYPHEN, confidence=0.9, rule="r"):
    """A fix replacing text[start:end], built by hand so tests do not depend on the rules."""
    return Fix(start, end, text[start:end], replacement, rule, category, confidence, "because")


@pytest.fixture
def make_fix():
    """The hand-made fix builder, as a fixture (conftest modules are not imported by tests)."""
    return build_fix
