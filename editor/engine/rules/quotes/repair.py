"""Repair: find the broken paragraphs, solve them, and group the changes into decisions.

Only paragraphs with a visible defect are solved.  Each change gets a margin:
how much costlier the best reading without it is; changes within reach of
each other are one decision and share the smallest margin, which the
calibration maps to a confidence.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
from typing import TYPE_CHECKING

from editor.engine.model import DEFAULT_MIN_CONFIDENCE
from editor.engine.rules.quotes.calibration import UNSURE_SHARE, Evidence
from editor.engine.rules.quotes.chars import (
    BLANK,
    CLOSE,
    OPEN,
    QUOTE_RE,
    SPACE_CHARS,
    UNKNOWN,
    WORD_START,
    WordCounter,
    look_left,
    look_right,
    side_class,
    word_before,
)
from editor.engine.rules.quotes.conventions import dialogue_tags, function_endings
from editor.engine.rules.quotes.costs import MIN_GAIN, ODD_NEIGHBOUR, placement
from editor.engine.rules.quotes.detection import detect_convention
from editor.engine.rules.quotes.paragraphs import paragraphs
from editor.engine.rules.quotes.readings import (
    Mark,
    apostrophe_cost,
    readings_of,
    typed_choices,
)
from editor.engine.rules.quotes.reasons import changes_for
from editor.engine.rules.quotes.solver import CARRIED, ParagraphSolver

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from editor.engine.rules.quotes.conventions import Convention, Family, Tags
    from editor.engine.rules.quotes.reasons import Change

    #: ``ScanContext.map_slices``, for the changes of ranges of paragraph runs
    SliceMapper = Callable[[Callable[[int, int], list[Change]], Sequence[int]], list[Change]]

#: paragraphs with quote marks between two progress/cancel checkpoints
_CHECK_EVERY = 200
#: marks either side of a defect that the repair may change: far from one, a mark that
#: looks right is right, and the search stays small in long paragraphs
REPAIR_REACH = 8
#: marks of one family read as one sequence at most (a book with no blank lines is cut)
MAX_MARKS_PER_RUN = 200
#: how much of the next paragraph a re-read of a repaired paragraph sees (its first mark)
_FOLLOWING_HEAD = 64
#: an unsettled repair is shown just below the threshold (or at the unsure share, if lower)
UNSETTLED_BELOW = 0.001
#: top-level quotations re-solved either side of a change to find its margin; changes
#: this close are one decision
MARGIN_WINDOW = 2


def analyse(
    text: str,
    language: str,
    convention: Convention | None = None,
    checkpoint: Callable[[float], None] | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    map_slices: SliceMapper | None = None,
) -> Iterator[Change]:
    """Yield the repairs of every paragraph of ``text`` whose quote marks are broken.

    ``checkpoint`` is called every few hundred paragraphs with the fraction
    done, so a caller can report progress or stop the work by raising.
    ``min_confidence`` is the user's threshold: a paragraph whose repair (the
    changes at or above it) would not settle is left for the user to decide.
    ``map_slices`` (``ScanContext.map_slices``) may share out the runs of
    paragraphs that no quotation crosses, which are repaired independently.
    """
    matches = [m.start() for m in QUOTE_RE.finditer(text)]
    if not matches:
        return
    conv = convention or detect_convention(text)
    function_words = function_endings(language)
    tags = dialogue_tags(language)
    spans = paragraphs(text)
    starts = [s for s, _ in spans]
    by_paragraph: dict[int, list[int]] = {}
    for pos in matches:
        by_paragraph.setdefault(bisect.bisect_right(starts, pos) - 1, []).append(pos)
    marked = list(by_paragraph.items())
    # A paragraph reads on from the one before only if that one has marks too: a run
    # of such neighbours is the unit of work, and no state crosses from one to the next
    runs = [0] + [i for i in range(1, len(marked)) if marked[i - 1][0] != marked[i][0] - 1]
    runs.append(len(marked))

    def repair_runs(first: int, last: int) -> list[Change]:
        found: list[Change] = []
        for begin, end in itertools.pairwise(runs[first : last + 1]):
            left_open: frozenset[str] = frozenset()
            for done in range(begin, end):
                number, positions = marked[done]
                if checkpoint is not None and done % _CHECK_EVERY == 0:
                    checkpoint(done / len(marked))
                following = spans[number + 1] if number + 1 < len(spans) else None
                changes, left_open = _repair_paragraph(
                    text,
                    spans[number],
                    positions,
                    conv,
                    function_words,
                    following,
                    tags,
                    min_confidence,
                    left_open if done > begin else frozenset(),
                )
                found.extend(changes)
        return found

    weights = [
        sum(len(positions) for _, positions in marked[begin:end])
        for begin, end in itertools.pairwise(runs)
    ]
    if map_slices is None:
        yield from repair_runs(0, len(runs) - 1)
    else:
        yield from map_slices(repair_runs, weights)


def _repair_paragraph(
    text: str,
    span: tuple[int, int],
    positions: list[int],
    conv: Convention,
    function_words: frozenset[str],
    following: tuple[int, int] | None,
    tags: Tags | None,
    min_confidence: float,
    carried: frozenset[str],
) -> tuple[list[Change], frozenset[str]]:
    """One paragraph's changes, and the families it leaves open for the next one."""
    start, end = span
    changes = list(
        _analyse_paragraph(
            text, start, end, positions, conv, function_words, following, tags, carried
        )
    )
    if changes and not _settles(
        text,
        start,
        end,
        changes,
        conv,
        function_words,
        following,
        tags,
        min_confidence,
        carried,
    ):
        # applied, the repair would leave a paragraph that a new scan repairs again:
        # the user decides, and cleaning leaves the paragraph as it is
        # (at a threshold of 0 nothing can wait, so such a repair is not proposed)
        below = min(UNSURE_SHARE, min_confidence - UNSETTLED_BELOW)
        changes = (
            [dataclasses.replace(c, confidence=min(c.confidence, below)) for c in changes]
            if below >= 0.0
            else []
        )
    # what the next paragraph sees is this one as cleaning leaves it, so that a new scan
    # of the cleaned text reads the next paragraph as this scan did
    applied = [c for c in changes if c.confidence >= min_confidence]
    if applied:
        repaired = _repaired(text, start, end, applied)
        marks = [m.start() for m in QUOTE_RE.finditer(repaired)]
        return changes, _left_open(repaired, marks, conv)
    return changes, _left_open(text, positions, conv)


