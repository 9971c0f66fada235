"""ReviewSession: one opened text, its fixes and the user's decisions, with undo."""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

import regex
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from editor.engine.apply import OffsetMap, apply_fixes
from editor.engine.model import DEFAULT_MIN_CONFIDENCE, Category, Decision, Fix, initial_decisions
from editor.engine.rules.layout import paragraph_groups
from editor.engine.textfile import FileStamp, Layout, cleaned_layout, save_document

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from pathlib import Path

#: how a fix is identified across scans of the same text (recovery, rescans)
FixKey = tuple[int, int, str]

_WORD_BEFORE = regex.compile(r"[\p{L}\p{M}\p{N}'’\-\u00ad]*$")
_WORD_AFTER = regex.compile(r"^[\p{L}\p{M}\p{N}'’\-\u00ad]*")
_HYPHENS = regex.compile(r"[\-\u00ad\u2010\u2011]")
# the most a word is looked at around a fix: words are never longer in real text
_WORD_REACH = 64


def line_numbers(text: str, starts: Sequence[int]) -> list[int]:
    """1-based line of each sorted position, counting breaks between neighbours (O(n) in C)."""
    lines: list[int] = []
    line, pos = 1, 0
    for start in starts:
        line += text.count("\n", pos, start)
        pos = start
        lines.append(line)
    return lines


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def fix_key(fix: Fix) -> FixKey:
    """The identity of a fix that survives a rescan of the same text."""
    return (fix.start, fix.end, fix.replacement)


def word_edges(original: str, fix: Fix) -> tuple[str, str]:
    """The parts of the word around ``fix`` before and after it (for display and search)."""
    left = original[max(0, fix.start - _WORD_REACH) : fix.start]
    right = original[fix.end : fix.end + _WORD_REACH]
    head = _WORD_BEFORE.search(left)
    tail = _WORD_AFTER.search(right)
    return (head.group() if head else ""), (tail.group() if tail else "")


def search_text(original: str, fix: Fix) -> str:
    """What the list's search box looks in for ``fix``: its word before and after, reason, rule."""
    head, tail = word_edges(original, fix)
    before = head + fix.original + tail
    after = head + fix.replacement + tail
    return f"{before}\n{after}\n{fix.reason}\n{fix.rule}".casefold()


def search_texts(original: str, fixes: Sequence[Fix]) -> list[str]:
    """:func:`search_text` of every fix (built off the GUI thread when a text is opened)."""
    return [search_text(original, fix) for fix in fixes]


