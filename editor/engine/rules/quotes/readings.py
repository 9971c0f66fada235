"""The readings of one mark: every direction and move it may take, with its cost."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.engine.rules.quotes.chars import (
    APOS,
    CLOSE,
    OPEN,
    QUOTE_SET,
    UNKNOWN,
    look_left,
    look_right,
    side_class,
    word_after,
    word_before,
)
from editor.engine.rules.quotes.conventions import ELISIONS, SUFFIXES
from editor.engine.rules.quotes.costs import (
    APOSTROPHE_BEFORE_UNKNOWN_WORD,
    LOWER_AFTER_STOP,
    MOVE,
    STRIP_INNER_SPACE,
    TAG_INSIDE,
    TURN,
    TURN_AND_MOVE,
    placement,
)

if TYPE_CHECKING:
    from editor.engine.rules.quotes.conventions import Family, Tags


@dataclass(frozen=True, slots=True)
class Option:
    """One way to read (and perhaps repair) a mark."""

    direction: int
    char: str
    #: 0 stays; +1 moves right across white space; -1 moves left; +2/-2 drops the
    #: white space on its right/left (inner spaces)
    move: int
    edit: float
    place: float
    #: the word that ends right before the mark's final position ("" after punctuation)
    word_before: str
    #: the class of the final neighbour on the right
    right_after: str
    at_end: bool
    #: whether this reading changes the text
    changed: bool
    #: what the words around say about this direction (dialogue tags, capitals)
    hint: float = 0.0

    @property
    def cost(self) -> float:
        """Edit, placement and context cost."""
        return self.edit + self.place + self.hint


@dataclass(slots=True)
class Mark:
    """A quote mark in a paragraph, with its surroundings."""

    pos: int
    char: str
    family: Family
    typed: int
    left: str
    right: str
    ws_left: int  # start of the white space run on the left (== pos if none)
    ws_right: int  # end of the white space run on the right (== pos + 1 if none)
    options: list[Option]
    #: the nearest character before the mark that is neither space nor quote mark
    previous: str = ""


def context_hints(
    text: str, mark: Mark, start: int, end: int, tags: Tags | None
) -> tuple[float, float]:
    """Context costs of reading ``mark`` as an opener and as a closer.

    A quotation that opens after a full stop starts with a capital; a dialogue
    tag ("she said") stands outside the quotation, after a closing mark or
    before an opening one.
    """
    open_cost = close_cost = 0.0
    before = mark.ws_left
    while before > start and text[before - 1] in QUOTE_SET:
        before -= 1
    after = mark.ws_right
    while after < end and text[after] in QUOTE_SET:
        after += 1
    previous = text[before - 1] if before > start else ""
    mark.previous = previous
    following = text[after] if after < end else ""
    if previous in ".?!" and following.islower():
        open_cost += LOWER_AFTER_STOP
    if tags is not None:
        if tags.after.match(text, after, min(end, after + 60)):
            open_cost += TAG_INSIDE
        if tags.before.search(text, max(start, before - 60), before):
            close_cost += TAG_INSIDE
    return open_cost, close_cost


def readings_of(
    text: str,
    mark: Mark,
    start: int,
    end: int,
    convention_spaced: bool,
    tags: Tags | None = None,
) -> list[Option]:
    """Every reading of ``mark``: the typed one first."""
    family = mark.family
    options: list[Option] = []
    spaced = convention_spaced
    pos = mark.pos
    left, right = mark.left, mark.right
    at_end = mark.ws_right >= end
    hints = context_hints(text, mark, start, end, tags)
    for direction in (OPEN, CLOSE):
        char = family.opener if direction == OPEN else family.closer
        if mark.typed == UNKNOWN:
            turn = 0.0
        elif direction == mark.typed:
            turn = 0.0
            char = mark.char  # keep a variant that is already right (” in „…” text)
        else:
            turn = TURN
        before_word = word_before(text, pos, start)
        options.append(
            Option(
                direction,
                char,
                0,
                turn,
                placement(direction, left, right, spaced),
                before_word,
                right,
                at_end,
                char != mark.char,
                hints[direction],
            )
        )
        if direction == OPEN and right == "S" and mark.ws_right < end:
            after = side_class(look_right(text, mark.ws_right - 1, end))
            if left not in "SE":
                if (turn and family.single) or (spaced and left != "W"):
                    continue  # ’ before a space is far likelier an apostrophe than a moved opener
                edit = TURN_AND_MOVE if turn else MOVE
                move = 1
            else:
                edit = turn + STRIP_INNER_SPACE
                move = 2
            options.append(
                Option(
                    direction,
                    char,
                    move,
                    edit,
                    placement(OPEN, "S", after, spaced),
                    "",
                    after,
                    False,
                    True,
                    hints[OPEN],
                )
            )
        if direction == CLOSE and left == "S" and mark.ws_left > start:
            before_pos = mark.ws_left
            before = side_class(look_left(text, before_pos, start))
            if right not in "SE":
                if (turn and family.single) or (spaced and right != "W"):
                    continue
                edit = TURN_AND_MOVE if turn else MOVE
                move = -1
            else:
                if right == "E" and "\n" in text[mark.ws_left : pos]:
                    # A closing mark alone on a paragraph's last line is where a rejoined
                    # word left it; carrying it back up is a matter of layout.
                    continue
                edit = turn + STRIP_INNER_SPACE
                move = -2
            options.append(
                Option(
                    direction,
                    char,
                    move,
                    edit,
                    placement(CLOSE, before, "S", spaced),
                    word_before(text, before_pos, start),
                    "S",
                    at_end,
                    True,
                    hints[CLOSE],
                )
            )
    if family.single and mark.typed in (CLOSE, UNKNOWN) and mark.char in "’'‘":
        apostrophe = apostrophe_cost(text, mark, end)
        if apostrophe is not None:
            turn = 0.0 if mark.char == "’" else TURN
            options.append(
                Option(APOS, "’", 0, turn, apostrophe, "", right, at_end, mark.char != "’")
            )
    return options


def apostrophe_cost(text: str, mark: Mark, end: int) -> float | None:
    """How plausible it is that a single closing mark is an apostrophe, or ``None``."""
    if mark.right == "W" and word_after(text, mark.pos + 1, end) in SUFFIXES:
        return 0.0  # A.’s, _I_’ll
    if mark.left == "W" and mark.right != "W":
        return 0.0  # dogs’, goin’: as plausible as a closing quote
    if mark.left in "SBDE" and (
        mark.right == "W" or text[mark.pos + 1 : mark.pos + 2] in ("_", "*")
    ):
        word = word_after(text, mark.pos + 1 + (text[mark.pos + 1] in "_*"), end).lower()
        if word in ELISIONS or word.isdigit():
            return 0.0
        return APOSTROPHE_BEFORE_UNKNOWN_WORD
    return None


def typed_choices(mark: Mark) -> list[int]:
    """The options that leave the mark as it is."""
    return [i for i, o in enumerate(mark.options) if not o.changed]