def _repaired(text: str, start: int, end: int, applied: list[Change]) -> str:
    """Paragraph ``text[start:end]`` with the ``applied`` changes made."""
    parts: list[str] = []
    pos = start
    for change in applied:
        parts.append(text[pos : change.start])
        parts.append(change.replacement)
        pos = change.end
    parts.append(text[pos:end])
    return "".join(parts)


def _settles(
    text: str,
    start: int,
    end: int,
    changes: list[Change],
    conv: Convention,
    function_words: frozenset[str],
    following: tuple[int, int] | None,
    tags: Tags | None,
    min_confidence: float,
    carried: frozenset[str],
) -> bool:
    """Whether the paragraph, once its confident changes are applied, asks for no more.

    The repaired paragraph is read again as a new scan would read it (with the
    start of the next paragraph, which tells a continued quotation); any change
    it proposes at or above the threshold means cleaning would not settle.
    """
    applied = [c for c in changes if c.confidence >= min_confidence]
    if not applied:
        return True
    repaired = _repaired(text, start, end, applied)
    local = repaired
    local_following = None
    if following is not None:
        head = text[following[0] : min(following[1], following[0] + _FOLLOWING_HEAD)]
        local = repaired + "\n\n" + head
        local_following = (len(repaired) + 2, len(local))
    positions = [m.start() for m in QUOTE_RE.finditer(local, 0, len(repaired))]
    again = _analyse_paragraph(
        local, 0, len(repaired), positions, conv, function_words, local_following, tags, carried
    )
    return all(c.confidence < min_confidence for c in again)


def _left_open(text: str, positions: list[int], conv: Convention) -> frozenset[str]:
    """The double-mark families whose quotations the paragraph, as typed, leaves open.

    Single marks are left out: a closing single mark may be an apostrophe, so
    their count says nothing sure.
    """
    depth: dict[str, int] = {}
    for pos in positions:
        entry = conv.family_of(text[pos])
        if entry is None or entry[0].single or entry[1] not in (OPEN, CLOSE):
            continue
        family, typed = entry
        if typed == OPEN:
            depth[family.name] = depth.get(family.name, 0) + 1
        else:
            depth[family.name] = max(0, depth.get(family.name, 0) - 1)
    return frozenset(name for name, open_ in depth.items() if open_)


