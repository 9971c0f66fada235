"""Errors the engine raises for problems a user can fix; their text is one line for the user."""

from __future__ import annotations


class MendError(Exception):
    """A problem with the user's input or output, described in one line."""


class InputError(MendError):
    """The input cannot be read as text."""


class OutputError(MendError):
    """The output cannot be written."""


class ScanCancelled(Exception):
    """Raised inside ``scan`` when its ``is_cancelled`` callback returns true."""
