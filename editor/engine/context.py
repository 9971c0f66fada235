"""Everything a detector may consult while scanning one text, computed once and shared."""

from __future__ import annotations

import contextlib
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from editor.engine.errors import ScanCancelled
from editor.engine.language import resolve_language
from editor.engine.lexicon import Lexicon, load_lexicon
from editor.engine.model import DEFAULT_MIN_CONFIDENCE
from editor.engine.shards import in_helper, map_slices
from editor.engine.userdict import UserDictionary
from editor.engine.vocabulary import Vocabulary

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

T = TypeVar("T")


@dataclass(frozen=True)
class ScanOptions:
    """What the user chose: language, which rules run, their own word list, their threshold."""

    language: str = "auto"
    #: rule names to run; ``None`` runs every rule that is on by default
    rules: frozenset[str] | None = None
    user_dictionary: UserDictionary = field(default_factory=UserDictionary)
    #: fixes at or above this are applied by ``clean`` and start accepted in the app; rules
    #: that reason about what the cleaned text will contain read it from here
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    #: the encoding the cleaned text will be saved in (``TextDocument.encoding``); a fix
    #: whose replacement it cannot hold is never proposed.  ``None``: any character
    encoding: str | None = None


class ScanContext:
    """One text being scanned, with its language, lexicon and vocabulary built lazily.

    ``processes`` above 1 lets detectors share their costly loops with forked
    helpers (:meth:`map_slices`); only single-threaded callers may ask for it.
    """

    def __init__(
        self,
        text: str,
        options: ScanOptions,
        is_cancelled: Callable[[], bool] = lambda: False,
        progress: Callable[[float], None] | None = None,
        processes: int = 1,
    ) -> None:
        self.text = text
        self.options = options
        self.processes = processes
        self._is_cancelled = is_cancelled
        self._progress = progress
        self._progress_base = 0.0
        self._progress_span = 1.0

    @functools.cached_property
    def language(self) -> str:
        """The ISO 639-1 code of the text's language (detected unless the user chose one)."""
        return resolve_language(self.options.language, self.text)

    @functools.cached_property
    def lexicon(self) -> Lexicon:
        """Word frequencies of the text's language."""
        return load_lexicon(self.language)

    @functools.cached_property
    def vocabulary(self) -> Vocabulary:
        """The text's own words and how often each occurs."""
        return Vocabulary.of(self.text, self.check_cancelled)

    def adopt_vocabulary(self, vocabulary: Vocabulary) -> None:
        """Use ``vocabulary``, counted elsewhere (in shards of this text), as the text's own."""
        self.__dict__["vocabulary"] = vocabulary

    def map_slices(
        self, function: Callable[[int, int], list[T]], weights: Sequence[int]
    ) -> list[T]:
        """``function(0, len(weights))``, shared out in slices when this scan may use helpers.

        ``function(start, end)`` returns the results of items ``start .. end``
        and must not depend on any other slice's work (see
        :func:`editor.engine.shards.map_slices`); ``weights`` balance the slices.
        """
        if self.processes < 2:
            return function(0, len(weights))
        return map_slices(function, weights, self.processes)

    @property
    def user_dictionary(self) -> UserDictionary:
        """Words the user always keeps hyphenated or always joins."""
        return self.options.user_dictionary

    def check_cancelled(self) -> None:
        """Raise :class:`ScanCancelled` if the caller asked the scan to stop."""
        # a helper is stopped by its parent, which polls the caller
        if not in_helper() and self._is_cancelled():
            raise ScanCancelled

    def report_progress(self, fraction: float) -> None:
        """Tell the caller how far the current detector has got (0..1)."""
        if self._progress is not None and not in_helper():
            self._progress(self._progress_base + self._progress_span * min(1.0, max(0.0, fraction)))

    @contextlib.contextmanager
    def quietly(self) -> Iterator[None]:
        """Report no progress meanwhile (work done ahead of its turn, out of the stages' order)."""
        progress, self._progress = self._progress, None
        try:
            yield
        finally:
            self._progress = progress

    def begin_stage(self, base: float, span: float) -> None:
        """Map the next detector's progress into ``base .. base + span`` of the whole scan."""
        self._progress_base, self._progress_span = base, span