def _continues_quotation(text: str, pos: int, start: int, end: int) -> bool:
    """Whether a French closing guillemet stands where a continued quotation resumes."""
    if pos + 1 >= end or not (text[pos + 1].isalnum() or text[pos + 1] in "_*"):
        return False
    return pos == start or not text[pos - 1].isalnum()


def _opens_with(text: str, span: tuple[int, int] | None, family: Family) -> bool:
    """Whether the paragraph ``span`` starts with a quote mark (of ``family``, if single).

    A closing mark counts too: at a paragraph's start it is an opener typed the wrong
    way, and a repair turns it without moving it, so the answer is the same before and
    after cleaning (and a new scan reads the paragraph before it as this one did).
    """
    if span is None:
        return False
    start, end = span
    i = start
    while i < end and text[i] in SPACE_CHARS:
        i += 1
    if i >= end:
        return False
    if family.single:
        return text[i] in (family.opener, family.closer) and text[i] != "’"
    return text[i] in (family.opener, family.closer, "“", "”", "„", "«", "»", "‘", "‚")


def _analyse_paragraph(
    text: str,
    start: int,
    end: int,
    positions: list[int],
    conv: Convention,
    function_words: frozenset[str],
    following: tuple[int, int] | None,
    tags: Tags | None,
    carried_in: frozenset[str] = frozenset(),
) -> Iterator[Change]:
    marks_count = len(positions)
    if (
        marks_count > 4
        and marks_count * 8 > end - start  # only dense marks are worth counting words for
        and marks_count > 2 * len(WORD_START.findall(text, start, end)) + 4
    ):
        # far more marks than words (a row of ditto marks, a line of quote
        # characters): no quotations to repair, and not worth building marks for
        return
    groups: dict[str, list[Mark]] = {}
    families: dict[str, Family] = {}
    for pos in positions:
        char = text[pos]
        entry = conv.family_of(char)
        if entry is None:
            continue
        family, typed = entry
        if (
            family.single
            and look_left(text, pos, start, through_quotes=False).isalnum()
            and look_right(text, pos, end, through_quotes=False).isalnum()
        ):
            continue  # an apostrophe inside a word (don’t, don‘t): not a quote
        if typed == UNKNOWN and pos > start and text[pos - 1].isdigit():
            continue  # 5' 3": an inch or second mark, not a quote
        if family.spaced and typed == CLOSE and _continues_quotation(text, pos, start, end):
            continue  # French "guillemet de suite": » before the words of a continued quotation
        left = side_class(look_left(text, pos, start))
        right = side_class(look_right(text, pos, end))
        # white space (and invisible characters) on each side; a mark only moves
        # across plain white space, but inner spaces can be dropped past a soft hyphen
        ws_left = pos
        while ws_left > start and text[ws_left - 1] in BLANK:
            ws_left -= 1
        ws_right = pos + 1
        while ws_right < end and text[ws_right] in BLANK:
            ws_right += 1
        mark = Mark(pos, char, family, typed, left, right, ws_left, ws_right, [])
        groups.setdefault(family.name, []).append(mark)
        families[family.name] = family
    if not groups:
        return
    # from the first mark to the last: no count reaches outside them
    words = WordCounter(text, positions[0], positions[-1] + 1)
    for name, all_marks in groups.items():
        family = families[name]
        continued = _opens_with(text, following, family)
        # a quotation left open by the previous paragraph and not opened again here
        carried_family = name in carried_in and not _opens_with(text, (start, end), family)
        for number, (marks, last) in enumerate(_chunks(text, all_marks)):
            carried = carried_family and number == 0
            defects, unclosed = _defects(text, start, end, marks, function_words, carried)
            if not defects:
                continue
            for mark in marks:
                mark.options = readings_of(text, mark, start, end, family.spaced, tags)
            # only marks near a defect may change: far from one, a mark that looks
            # right is right, and the search stays small in long paragraphs
            hot = bytearray(len(marks))
            for index in (*defects, *unclosed):
                hot[max(0, index - REPAIR_REACH) : index + REPAIR_REACH + 1] = b"\x01" * (
                    min(len(marks), index + REPAIR_REACH + 1) - max(0, index - REPAIR_REACH)
                )
            yield from _repair_family(
                text,
                start,
                end,
                marks,
                family,
                function_words,
                continued and last,
                hot,
                carried,
                words,
            )


