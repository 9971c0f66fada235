"""scan(): run every enabled detector over a text and return clean, non-overlapping fixes."""

from __future__ import annotations

import collections
import itertools
import logging
from typing import TYPE_CHECKING

import regex

from editor.engine import shards
from editor.engine.apply import resolve_overlaps
from editor.engine.context import ScanContext, ScanOptions
from editor.engine.encoding_guess import ESCAPED_BYTE
from editor.engine.rules import (
    DETECTORS,
    RULE_PRIORITY,
    enabled_rule_names,
    hyphens,
    layout,
    quotes,
)
from editor.engine.rules.layout import layout_plan, merge_paragraph_pieces
from editor.engine.vocabulary import Vocabulary

if TYPE_CHECKING:
    from collections import Counter
    from collections.abc import Callable

    _Facts = Counter[str] | layout.Plan

    from editor.engine.model import Fix
    from editor.engine.rules.base import Detector

logger = logging.getLogger(__name__)


#: Below this size a second process costs more than it saves.
PARALLEL_MIN_CHARS = 200_000


def scan(
    text: str,
    options: ScanOptions | None = None,
    *,
    is_cancelled: Callable[[], bool] = lambda: False,
    progress: Callable[[float], None] | None = None,
    parallel: bool = False,
) -> list[Fix]:
    """Propose fixes for ``text`` (line breaks ``\\n``), sorted by position, never overlapping.

    Offsets are code points.  ``is_cancelled`` is polled now and then; when it
    returns true, :class:`~editor.engine.errors.ScanCancelled` is raised.
    ``progress`` receives fractions from 0 to 1.  Fixes may remove or add line
    breaks (``layout`` rules do); :class:`~editor.engine.apply.OffsetMap` maps
    lines between the original and the cleaned text, and
    :func:`~editor.engine.textfile.cleaned_layout` gives each kept break its bytes.

    With ``parallel``, a large text is scanned on every core, by forked helper
    processes beside this one (POSIX only; :mod:`editor.engine.shards`), with the
    fixes of a one-process scan.  Only single-threaded callers such as the command
    line should ask for it: forking a process that runs other threads is unsafe.
    """
    opts = options or ScanOptions()
    enabled = enabled_rule_names(opts.rules)
    active = [d for d in DETECTORS if any(r.name in enabled for r in d.rules)]
    processes = 1
    if parallel and len(text) >= PARALLEL_MIN_CHARS and shards.can_fork():
        processes = shards.available_cores()
    ctx = ScanContext(text, opts, is_cancelled, progress, processes)
    guard = FixGuard(text, opts.encoding)
    ahead = _document_facts(ctx, active, enabled, guard) if processes > 1 else {}
    found = _run(ctx, active, enabled, guard, ahead)
    ctx.check_cancelled()
    if progress is not None:
        progress(1.0)
    return resolve_overlaps(merge_paragraph_pieces(found, text), RULE_PRIORITY, opts.min_confidence)


# Cut points of the vocabulary's text shards: white space, which no word crosses.
_SPACE = regex.compile(r"\s")


