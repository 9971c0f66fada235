"""The pure-Python engine: scan text for layout artifacts and apply the chosen fixes.

Never imports Qt (a test enforces it).  Offsets are Python code points.
"""

from __future__ import annotations

from editor.engine.apply import OffsetMap, applied_pieces, apply_fixes, resolve_overlaps
from editor.engine.context import ScanOptions
from editor.engine.errors import InputError, MendError, OutputError, ScanCancelled
from editor.engine.model import DEFAULT_MIN_CONFIDENCE, Category, Decision, Fix, initial_decisions
from editor.engine.rules import RULES, enabled_rule_names
from editor.engine.scan import scan
from editor.engine.textfile import Layout, TextDocument, read_document, save_document
from editor.engine.userdict import UserDictionary, default_dictionary_path

__all__ = [
    "DEFAULT_MIN_CONFIDENCE",
    "RULES",
    "Category",
    "Decision",
    "Fix",
    "InputError",
    "Layout",
    "MendError",
    "OffsetMap",
    "OutputError",
    "ScanCancelled",
    "ScanOptions",
    "TextDocument",
    "UserDictionary",
    "applied_pieces",
    "apply_fixes",
    "default_dictionary_path",
    "enabled_rule_names",
    "initial_decisions",
    "read_document",
    "resolve_overlaps",
    "save_document",
    "scan",
]
