"""Quote repair: re-pair the quote marks of each paragraph by the cheapest turns and moves.

Each paragraph's quote marks are read as a sequence.  Every mark may stay as
it is, be turned (opening <-> closing), be moved across the white space it sits
on the wrong side of, or both; a search over the marks (with the stack of open
quotations as its state) picks the cheapest reading in which the quotations
nest properly.  One idea per module:

- chars: mark directions and the classes of a mark's neighbours;
- conventions: quote families and each language's words (function words, dialogue tags);
- detection: which convention a document uses;
- paragraphs: the stretches read as one sequence;
- costs: every placement, edit and sequence cost, named;
- readings: the ways one mark may be read;
- solver: the beam search;
- repair: defects, margins, grouping of changes into decisions;
- reasons: the edit and the sentence shown for each change;
- detectors: the rules the registry runs (pairing, turned apostrophes, the style options);
- style: the optional educate/straighten conversions.
"""

from __future__ import annotations

from editor.engine.rules.quotes.chars import APOS, CLOSE, OPEN, QUOTE_CHARS, UNKNOWN, char_class
from editor.engine.rules.quotes.conventions import ELISIONS, Convention, Family
from editor.engine.rules.quotes.detection import detect_convention
from editor.engine.rules.quotes.detectors import DETECTORS
from editor.engine.rules.quotes.paragraphs import paragraphs
from editor.engine.rules.quotes.reasons import Change
from editor.engine.rules.quotes.repair import analyse

__all__ = [
    "APOS",
    "CLOSE",
    "DETECTORS",
    "ELISIONS",
    "OPEN",
    "QUOTE_CHARS",
    "UNKNOWN",
    "Change",
    "Convention",
    "Family",
    "analyse",
    "char_class",
    "detect_convention",
    "paragraphs",
]
