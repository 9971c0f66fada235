"""Mend: repair layout artifacts in text copied from PDFs, web pages and OCR."""

from __future__ import annotations

__version__ = "0.1.0"
