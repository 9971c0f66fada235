"""The solver: the cheapest reading of a paragraph's marks in which quotations nest.

A beam search over the marks with the stack of open quotations as its state:
each mark takes one of its readings (see readings.py), an opener pushes, a
closer pops and pays what the quotation it closes costs as a whole.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from editor.engine.rules.quotes.chars import CLOSE, OPEN, WordCounter, word_before
from editor.engine.rules.quotes.costs import (
    CARRIED_IN,
    CONTINUED_UNCLOSED,
    CROSSING_CLASH,
    EMPTY_QUOTATION,
    FUNCTION_WORD_END,
    LONG_AFTER_BARE_WORD,
    LONG_NESTED,
    LONG_QUOTATION_WORDS,
    LONG_UNPUNCTUATED_END,
    PAIR_FLIPPED_DISCOUNT,
    PAIR_PUSHED_OUTWARD_DISCOUNT,
    SHORT_NESTED_WORDS,
    STRAY_CLOSER,
    STRAY_GUILLEMET,
    THIRD_LEVEL,
    TURN,
    TURN_AND_MOVE,
    UNCLOSED,
)

if TYPE_CHECKING:
    from editor.engine.rules.quotes.readings import Mark, Option

#: the index of the pseudo-opener that stands for a quotation carried in from the previous
#: paragraph
CARRIED = -1
#: quotations nest at most this deep (a quotation in a quotation in a quotation)
MAX_DEPTH = 3
#: states kept per mark; at 24 no bench reading changes against an unbounded search
BEAM_WIDTH = 24
#: a state this much costlier than the best one at the same mark is not pursued
#: (more than any single edit plus its placement)
PRUNE_MARGIN = 6.0

#: the stack of open quotations: (mark index, chosen option) of each opener, outermost first
_Stack = tuple[tuple[int, int], ...]
_NONE: frozenset[int] = frozenset()


class ParagraphSolver:
    """The marks of one family in one paragraph, and the dynamic programme over them."""

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        marks: list[Mark],
        function_words: frozenset[str],
        continued: bool,
        carried: bool = False,
        words: WordCounter | None = None,
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.marks = marks
        self.function_words = function_words
        self.continued = continued
        #: the previous paragraph left a quotation open and this one does not re-open it
        self.carried = carried
        #: shared by the solvers of one paragraph (one per family and piece)
        self.words = words or WordCounter(text, marks[0].pos if marks else start, end)
        #: words starting between the first mark and each mark, counted at the first pair
        self._words_before: list[int] | None = None
        self._pair_costs: dict[tuple[int, int, int, int, int], float] = {}
        self._window_beams: dict[tuple[int, int], list[dict[_Stack, float]]] = {}
        self._window_totals: dict[tuple[int, int], float] = {}
        #: each mark's option costs, read once (the search reads them for every state)
        self._costs = [[option.cost for option in mark.options] for mark in marks]
        # French and Russian novels run quotations over paragraphs without
        # re-opening them, so a closing guillemet with no opener is common
        self._stray = STRAY_GUILLEMET if marks and marks[0].family.spaced else STRAY_CLOSER

    def words_between(self, first: int, second: int) -> int:
        """How many words start between marks ``first`` and ``second`` (indices)."""
        before = self._words_before
        if before is None:
            # one count per gap between neighbouring marks: the search asks for every pair
            # of an opener on a stack and a closer, often far apart in a long paragraph
            starts = self.words.starts(self.marks[0].pos, self.marks[-1].pos)
            before = [bisect.bisect_left(starts, mark.pos) for mark in self.marks]
            self._words_before = before
        return before[second] - before[first]

    def _pair_cost(
        self, opener: int, o_opt: Option, closer: int, c_opt: Option, nested: bool
    ) -> float:
        cost = 0.0
        words = self.words_between(opener, closer)
        if words >= 2 and c_opt.word_before.lower() in self.function_words:
            cost += FUNCTION_WORD_END
        if (
            words >= LONG_QUOTATION_WORDS
            and c_opt.word_before
            and c_opt.right_after in "SWX"
            and not c_opt.at_end
        ):
            cost += LONG_UNPUNCTUATED_END
        if (
            words >= LONG_QUOTATION_WORDS
            and self.marks[opener].previous.isalnum()
            and word_before(self.text, self.marks[opener].ws_left, self.start).lower()
            not in self.function_words
        ):
            cost += LONG_AFTER_BARE_WORD
        if nested and words > SHORT_NESTED_WORDS:
            cost += LONG_NESTED
        if words == 0:
            cost += EMPTY_QUOTATION  # “” with nothing inside: two marks, not a quotation
        if (
            o_opt.move > 0
            and c_opt.move < 0
            and self.marks[opener].ws_right > self.marks[closer].ws_left
        ):
            cost += CROSSING_CLASH  # both marks would cross the same space
        if o_opt.move == c_opt.move == 0 and o_opt.edit == c_opt.edit == TURN:
            cost -= PAIR_FLIPPED_DISCOUNT
        if o_opt.move == 1 and c_opt.move == -1 and o_opt.edit == c_opt.edit == TURN_AND_MOVE:
            cost -= PAIR_PUSHED_OUTWARD_DISCOUNT
        return cost

    def solve(
        self,
        allowed: list[list[int]],
        exclude: tuple[int, frozenset[int]] | None = None,
        window: tuple[int, int] | None = None,
        keep_beams: bool = False,
    ) -> tuple[float, list[int]]:
        """The cheapest reading: total cost and the chosen option of every mark.

        A beam search over the stack of open quotations; states far costlier
        than the best one are dropped, which keeps long dialogue paragraphs fast.
        ``window`` (lo, hi) solves marks lo..hi-1 alone, starting and, unless hi
        is the last mark, ending outside any quotation.  With ``keep_beams``, the
        search is also :meth:`window_cost` over the same window, for :meth:`cost_without`.
        """
        lo, hi = window or (0, len(self.marks))
        beam = self._first_beam(lo)
        beams = [beam]
        back: list[dict[_Stack, tuple[_Stack, int]]] = []
        for index in range(lo, hi):
            skip = exclude[1] if exclude is not None and exclude[0] == index else _NONE
            beam, pointers = self._advance(beam, index, allowed[index], skip, True)
            if not beam:
                return float("inf"), []
            back.append(pointers)
            beams.append(beam)
        best, best_stack = self._best_end(beam, hi)
        if keep_beams and exclude is None:
            # the same states window_cost would find: pointers do not change the search
            self._window_beams[lo, hi] = beams
            self._window_totals[lo, hi] = best
        choices = [0] * (hi - lo)
        stack = best_stack
        for index in range(hi - 1, lo - 1, -1):
            previous, choice = back[index - lo][stack]
            choices[index - lo] = choice
            stack = previous
        return best, choices

    def window_cost(self, allowed: list[list[int]], window: tuple[int, int]) -> float:
        """The cost of :meth:`solve` over ``window``, keeping its beams for :meth:`cost_without`.

        ``allowed`` must be what a ``keep_beams`` solve over the same window was given.
        """
        known = self._window_totals.get(window)
        if known is not None:
            return known
        lo, hi = window
        beam = self._first_beam(lo)
        beams = [beam]
        self._window_beams[window] = beams
        for index in range(lo, hi):
            beam, _ = self._advance(beam, index, allowed[index], _NONE, False)
            if not beam:
                return float("inf")
            beams.append(beam)
        return self._best_end(beam, hi)[0]

    def cost_without(
        self,
        allowed: list[list[int]],
        window: tuple[int, int],
        index: int,
        excluded: frozenset[int],
    ) -> float:
        """The cost of ``solve(allowed, exclude=(index, excluded), window=window)``.

        The beams before ``index`` do not depend on what is excluded at ``index``,
        so the search resumes from the one :meth:`window_cost` kept there (same
        states, same order, so the same pruning and the same cost).
        """
        lo, hi = window
        beams = self._window_beams[window]
        if index - lo >= len(beams):
            return float("inf")  # the search ran dry before this mark, with or without it
        beam = beams[index - lo]
        for number in range(index, hi):
            skip = excluded if number == index else _NONE
            beam, _ = self._advance(beam, number, allowed[number], skip, False)
            if not beam:
                return float("inf")
        return self._best_end(beam, hi)[0]

    def _first_beam(self, lo: int) -> dict[_Stack, float]:
        beam: dict[_Stack, float] = {(): 0.0}
        if self.carried and lo == 0:
            # the quotation carried over from the previous paragraph, as a pseudo-opener
            beam[((CARRIED, 0),)] = CARRIED_IN
        return beam

    def _advance(
        self,
        beam: dict[_Stack, float],
        index: int,
        allowed: list[int],
        skip: frozenset[int],
        keep_pointers: bool,
    ) -> tuple[dict[_Stack, float], dict[_Stack, tuple[_Stack, int]]]:
        """The beam after mark ``index`` (pruned), and where each state came from."""
        options = self.marks[index].options
        costs = self._costs[index]
        pair_costs = self._pair_costs
        stray = self._stray
        step: dict[_Stack, float] = {}
        pointers: dict[_Stack, tuple[_Stack, int]] = {}
        get = step.get
        # one loop per direction (the same states in the same order as one loop testing
        # the direction of every state): the search spends its time here
        for choice in allowed:
            if choice in skip:
                continue
            option = options[choice]
            base = costs[choice]
            direction = option.direction
            if direction == OPEN:
                entry = (index, choice)
                for stack, cost in beam.items():
                    depth = len(stack)
                    if depth >= MAX_DEPTH:
                        continue
                    total = cost + base
                    if depth >= 2:
                        total += THIRD_LEVEL
                    new = (*stack, entry)
                    old = get(new)
                    if old is None or total < old:
                        step[new] = total
                        if keep_pointers:
                            pointers[new] = (stack, choice)
            elif direction == CLOSE:
                for stack, cost in beam.items():
                    total = cost + base
                    if stack:
                        top, top_choice = stack[-1]
                        new = stack[:-1]
                        if top == CARRIED:
                            total += STRAY_CLOSER if new else 0.0
                        else:
                            depth = len(stack)
                            key = (top, top_choice, index, choice, depth)
                            extra = pair_costs.get(key)
                            if extra is None:
                                extra = pair_costs[key] = self._pair_cost(
                                    top,
                                    self.marks[top].options[top_choice],
                                    index,
                                    option,
                                    depth > 1,
                                )
                            total += extra
                    else:
                        total += stray
                        new = stack
                    old = get(new)
                    if old is None or total < old:
                        step[new] = total
                        if keep_pointers:
                            pointers[new] = (stack, choice)
            else:
                for stack, cost in beam.items():
                    total = cost + base
                    old = get(stack)
                    if old is None or total < old:
                        step[stack] = total
                        if keep_pointers:
                            pointers[stack] = (stack, choice)
        if len(step) > 1:
            bound = min(step.values()) + PRUNE_MARGIN
            step = {k: v for k, v in step.items() if v <= bound}
            if len(step) > BEAM_WIDTH:
                step = dict(sorted(step.items(), key=lambda item: item[1])[:BEAM_WIDTH])
        return step, pointers

    def _best_end(self, beam: dict[_Stack, float], hi: int) -> tuple[float, _Stack]:
        """The cheapest final state, paying for the quotations it leaves open."""
        best_stack: _Stack = ()
        best = float("inf")
        inner = hi < len(self.marks)
        for stack, cost in beam.items():
            total = cost + (STRAY_CLOSER * len(stack) if inner else self._unclosed_cost(len(stack)))
            if total < best:
                best, best_stack = total, stack
        return best, best_stack

    def _unclosed_cost(self, depth: int) -> float:
        if depth == 0:
            return 0.0
        if self.continued:
            return CONTINUED_UNCLOSED + UNCLOSED * (depth - 1)
        return UNCLOSED * depth