def _document_facts(
    ctx: ScanContext, active: list[Detector], enabled: frozenset[str], guard: FixGuard
) -> dict[int, list[Fix]]:
    """Phase one of a parallel scan: the facts the active detectors consult, made side by side.

    A helper makes the layout plan while this process loads the lexicon (here,
    so that every later helper shares it), finds the hyphenated chains and
    counts the vocabulary of a shard of the text; other helpers, if any, count
    the other shards.  The quote detectors, which need none of these facts, run
    here too, after the counting, sharing out their work as in phase two, so
    that no process waits for the plan.  Returns their fixes by detector number.
    """
    ctx.check_cancelled()
    wants_words = any(d in hyphens.DETECTORS for d in active)
    wants_plan = any(d in layout.DETECTORS for d in active)
    ahead: dict[int, list[Fix]] = {}
    if not wants_words:
        if wants_plan:
            layout_plan(ctx)
        return ahead
    text = ctx.text
    cuts = _shard_cuts(text, ctx.processes - 1 if wants_plan else ctx.processes)
    counters = [_counter(text, start, end) for start, end in itertools.pairwise(cuts)]

    def here() -> _Facts:
        _ = ctx.lexicon  # detects the language too
        hyphens.prepare_chains(ctx)
        counted = counters[0]()
        with ctx.quietly():
            for number, detector in enumerate(active):
                if detector in quotes.DETECTORS:
                    ahead[number] = _found(ctx, detector, enabled, guard)
        return counted

    works: list[Callable[[], _Facts]] = [here, *counters[1:]]
    if wants_plan:
        works.insert(1, lambda: layout_plan(ctx))
    facts = shards.run_side_by_side(works)
    total: Counter[str] = collections.Counter()
    for fact in facts:
        if isinstance(fact, layout.Plan):
            layout.adopt_plan(ctx, fact)
        else:
            total.update(fact)
    ctx.adopt_vocabulary(Vocabulary(total))
    ctx.check_cancelled()
    return ahead


def _counter(text: str, start: int, end: int) -> Callable[[], Counter[str]]:
    return lambda: Vocabulary.of(text[start:end]).counts


def _shard_cuts(text: str, parts: int) -> list[int]:
    """``parts`` + 1 offsets from 0 to ``len(text)`` that cut it at white space, about evenly."""
    cuts = [0]
    for part in range(1, parts):
        space = _SPACE.search(text, max(cuts[-1], len(text) * part // parts))
        if space is None:
            break
        cuts.append(space.start())
    cuts.append(len(text))
    return cuts


def _run(
    ctx: ScanContext,
    detectors: list[Detector],
    enabled: frozenset[str],
    guard: FixGuard,
    ahead: dict[int, list[Fix]],
) -> list[Fix]:
    """Every detector's fixes, in the detectors' order (``ahead``: those already found)."""
    found: list[Fix] = []
    for number, detector in enumerate(detectors):
        ctx.check_cancelled()
        ctx.begin_stage(number / len(detectors), 1 / len(detectors))
        if number in ahead:
            found.extend(ahead[number])
        else:
            found.extend(_found(ctx, detector, enabled, guard))
    return found


def _found(
    ctx: ScanContext, detector: Detector, enabled: frozenset[str], guard: FixGuard
) -> list[Fix]:
    return [f for f in detector.find(ctx) if f.rule in enabled and guard.allows(f)]


class FixGuard:
    """What every fix must pass, whichever rule proposed it, before the user sees it.

    Besides catching detector bugs (:func:`_is_sound`), it keeps fixes away from
    bytes that were not valid in the file's encoding (kept as surrogate
    escapes: no fix may change them or the characters right beside them, since
    what they mean is unknown) and drops a fix whose replacement the file's
    encoding cannot store, which would otherwise fail the save at the end.
    """

    def __init__(self, text: str, encoding: str | None) -> None:
        self._text = text
        self._escaped = ESCAPED_BYTE.search(text) is not None
        # Unicode encodings hold every character a rule can propose
        self._encoding = None if encoding is None or encoding.startswith("utf-") else encoding

    def allows(self, fix: Fix) -> bool:
        """Whether ``fix`` may be proposed."""
        if not _is_sound(self._text, fix):
            return False
        if self._escaped and ESCAPED_BYTE.search(
            self._text, max(0, fix.start - 1), min(len(self._text), fix.end + 1)
        ):
            return False
        if self._encoding is not None:
            try:
                fix.replacement.encode(self._encoding)
            except UnicodeEncodeError:
                return False
        return True


def _is_sound(text: str, fix: Fix) -> bool:
    """Guard against a detector bug reaching the user's file."""
    ok = (
        fix.end <= len(text)
        and text[fix.start : fix.end] == fix.original
        and fix.replacement != fix.original
        and "\r" not in fix.replacement
    )
    if not ok:
        logger.warning("dropped an unsound fix from rule %s at %d", fix.rule, fix.start)
    return ok