def _chunks(text: str, marks: list[Mark]) -> Iterator[tuple[list[Mark], bool]]:
    """Split a very long run of marks (a book with no blank lines) into pieces.

    Pieces end where the marks as typed stand outside every quotation, so each
    can be read alone; runs of marks with hardly any words between them are
    not text and are skipped.  Yields (marks, whether the piece is the last).
    """
    if len(marks) <= MAX_MARKS_PER_RUN:
        yield marks, True
        return
    piece: list[Mark] = []
    depth = 0
    for number, mark in enumerate(marks):
        piece.append(mark)
        depth = depth + 1 if mark.typed == OPEN else max(0, depth - 1)
        if (depth == 0 and len(piece) >= MAX_MARKS_PER_RUN // 2) or len(piece) >= MAX_MARKS_PER_RUN:
            if _is_prose(text, piece):
                yield piece, number == len(marks) - 1
            piece, depth = [], 0
    if piece and _is_prose(text, piece):
        yield piece, True


def _is_prose(text: str, marks: list[Mark]) -> bool:
    """Whether there are words enough between the marks for them to be quotations.

    Counting stops at one word a mark: a piece of a long paragraph spans thousands
    of words, and all of them were read for each family of marks.
    """
    words = WORD_START.finditer(text, marks[0].pos, marks[-1].pos + 1)
    return sum(1 for _ in itertools.islice(words, len(marks))) >= len(marks)


def _repair_family(
    text: str,
    start: int,
    end: int,
    marks: list[Mark],
    family: Family,
    function_words: frozenset[str],
    continued: bool,
    hot: bytearray,
    carried: bool,
    words: WordCounter,
) -> Iterator[Change]:
    para = ParagraphSolver(text, start, end, marks, function_words, continued, carried, words)
    as_typed = [typed_choices(m) for m in marks]
    everything = [
        list(range(len(m.options))) if hot[i] or not as_typed[i] else as_typed[i]
        for i, m in enumerate(marks)
    ]
    best, choices = para.solve(everything, keep_beams=True)
    baseline, _ = para.solve(as_typed) if all(as_typed) else (float("inf"), [])
    if not choices or best > baseline - MIN_GAIN:
        return
    changed = [i for i, c in enumerate(choices) if marks[i].options[c].changed]
    if not changed:
        return
    # whether the reading closes the carried-in quotation (the first closer at the top level)
    carried = carried and _first_stray_closer(marks, choices) is not None
    margins: dict[int, float] = {}
    segments: dict[int, int] = {}
    bounds = _top_level_bounds(marks, choices, carried)
    window_costs: dict[tuple[int, int], float] = {}
    for index in changed:
        # the best reading without this change, re-solved around the mark only:
        # a few top-level quotations either side decide it
        k = bisect.bisect_right(bounds, index) - 1
        segments[index] = k
        window = (
            bounds[max(0, k - MARGIN_WINDOW)],
            bounds[min(len(bounds) - 1, k + 1 + MARGIN_WINDOW)],
        )
        if window not in window_costs:
            window_costs[window] = para.window_cost(everything, window)
        # every reading that makes the same edit is excluded with it (an apostrophe and a
        # closing mark are both ’): the margin is to the best reading that does not
        chosen = marks[index].options[choices[index]]
        same_edit = frozenset(
            c
            for c, o in enumerate(marks[index].options)
            if (o.char, o.move) == (chosen.char, chosen.move)
        )
        alternative = para.cost_without(everything, window, index, same_edit)
        margins[index] = alternative - window_costs[window]
    defects = [
        bisect.bisect_right(bounds, i) - 1
        for i in _still_defective(marks, choices, continued, carried)
    ]
    partners = _pairs(marks, choices)
    closes_carried = _first_stray_closer(marks, choices) if carried else None
    # changes within reach of each other are one decision: applying only the sure
    # part of a repair would leave a different puzzle behind, and cleaning would
    # not settle
    # A group near a defect the repair leaves behind is unsure.
    group_evidence: dict[int, Evidence] = {}
    group: list[int] = []
    for index in [*changed, -1]:
        if group and (index < 0 or segments[index] - segments[group[-1]] > MARGIN_WINDOW):
            low, high = segments[group[0]] - MARGIN_WINDOW, segments[group[-1]] + MARGIN_WINDOW
            evidence = Evidence(
                margin=min(margins[i] for i in group),
                settled=not any(low <= d <= high for d in defects),
            )
            group_evidence.update(dict.fromkeys(group, evidence))
            group = []
        group.append(index)
    for index in changed:
        partner = partners.get(index)
        mark = marks[index]
        other = marks[partner] if partner is not None else None
        yield from changes_for(
            text,
            mark,
            mark.options[choices[index]],
            other,
            group_evidence[index],
            carried=index == closes_carried,
        )


def _first_stray_closer(marks: list[Mark], choices: list[int]) -> int | None:
    """The first closer of the reading with no opener before it in the paragraph."""
    depth = 0
    for index, choice in enumerate(choices):
        direction = marks[index].options[choice].direction
        if direction == OPEN:
            depth += 1
        elif direction == CLOSE:
            if not depth:
                return index
            depth -= 1
    return None


def _still_defective(
    marks: list[Mark], choices: list[int], continued: bool, carried: bool
) -> list[int]:
    """The marks that are still misplaced, stray or unclosed after the repair."""
    defects: list[int] = []
    stack: list[int] = [CARRIED] if carried else []
    for index, (mark, choice) in enumerate(zip(marks, choices, strict=True)):
        option = mark.options[choice]
        if option.place >= ODD_NEIGHBOUR:
            defects.append(index)
        if option.direction == OPEN:
            stack.append(index)
        elif option.direction == CLOSE:
            if stack:
                stack.pop()
            else:
                defects.append(index)
    stack = [i for i in stack if i != CARRIED]
    # one quotation may run on into the next paragraph
    defects.extend(stack[1:] if continued else stack)
    return defects


def _top_level_bounds(marks: list[Mark], choices: list[int], carried: bool) -> list[int]:
    """Mark indices where the chosen reading stands outside every quotation, and the end."""
    bounds = [0]
    depth = 1 if carried else 0
    for index, choice in enumerate(choices):
        direction = marks[index].options[choice].direction
        if direction == OPEN:
            depth += 1
        elif direction == CLOSE and depth:
            depth -= 1
        if depth == 0 and index + 1 < len(choices):
            bounds.append(index + 1)
    bounds.append(len(choices))
    return bounds


def _defects(
    text: str,
    start: int,
    end: int,
    marks: list[Mark],
    function_words: frozenset[str],
    carried: bool = False,
) -> tuple[list[int], list[int]]:
    """The marks that show a defect as typed, and the openers left unclosed.

    Defects: a misplaced mark, a straight mark among curly ones, a closing mark
    with no opener, a quotation ending on a word like "the".  Cheap: most
    paragraphs have none and stop here.  With ``carried``, the first closer may
    close the quotation the previous paragraph left open.
    """
    defects: list[int] = []
    stack: list[int] = [CARRIED] if carried else []
    for index, mark in enumerate(marks):
        if mark.typed == UNKNOWN:
            defects.append(index)
            continue
        cost = placement(mark.typed, mark.left, mark.right, mark.family.spaced)
        apostrophe = None
        if mark.family.single and mark.char == "’":
            apostrophe = apostrophe_cost(text, mark, end)
        if apostrophe is not None:
            cost = min(cost, apostrophe)
        if cost >= ODD_NEIGHBOUR:
            defects.append(index)
        if apostrophe is not None:
            continue
        if mark.typed == OPEN:
            stack.append(index)
        elif not stack:
            defects.append(index)
        else:
            stack.pop()
            if word_before(text, mark.pos, start).lower() in function_words:
                defects.append(index)  # "The” Russian threat": quotations do not end on "the"
    return defects, [i for i in stack if i != CARRIED]


def _pairs(marks: list[Mark], choices: list[int]) -> dict[int, int]:
    stack: list[int] = []
    partners: dict[int, int] = {}
    for index, choice in enumerate(choices):
        direction = marks[index].options[choice].direction
        if direction == OPEN:
            stack.append(index)
        elif direction == CLOSE and stack:
            opener = stack.pop()
            partners[opener] = index
            partners[index] = opener
    return partners
