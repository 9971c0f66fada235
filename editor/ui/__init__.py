"""Qt user interface of Mend: everything that imports PySide6 lives here."""

from __future__ import annotations