class ReviewSession(QObject):
    """Owns the fixes and decisions of one text; the cleaned text is derived, never edited.

    Every decision goes through the undo stack; a bulk action is one command.
    ``decisions_changed`` carries the indices that changed, so views update
    only those spans.
    """

    decisions_changed = Signal(object)  # list[int], ascending
    #: undo or redo changed these fixes: the views bring the first into view
    focus_requested = Signal(int)

    def __init__(
        self,
        original: str,
        fixes: Sequence[Fix],
        decisions: Sequence[Decision] | None = None,
        *,
        layout: Layout | None = None,
        source: Path | None = None,
        stamp: FileStamp | None = None,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
        offsets: OffsetMap | None = None,
        lines: list[int] | None = None,
        searchable: list[str] | None = None,
        pieces: dict[int, list[int]] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.original = original
        self.fixes = list(fixes)
        self.layout = layout or Layout("utf-8")
        self.source = source
        self.stamp = stamp
        self.output_path: Path | None = None
        self.min_confidence = min_confidence
        self._decisions = (
            list(decisions)
            if decisions is not None
            else initial_decisions(self.fixes, min_confidence)
        )
        if len(self._decisions) != len(self.fixes):
            raise ValueError("one decision per fix is needed")
        # the pieces of one unwrapped paragraph are one review item: computed once, O(k)
        # (the scan worker computes them off the GUI thread and passes them in)
        self._pieces: dict[int, list[int]] = (
            pieces if pieces is not None else paragraph_pieces(self.fixes)
        )
        unify_pieces(self._decisions, self._pieces)
        # one map of positions for the engine and the app, in UTF-16 units (what Qt counts)
        self.offsets = offsets or OffsetMap.for_text(
            original, self.fixes, [d is Decision.ACCEPTED for d in self._decisions], utf16=True
        )
        self._starts = [f.start for f in self.fixes]
        self._lines = lines if lines is not None else line_numbers(original, self._starts)
        # list.count compares by identity in C; a Counter would hash every enum in Python
        self._heads: list[int] | None = None
        if self._pieces:
            pieces_of = self._pieces
            self._heads = [
                i for i in range(len(self.fixes)) if i not in pieces_of or pieces_of[i][0] == i
            ]
        heads = self._heads if self._heads is not None else range(len(self.fixes))
        head_decisions = [self._decisions[i] for i in heads]
        self._state_counts = Counter({d: head_decisions.count(d) for d in Decision})
        categories = [self.fixes[i].category for i in heads]
        self._category_counts = Counter({c: categories.count(c) for c in Category})
        self._searchable = searchable
        #: the engine's proposal for every fix the user gave a replacement of their own
        self._proposals: dict[int, Fix] = {}
        self.undo_stack = QUndoStack(self)

    # -- reading -----------------------------------------------------------

    def __len__(self) -> int:
        return len(self.fixes)

    def decision(self, index: int) -> Decision:
        """The current decision on fix ``index``."""
        return self._decisions[index]

    @property
    def decisions(self) -> tuple[Decision, ...]:
        """A snapshot of every decision, in fix order."""
        return tuple(self._decisions)

    @property
    def is_modified(self) -> bool:
        """True when decisions changed since the last save (or since opening)."""
        return not self.undo_stack.isClean()

    def is_head(self, index: int) -> bool:
        """Whether fix ``index`` is a review item's first fix (false for later paragraph pieces)."""
        members = self._pieces.get(index)
        return members is None or members[0] == index

    def pieces(self, index: int) -> list[int]:
        """Every fix reviewed together with fix ``index`` (just itself unless a paragraph's piece)."""
        return self._pieces.get(index) or [index]

    def head_indices(self) -> list[int] | None:
        """The first fix of every review item, or None when each fix is its own item."""
        return self._heads

    def item_count(self) -> int:
        """How many review items there are: fixes, with a split paragraph counted once."""
        return len(self.fixes) if self._heads is None else len(self._heads)

    def item_number(self, index: int) -> int:
        """The 1-based place in the review of the item fix ``index`` belongs to."""
        if self._heads is None:
            return index + 1
        return bisect.bisect_right(self._heads, self.pieces(index)[0])

    def category_counts(self) -> Counter[Category]:
        """How many review items of each category were found (a paragraph counts once)."""
        return Counter(self._category_counts)

    def state_counts(self) -> Counter[Decision]:
        """How many review items are pending, accepted and rejected (a paragraph counts once)."""
        return Counter(self._state_counts)

    def line_of(self, index: int) -> int:
        """1-based line number where fix ``index`` starts."""
        return self._lines[index]

    def where(self, index: int) -> str:
        """``line:column`` (both 1-based, in code points) where fix ``index`` starts.

        The column tells fixes apart in a text of long paragraphs, where many
        share a line.
        """
        start = self.fixes[index].start
        column = start - self.original.rfind("\n", 0, start)
        return f"{self._lines[index]}:{column}"

    def default_decision(self, index: int) -> Decision:
        """What fix ``index`` started as when the text was opened."""
        fix = self.proposal(index)
        return Decision.ACCEPTED if fix.confidence >= self.min_confidence else Decision.PENDING

    def cleaned_text(self) -> str:
        """The original with every accepted fix applied (O(n + k))."""
        return apply_fixes(self.original, self.fixes, self._decisions)

    def context(self, index: int) -> tuple[str, str]:
        """The word around fix ``index``, before and after the fix, for display."""
        members = self._pieces.get(index)
        if members is not None:
            return self._paragraph_change(members)
        fix = self.fixes[index]
        head, tail = word_edges(self.original, fix)
        return head + fix.original + tail, head + fix.replacement + tail

    def _paragraph_change(self, members: list[int]) -> tuple[str, str]:
        """The whole paragraph's text before and after its pieces (fixes between left as they are)."""
        first, last = self.fixes[members[0]], self.fixes[members[-1]]
        parts: list[str] = []
        position = first.start
        for i in members:
            fix = self.fixes[i]
            parts.append(self.original[position : fix.start])
            parts.append(fix.replacement)
            position = fix.end
        return self.original[first.start : last.end], "".join(parts)

    def search_text(self, index: int) -> str:
        """What the search box matches for fix ``index`` (casefolded)."""
        return self.searchable()[index]

    def searchable(self) -> list[str]:
        """:func:`search_text` of every fix (computed once, on first use, if not given)."""
        if self._searchable is None:
            self._searchable = search_texts(self.original, self.fixes)
        return self._searchable

    def is_custom(self, index: int) -> bool:
        """Whether the user replaced fix ``index``'s proposal with text of their own."""
        return index in self._proposals

    def proposal(self, index: int) -> Fix:
        """The engine's own proposal for fix ``index`` (before any edit by the user)."""
        return self._proposals.get(index, self.fixes[index])

    def key_of(self, index: int) -> FixKey:
        """The identity of fix ``index`` across scans (its proposal's, even when edited)."""
        return fix_key(self.proposal(index))

    def entry(self, index: int) -> tuple[FixKey, str, str | None]:
        """What the recovery journal records about fix ``index``."""
        if index in self._proposals and self._decisions[index] is Decision.ACCEPTED:
            return self.key_of(index), "custom", self.fixes[index].replacement
        return self.key_of(index), self._decisions[index].value, None

    def indices_of_word(self, word: str) -> list[int]:
        """Hyphen fixes whose hyphenated word is ``word`` (a quick text filter first)."""
        first = word.split("-", 1)[0].casefold()
        texts = self.searchable()
        return [
            i
            for i, text in enumerate(texts)
            if first in text
            and self.fixes[i].category is Category.HYPHEN
            and self.hyphenated_word(i) == word
        ]

    def hyphenated_word(self, index: int) -> str | None:
        """The hyphenated word fix ``index`` repairs (``NA-TO``, ``impossib-ility``), if any.

        Line breaks and soft hyphens inside it become one plain hyphen, the
        form the user dictionary stores.
        """
        fix = self.fixes[index]
        if fix.category is not Category.HYPHEN:
            return None
        before, _ = self.context(index)
        word = regex.sub(r"[ \t]*\n[ \t]*", "", before)
        word = _HYPHENS.sub("-", word)
        word = regex.sub(r"-+", "-", word).strip("-'’")
        return word if "-" in word else None

    def first_at_or_after(self, position: int) -> int | None:
        """Index of the first fix starting at or after code point ``position``."""
        i = bisect.bisect_left(self._starts, position)
        return i if i < len(self.fixes) else None

    def next_index(
        self, current: int | None, *, forward: bool = True, undecided_only: bool = False
    ) -> int | None:
        """The next (or previous) fix after ``current``, optionally only pending ones.

        Pending search wraps around the end; plain navigation stops at the ends.
        """
        count = len(self.fixes)
        if not count:
            return None
        step = 1 if forward else -1
        start = (0 if forward else count - 1) if current is None else current + step
        if not undecided_only:
            while 0 <= start < count and not self.is_head(start):
                start += step
            return start if 0 <= start < count else None
        if not self._state_counts[Decision.PENDING]:
            return None
        for offset in range(count):
            i = (start + step * offset) % count
            if self._decisions[i] is Decision.PENDING and self.is_head(i):
                return i
        return None

    def decision_map(self) -> dict[FixKey, str]:
        """Every decision keyed by fix identity (kept across a rescan)."""
        return {self.key_of(i): d.value for i, d in enumerate(self._decisions)}

    def custom_map(self) -> dict[FixKey, str]:
        """The user's own replacements keyed by fix identity."""
        return {self.key_of(i): self.fixes[i].replacement for i in self._proposals}

    # -- deciding ------------------------------------------------------------

    def decide(self, index: int, decision: Decision) -> None:
        """Record one decision as an undoable command."""
        label = f"{decision.value.title()} {self.fixes[index].rule}"
        self.decide_many([index], decision, label)

    def toggle(self, index: int) -> None:
        """Accept a pending or rejected fix, reject an accepted one."""
        current = self._decisions[index]
        new = Decision.REJECTED if current is Decision.ACCEPTED else Decision.ACCEPTED
        self.decide(index, new)

    def decide_many(
        self,
        indices: Iterable[int],
        decision: Decision,
        label: str,
        *,
        also: tuple[Callable[[], None], Callable[[], None]] | None = None,
    ) -> int:
        """Set ``decision`` on all ``indices`` as one undo step; returns how many changed.

        ``also`` is a ``(do, undo)`` pair of side effects made part of the same
        step (a dictionary entry); with it the step is pushed even when no
        decision changes.
        """
        changes = {j: (self._decisions[j], decision) for i in indices for j in self.pieces(i)}
        changes = {i: c for i, c in changes.items() if c[0] is not c[1]}
        if changes or also is not None:
            self.undo_stack.push(_SetDecisions(self, changes, label, also))
        return len(changes)

    def set_decisions(
        self,
        decisions: dict[int, Decision],
        label: str,
        *,
        also: tuple[Callable[[], None], Callable[[], None]] | None = None,
    ) -> int:
        """Set a decision per fix (each its own) as one undo step; returns how many changed."""
        changes = {
            j: (self._decisions[j], d)
            for i, d in decisions.items()
            for j in self.pieces(i)
            if self._decisions[j] is not d
        }
        if changes or also is not None:
            self.undo_stack.push(_SetDecisions(self, changes, label, also))
        return len(changes)

    def set_custom(self, index: int, replacement: str) -> bool:
        """Replace fix ``index``'s text with ``replacement`` (accepted), as one undo step.

        Typing the engine's own proposal back gives the plain accepted fix.
        Returns False when nothing would change.
        """
        old_fix = self.fixes[index]
        proposal = self.proposal(index)
        if replacement == proposal.replacement:
            new_fix = proposal
        else:
            new_fix = replace(
                proposal,
                replacement=replacement,
                rule=proposal.rule,
                reason=f"your own replacement (the proposal was {proposal.replacement!r})",
            )
        if new_fix == old_fix and self._decisions[index] is Decision.ACCEPTED:
            return False
        self.undo_stack.push(
            _SetCustom(self, index, (old_fix, self._decisions[index]), (new_fix, Decision.ACCEPTED))
        )
        return True

    def _set_fix(self, index: int, fix: Fix, decision: Decision) -> None:
        """Put ``fix`` (an edit or the proposal) at ``index`` (the custom command's effect)."""
        if fix == self.proposal(index):
            self._proposals.pop(index, None)
        else:
            self._proposals.setdefault(index, self.proposal(index))
        self.fixes[index] = fix
        self.offsets.set_replacement(index, fix.replacement)
        if self._searchable is not None:
            self._searchable[index] = search_text(self.original, fix)
        self._state_counts[self._decisions[index]] -= 1
        self._state_counts[decision] += 1
        self._decisions[index] = decision
        self.offsets.set_accepted(index, decision is Decision.ACCEPTED)
        self.decisions_changed.emit([index])

    def decide_category(self, category: Category, decision: Decision) -> int:
        """Decide every fix of ``category`` in one undo step."""
        indices = [i for i, f in enumerate(self.fixes) if f.category is category]
        label = f"{decision.value.title()} all {category.value} fixes"
        return self.decide_many(indices, decision, label)

    def decide_above(self, confidence: float, decision: Decision) -> int:
        """Decide every fix at or above ``confidence`` in one undo step."""
        indices = [i for i, f in enumerate(self.fixes) if f.confidence >= confidence]
        label = f"{decision.value.title()} fixes at or above {confidence:.0%}"
        return self.decide_many(indices, decision, label)

    def decide_below(self, confidence: float, decision: Decision) -> int:
        """Decide every fix below ``confidence`` in one undo step."""
        indices = [i for i, f in enumerate(self.fixes) if f.confidence < confidence]
        label = f"{decision.value.title()} fixes below {confidence:.0%}"
        return self.decide_many(indices, decision, label)

    def restore(
        self,
        stored: dict[FixKey, str],
        label: str = "Restore decisions",
        custom: dict[FixKey, str] | None = None,
    ) -> int:
        """Apply decisions saved earlier (recovery, rescan) as one undo step.

        ``custom`` holds the user's own replacements, by fix identity.
        Returns how many fixes changed.
        """
        by_value = {d.value: d for d in Decision}
        changes: dict[int, tuple[Decision, Decision]] = {}
        edits: list[tuple[int, str]] = []
        custom = custom or {}
        for i in range(len(self.fixes)):
            key = self.key_of(i)
            value = stored.get(key)
            new = by_value.get(value) if value is not None else None
            if key in custom:
                edits.append((i, custom[key]))
            elif new is not None and new is not self._decisions[i]:
                changes[i] = (self._decisions[i], new)
        for members in _paragraphs(self._pieces):
            # pieces stored in disagreement (an older save): the first piece's decision wins
            first = changes[members[0]][1] if members[0] in changes else self._decisions[members[0]]
            for i in members[1:]:
                if self._decisions[i] is first:
                    changes.pop(i, None)
                else:
                    changes[i] = (self._decisions[i], first)
        if not changes and not edits:
            return 0
        self.undo_stack.beginMacro(label)
        if changes:
            self.undo_stack.push(_SetDecisions(self, changes, label))
        for i, text in edits:
            self.set_custom(i, text)
        self.undo_stack.endMacro()
        return len(changes) + len(edits)

    def index_of_key(self, key: FixKey) -> int | None:
        """The fix with identity ``key`` (by binary search on its start), if any."""
        i = bisect.bisect_left(self._starts, key[0])
        while i < len(self.fixes) and self._starts[i] == key[0]:
            if self.key_of(i) == key:
                return i
            i += 1
        return None

    def _apply(self, values: dict[int, Decision]) -> None:
        """Set decisions without recording them (the undo command's effect)."""
        pieces = self._pieces
        for i, decision in values.items():
            if i not in pieces or pieces[i][0] == i:
                self._state_counts[self._decisions[i]] -= 1
                self._state_counts[decision] += 1
            self._decisions[i] = decision
            self.offsets.set_accepted(i, decision is Decision.ACCEPTED)
        self.decisions_changed.emit(sorted(values))

    # -- saving --------------------------------------------------------------

    def save(self, path: Path) -> None:
        """Write the cleaned text to ``path`` in the original's encoding, BOM and newlines.

        Raises :class:`~editor.engine.errors.OutputError`; on failure nothing
        is lost: decisions stay as they are and the session stays modified.
        """
        overwrites_source = self.source is not None and _same_file(path, self.source)
        save_document(
            path,
            self.cleaned_text(),
            cleaned_layout(self.layout, self.original, self.fixes, self._decisions),
            mode_from=self.source,
            expected=self.stamp if overwrites_source else None,
            # saving over the file opened through a link replaces that file, not the link
            through_link=overwrites_source,
        )
        self.output_path = path
        self.undo_stack.setClean()


def paragraph_pieces(fixes: Sequence[Fix]) -> dict[int, list[int]]:
    """Every piece of a paragraph joined in several pieces, mapped to all its pieces.

    One shared list per paragraph; a fix that is its own review item is absent.
    """
    by_group: dict[int, list[int]] = {}
    for i, group in enumerate(paragraph_groups(fixes)):
        by_group.setdefault(group, []).append(i)
    return {i: members for members in by_group.values() if len(members) > 1 for i in members}


def unify_pieces(decisions: list[Decision], pieces: dict[int, list[int]]) -> None:
    """Give every piece of a paragraph its first piece's decision, in place.

    For a restored or given state where the pieces disagree.
    """
    for members in _paragraphs(pieces):
        for i in members[1:]:
            decisions[i] = decisions[members[0]]


def _paragraphs(pieces: dict[int, list[int]]) -> list[list[int]]:
    """Each paragraph's list of pieces once (every piece maps to its paragraph's one list)."""
    return list({id(members): members for members in pieces.values()}.values())


class _SetDecisions(QUndoCommand):
    """Changes the decisions of one or many fixes; undo puts the old ones back."""

    def __init__(
        self,
        session: ReviewSession,
        changes: dict[int, tuple[Decision, Decision]],
        label: str,
        also: tuple[Callable[[], None], Callable[[], None]] | None = None,
    ) -> None:
        super().__init__(label)
        self._session = session
        self._old = {i: old for i, (old, _) in changes.items()}
        self._new = {i: new for i, (_, new) in changes.items()}
        self._also = also
        self._first = True

    def redo(self) -> None:
        if self._also is not None:
            self._also[0]()
        if self._new:
            self._session._apply(self._new)
        if not self._first and self._new:
            self._session.focus_requested.emit(min(self._new))
        self._first = False

    def undo(self) -> None:
        if self._also is not None:
            self._also[1]()
        if self._old:
            self._session._apply(self._old)
            self._session.focus_requested.emit(min(self._old))


class _SetCustom(QUndoCommand):
    """Puts the user's own replacement in place of a fix (or the proposal back)."""

    def __init__(
        self,
        session: ReviewSession,
        index: int,
        old: tuple[Fix, Decision],
        new: tuple[Fix, Decision],
    ) -> None:
        super().__init__(f"Replace with {new[0].replacement!r}")
        self._session = session
        self._index = index
        self._old = old
        self._new = new
        self._first = True

    def redo(self) -> None:
        self._session._set_fix(self._index, *self._new)
        if not self._first:
            self._session.focus_requested.emit(self._index)
        self._first = False

    def undo(self) -> None:
        self._session._set_fix(self._index, *self._old)
        self._session.focus_requested.emit(self._index)
