"""Which encoding a file without a BOM is in, and whether that guess is sure.

UTF-8 is recognised by its structure: a file of valid multi-byte sequences
with a few invalid bytes among them is UTF-8 with a few broken bytes, and those
bytes are kept as they are (``surrogateescape``) rather than the whole file
being re-read in a legacy code page.  Wide encodings (UTF-16/32 without BOM)
are recognised by their NUL bytes and checked for readable text.  Among
single-byte code pages the most plausible reading (see
:mod:`editor.engine.plausibility`) wins, and when another reading is nearly as
plausible the guess is marked doubtful, with the alternatives, so that the
user decides instead of the rules "fixing" the mojibake of a wrong guess.
"""

from __future__ import annotations

import codecs
import logging
import unicodedata
from dataclasses import dataclass

import regex

from editor.engine.plausibility import (
    ByteContexts,
    byte_contexts,
    implausibility,
    readable,
    reading,
)

logger = logging.getLogger(__name__)

_ASCII_BYTES = bytes(range(0x80))

#: Undecodable bytes of a UTF-8 file, as ``surrogateescape`` keeps them in the text.
ESCAPED_BYTE = regex.compile(r"[\udc80-\udcff]")

# Single-byte code pages considered, most common first: between readings that give
# the same text, the first one named here is reported.
LEGACY_CODE_PAGES: tuple[str, ...] = (
    "cp1252",
    "iso8859-15",
    "iso8859-1",
    "cp1250",
    "iso8859-2",
    "cp1251",
    "koi8-r",
    "koi8-u",
    "iso8859-5",
    "mac-cyrillic",
    "cp866",
    "mac-roman",
    "cp850",
    "cp437",
    "cp852",
    "mac-latin2",
    "cp1253",
    "iso8859-7",
    "mac-greek",
    "cp1254",
    "iso8859-9",
    "cp1257",
    "iso8859-13",
    "iso8859-4",
    "iso8859-16",
    "iso8859-3",
    "iso8859-10",
    "mac-iceland",
    "mac-turkish",
)
# How much of a legacy file is looked at in context to judge its code page: its start,
# until this many high bytes are seen (a page of Russian, a few pages of French)...
_LEGACY_SAMPLE_HIGH_BYTES = 2048
# ...or this much of it.
_LEGACY_SAMPLE_BYTES = 1 << 20
_NORMALIZER_SAMPLE_BYTES = 64 * 1024
# UTF-8 or not is judged on this much around the first invalid byte.
_UTF8_WINDOW_BYTES = 1 << 20
# A reading is sure when the next most plausible one (giving a different text) has at
# least this much more penalty: one misplaced symbol or case flip is not enough.  Tuned
# on 2,880 snippets of en/de/fr/ru prose in 32 (language, code page) pairs (seed 1):
# 0 of 2,267 sure verdicts wrong at 2.0, 2 of 2,356 at 1.5.  On other snippets
# (bench/decoding.py --per-size 40 --seed 9, 3,840 snippets): 3,214 of 3,216 sure
# verdicts right (99.94 %), 83.8 % of snippets sure.
_SURE_MARGIN = 2.0
# ...and when the reading itself is ordinary: at most this penalty per high byte.
_SURE_MAX_RATE = 0.3
# A file is UTF-8 with some broken bytes when at least this share of its non-ASCII
# sequences are valid UTF-8; legacy text forms a valid sequence by chance for well
# under 5 % of its high bytes (KOI8-R "её" is one), so a share above it is UTF-8.
_UTF8_MIN_SHARE = 0.5
# ...and surely so when valid sequences outnumber broken bytes this many times.
_UTF8_SURE_RATIO = 4
# Below this share of valid sequences, a legacy code page is sure (if its reading is).
_LEGACY_MAX_UTF8_SHARE = 0.1
# ...unless its valid sequences decode to characters that text is seldom made of: real
# UTF-8 text has at least this share of them in the blocks below.
_UTF8_MIN_ORDINARY_SHARE = 0.8
_ORDINARY_NON_ASCII = regex.compile(r"[\u00a0-\u024f\u0370-\u03ff\u0400-\u04ff\u2010-\u206f€]")
# How many other readings are offered besides the guess.
_MAX_ALTERNATIVES = 4
# Wide encodings: sample size, and the share of odd characters (controls, unassigned,
# NULs, script changes between neighbouring letters) a correct reading stays under.
_WIDE_SAMPLE_UNITS = 16 * 1024
_WIDE_MAX_ODD_SHARE = 0.02
# A reading with fewer line breaks or spaces than one per this many characters is no text.
_WIDE_MAX_CHARS_PER_SPACE = 2000


@dataclass(frozen=True, slots=True)
class EncodingGuess:
    """An encoding chosen for some bytes, how sure the choice is, and what else could be."""

    encoding: str
    #: ``False`` when another reading is nearly as plausible: the user must choose
    sure: bool = True
    #: other encodings that read the bytes as a different, still possible text, best first
    alternatives: tuple[str, ...] = ()


def codec_name(name: str) -> str:
    """The canonical Python name of an encoding (raises ``LookupError`` if unknown)."""
    return codecs.lookup(name).name


def guess_encoding(body: bytes) -> EncodingGuess | None:
    """Guess the encoding of ``body`` (which has no BOM).

    ``None`` when it looks binary: NUL bytes that no UTF-16/32 reading explains.
    """
    if not body:
        return EncodingGuess("utf-8")
    if b"\x00" in body:
        wide = guess_wide(body)
        return EncodingGuess(wide) if wide else None
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _guess_broken_utf8_or_legacy(body, exc.start)
    return EncodingGuess("utf-8")


