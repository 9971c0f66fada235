"""Changes and their reasons: the text edit for one repaired mark, explained in words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.engine.rules.quotes.calibration import Evidence
from editor.engine.rules.quotes.calibration import confidence as calibrated
from editor.engine.rules.quotes.chars import (
    APOS,
    CLOSE_PUNCT,
    INVISIBLE,
    OPEN,
    QUOTE_SET,
    UNKNOWN,
    token_after,
    token_before,
    word_after,
)

if TYPE_CHECKING:
    from editor.engine.rules.quotes.conventions import Family
    from editor.engine.rules.quotes.readings import Mark, Option


@dataclass(frozen=True, slots=True)
class Change:
    """One repaired mark: replace ``text[start:end]`` by ``replacement``."""

    start: int
    end: int
    replacement: str
    confidence: float
    reason: str
    #: what the confidence was calibrated from
    evidence: Evidence


def _snippet(text: str, a: int, b: int, family: Family) -> str:
    inner = " ".join(text[a + 1 : b].split())
    inner = inner.strip("".join(QUOTE_SET))
    if len(inner) > 40:
        inner = inner[:37].rstrip() + "…"
    return f"{family.opener}{inner}{family.closer}"


def changes_for(
    text: str,
    mark: Mark,
    option: Option,
    partner: Mark | None,
    evidence: Evidence,
    carried: bool = False,
) -> list[Change]:
    """The text edit and its explanation for one repaired mark (none if it changes nothing).

    Invisible characters (soft hyphens) in the white space a mark crosses or
    loses are dropped with it.
    """
    pos, char = mark.pos, option.char
    if option.move == 0:
        start, end, replacement = pos, pos + 1, char
    elif option.move > 0:
        start, end = pos, mark.ws_right
        space = "".join(c for c in text[pos + 1 : end] if c not in INVISIBLE)
        # after a bracket the space is dropped ("( “word" → "(“word"), elsewhere swapped
        drop = option.move == 2 or (pos > 0 and text[pos - 1] in "([{")
        replacement = char if drop and "\n" not in space else space + char
    else:
        start, end = mark.ws_left, pos + 1
        space = "".join(c for c in text[start:pos] if c not in INVISIBLE)
        # before punctuation the space is dropped ("word ”)" → "word”)"), before a word swapped
        following = text[pos + 1 : pos + 2]
        drop = option.move == -2 or following in CLOSE_PUNCT
        replacement = char if drop and "\n" not in space else char + space
    family = mark.family
    if partner is not None:
        a, b = sorted((pos, partner.pos))
        quotation = "the quotation " + _snippet(text, a, b, family)
    elif carried:
        quotation = "the quotation continued from the previous paragraph"
    else:
        quotation = "an unpaired quotation"
    before = token_before(text, mark.ws_left)
    after = token_after(text, mark.ws_right)
    opens = option.direction == OPEN
    turned = mark.typed != UNKNOWN and option.direction != mark.typed
    if option.direction == APOS:
        reason = (
            f"The mark before ‘{word_after(text, pos + 1, len(text))}’ is an apostrophe "
            "standing for left-out letters, not a quotation mark."
        )
    elif mark.typed == UNKNOWN:
        role = "opens" if opens else "closes"
        reason = f"A straight quote mark in curly-quoted text: it {role} {quotation}."
        if option.move:
            reason = reason[:-1] + ", and moves to the other side of its space."
    elif abs(option.move) == 1 and turned:
        if opens:
            reason = (
                f"The closing mark after ‘{before}’ should open {quotation}: it is turned "
                f"and moved across the space to stand before ‘{after}’."
            )
        else:
            reason = (
                f"The opening mark before ‘{after}’ should close {quotation}: it is turned "
                f"and moved across the space to stand after ‘{before}’."
            )
    elif abs(option.move) == 1:
        if opens:
            reason = (
                f"The opening mark of {quotation} is glued to ‘{before}’: it belongs on the "
                f"other side of the space, before ‘{after}’."
            )
        else:
            reason = (
                f"The closing mark of {quotation} is glued to ‘{after}’: it belongs on the "
                f"other side of the space, after ‘{before}’."
            )
    elif option.move:
        side = "after its opening mark" if opens else "before its closing mark"
        reason = f"The space inside {quotation} {side} is removed."
        if turned:
            reason = reason[:-1] + ", and the mark is turned the right way round."
    else:
        role = "opens" if opens else "closes"
        wrong = "a closing" if opens else "an opening"
        reason = f"This mark {role} {quotation} but is typed as {wrong} mark."
    changes = []
    if replacement != text[start:end]:
        changes.append(Change(start, end, replacement, calibrated(evidence), reason, evidence))
    return changes