def _guess_broken_utf8_or_legacy(body: bytes, first_error: int) -> EncodingGuess:
    start = max(0, first_error - _UTF8_WINDOW_BYTES // 2)
    window = body[start : start + _UTF8_WINDOW_BYTES]
    text = window.decode("utf-8", errors="surrogateescape")
    broken = len(ESCAPED_BYTE.findall(text))
    ascii_count = len(window) - len(window.translate(None, _ASCII_BYTES))
    # (a sequence cut at the window's edges counts as broken: a few bytes in a million)
    valid = len(text) - ascii_count - broken
    share = valid / (valid + broken)
    if share >= _UTF8_MIN_SHARE:
        if valid >= _UTF8_SURE_RATIO * broken:
            return EncodingGuess("utf-8")
        legacy = guess_legacy(body)
        return EncodingGuess("utf-8", False, (legacy.encoding, *legacy.alternatives))
    legacy = guess_legacy(body)
    # CP866 Cyrillic forms valid sequences by chance too ("рав" is E0 A0 A2), but they
    # decode to Samaritan or Syriac; real UTF-8 gives accented letters and punctuation
    ordinary = len(_ORDINARY_NON_ASCII.findall(text))
    if share > _LEGACY_MAX_UTF8_SHARE and ordinary >= _UTF8_MIN_ORDINARY_SHARE * valid:
        return EncodingGuess(legacy.encoding, False, ("utf-8", *legacy.alternatives))
    return legacy


def guess_legacy(body: bytes) -> EncodingGuess:
    """The single-byte code page that reads ``body`` most plausibly, and whether it is sure."""
    contexts = byte_contexts(body, _LEGACY_SAMPLE_BYTES, _LEGACY_SAMPLE_HIGH_BYTES)
    readings = _rank_readings(contexts, LEGACY_CODE_PAGES)
    if not readings or readings[0][0] > _SURE_MAX_RATE * contexts.high_count:
        # nothing we know reads it well: ask charset-normalizer for other code pages
        readings = _rank_readings(contexts, (*LEGACY_CODE_PAGES, *_normalizer_candidates(body)))
    if not readings:
        # every byte value means something in latin-1, so this reading always exists
        return EncodingGuess("iso8859-1", False)
    best_penalty, best = readings[0]
    runner_up = readings[1][0] if len(readings) > 1 else float("inf")
    sure = (
        runner_up - best_penalty >= _SURE_MARGIN
        and best_penalty <= _SURE_MAX_RATE * contexts.high_count
    )
    alternatives = tuple(name for _, name in readings[1 : 1 + _MAX_ALTERNATIVES])
    return EncodingGuess(best, sure, alternatives)


def _rank_readings(contexts: ByteContexts, candidates: tuple[str, ...]) -> list[tuple[float, str]]:
    """(penalty, code page) for each distinct reading, best first.

    Code pages that read the bytes as the same text are one reading, named by
    the first of them.
    """
    seen: set[tuple[str | None, ...]] = set()
    ranked: list[tuple[float, str]] = []
    for name in dict.fromkeys(candidates):
        if not readable(name, contexts):
            continue
        chars = reading(name, contexts)
        if chars in seen:
            continue
        seen.add(chars)
        ranked.append((implausibility(name, contexts), name))
    ranked.sort(key=lambda item: item[0])  # stable: ties keep the preference order
    return ranked


def _normalizer_candidates(body: bytes) -> tuple[str, ...]:
    """Single-byte code pages charset-normalizer proposes beyond our own list."""
    from charset_normalizer import from_bytes

    found = []
    for match in from_bytes(body[:_NORMALIZER_SAMPLE_BYTES]):
        try:
            name = codec_name(match.encoding)
        except LookupError:
            continue
        if _is_single_byte(name):
            found.append(name)
    return tuple(found)


def _is_single_byte(name: str) -> bool:
    try:
        return len(bytes(range(256)).decode(name, errors="replace")) == 256
    except LookupError:
        return False


def guess_wide(body: bytes) -> str:
    """UTF-32 or UTF-16 (either byte order) without a BOM, or ``""``.

    Every reading that decodes is judged on a sample: the right one has no NUL
    characters, few controls or unassigned code points, and its letters rarely
    change script from one to the next (Chinese or Japanese included); the
    wrong byte order gives a jumble of scripts or fails to decode at all.
    """
    best, best_share = "", _WIDE_MAX_ODD_SHARE
    for name, unit in (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2), ("utf-16-be", 2)):
        if len(body) % unit:
            continue
        decoder = codecs.getincrementaldecoder(name)()
        try:
            sample = decoder.decode(body[: _WIDE_SAMPLE_UNITS * unit], final=False)
        except UnicodeDecodeError:
            continue
        share = _odd_share(sample)
        if share < best_share:
            best, best_share = name, share
    return best


def _odd_share(sample: str) -> float:
    # text has line breaks or spaces now and then (Chinese too, between paragraphs)
    spaces = sum(map(sample.count, "\n\r \u3000"))
    if spaces < max(1, len(sample) // _WIDE_MAX_CHARS_PER_SPACE):
        return 1.0
    odd = 0.0
    previous_script = ""
    for char in sample:
        category = unicodedata.category(char)
        if category in ("Cn", "Co", "Cs") or (category == "Cc" and char not in "\t\n\r\x0c"):
            odd += 1
        elif category.startswith("L"):
            script = _script(char)
            if previous_script and script != previous_script:
                odd += 0.5
            previous_script = script
        elif not char.isspace():
            continue
        else:
            previous_script = previous_script if char == " " else ""
    return odd / len(sample)


def _script(char: str) -> str:
    word = unicodedata.name(char, "?").split(" ", 1)[0]
    # Japanese mixes kanji and both kana in every sentence
    return "CJK" if word in ("HIRAGANA", "KATAKANA", "CJK") else word
