"""How much a single-byte code page's reading of some bytes looks like ordinary text.

A wrong code page turns letters into symbols inside words (CP850 "é" read as
CP1250 gives "‚"), flips their case mid-word (KOI8-R read as CP1251 gives
"пРИВЕТ"), or mixes letters that no single language uses together (Czech read
as CP1252 gives "è", "ø" and "š" side by side).  Each of these is counted as a
penalty; the reading with the lowest penalty is the most plausible.

The high bytes of a sample are counted once with their neighbours; each code
page then only maps those few thousand distinct contexts, so judging thirty
code pages costs little more than judging one.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from dataclasses import dataclass

import regex

_ASCII_BYTES = bytes(range(0x80))
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_HIGH_BYTE = regex.compile(rb"[\x80-\xff]")
_SAMPLE_STEP = 4 * 1024

# Letters (lower case) each language writes beyond the plain Latin a-z, or its whole
# alphabet for Cyrillic and Greek.  A reading whose non-ASCII letters fit one of these
# is plausible; letters from several (Italian "ì" beside Danish "ø" and Czech "š") are not.
_LATIN_LANGUAGES: dict[str, str] = {
    "en": "àâçéèêëîïôûùœæáíóúñäöüå",
    "de": "äöüß",
    "fr": "àâæçéèêëîïôœùûüÿ",
    "es": "áéíñóúü",
    "pt": "áâãàçéêíóôõú",
    "it": "àèéìíîòóùú",
    "ca": "àçèéíïòóúü",
    "nl": "áéëïóöüèàç",
    "da": "æøåé",
    "sv": "åäöé",
    "fi": "äöåšž",
    "is": "áðéíóúýþæö",
    "pl": "ąćęłńóśźż",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "hr": "čćđšž",
    "hu": "áéíóöőúüű",
    "ro": "ăâîșțşţ",
    "tr": "çğıöşüâîû",
    "et": "äöõüšž",
    "lv": "āčēģīķļņšūž",
    "lt": "ąčęėįšųūž",
    "sq": "çë",
}
_OTHER_ALPHABETS: dict[str, str] = {
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "be": "абвгдеёжзійклмнопрстуўфхцчшыьэюя",
    "bg": "абвгдежзийклмнопрстуфхцчшщъьюя",
    "sr": "абвгдђежзијклљмнњопрстћуфхцчџш",
    "mk": "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
    "el": "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ",
}
# Languages that put a diacritic on a good share of their letters (Czech about 9 %,
# Polish 7 %, Hungarian 10 %): a reading that makes a text one of them while accents
# stay rare ("naïve" read as Czech "naďve" in English prose) pays for the missing ones.
_DENSE_DIACRITICS = frozenset({"pl", "cs", "sk", "hu", "tr", "lv", "is"})
_MIN_DIACRITIC_SHARE = 0.06
_SPARSE_DIACRITIC_COST = 0.25
# French and other Western letters turn up in any Latin-script text (names, loan words:
# "Molière" in German), so outside their language they cost much less than, say, "ř".
_LOAN_LETTERS = frozenset("àâçéèêëîïôûùœæáíóúñäöüå")
_LOAN_COST = 0.3
# A letter that belongs to none of the text's likely languages.
_FOREIGN_LETTER_COST = 1.5
# A letter of a script we have no alphabet for (Hebrew, Armenian, "ª"), or a combining mark.
_OTHER_SCRIPT_COST = 3.0
# Case or script changing inside a word: "fŸr", "пРИВЕТ", a Cyrillic letter glued to a Latin one.
_MID_WORD_CASE_COST = 2.0
_MIXED_SCRIPT_COST = 2.0
# A Latin letter standing alone, or a letter glued to digits ("1938Ð39"): a symbol misread.
_LONE_LETTER_COST = 1.5
# Accented Latin letters that are words by themselves (French "à", Portuguese "é", "ó").
_ONE_LETTER_WORDS = frozenset("àéóèù")
# Greek final sigma inside a word.
_FINAL_SIGMA_COST = 2.0
# Control characters and unassigned code points never occur in text.
_CONTROL_COST = 5.0
# Punctuation of running text ("“", "«", "°", "€") is fine between words, odd between letters.
_MARK_IN_WORD_COST = 2.0
# Other symbols ("™", "ƒ", "¤", box drawing): rare anywhere, worse next to letters.
_SYMBOL_COST = 1.0
_SYMBOL_BY_LETTER_COST = 1.0
_ORDINARY_MARKS = frozenset("€£°§¿¡«»‹›“”„‘’‚–—…\u00a0\u00ad")
# Marks that do occur between two letters of one word.
_WORD_JOINING_MARKS = frozenset("’‘—–\u00ad")
# Marks that open a phrase: never right after a letter.
_OPENING_MARKS = frozenset("„‚¿¡")


@dataclass(frozen=True, slots=True)
class ByteContexts:
    """The high bytes of a text, each with its neighbours, counted once for all code pages."""

    #: (previous byte, high byte, next byte, the byte after) in the sample, with their counts
    contexts: Counter[tuple[int, ...]]
    #: every high byte of the whole text: its count in the sample (at least 1)
    singles: Counter[int]
    #: how many plain ASCII letters the sample holds
    ascii_letters: int = 0
    #: the accented letters of the language its ASCII words show, or ``None``
    alphabet: frozenset[str] | None = None

    @property
    def high_count(self) -> int:
        """How many high bytes the sample holds (bytes found only beyond it count once)."""
        return sum(self.singles.values())


def byte_contexts(body: bytes, max_sample_bytes: int, max_high_bytes: int) -> ByteContexts:
    """Count the high bytes of ``body``.

    They are counted in context from the start until ``max_high_bytes`` of
    them or ``max_sample_bytes`` are seen (the evidence is then ample, and
    the cost stays flat for big files); each further byte value that occurs
    only later is counted once, since it must still decode.
    """
    end = 0
    seen = 0
    while end < min(len(body), max_sample_bytes) and seen < max_high_bytes:
        chunk = body[end : end + _SAMPLE_STEP]
        seen += len(chunk) - len(chunk.translate(None, _ASCII_BYTES))
        end += len(chunk)
    sample = body[:end]
    padded = b" " + sample + b"  "
    contexts = Counter(
        tuple(padded[m.start() - 1 : m.start() + 3]) for m in _HIGH_BYTE.finditer(padded)
    )
    singles: Counter[int] = Counter()
    for (_, byte, _, _), count in contexts.items():
        singles[byte] += count
    if len(body) > len(sample):
        for byte in set(body[len(sample) :].translate(None, _ASCII_BYTES)):
            singles[byte] = singles[byte] or 1
    ascii_letters = len(sample) - len(sample.translate(None, _ASCII_LETTERS))
    return ByteContexts(contexts, singles, ascii_letters, _shown_alphabet(sample))


@functools.cache
def byte_table(codec: str) -> tuple[str | None, ...]:
    """What each byte means in a single-byte ``codec`` (``None``: undefined)."""
    table: list[str | None] = []
    for byte in range(256):
        try:
            table.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            table.append(None)
    return tuple(table)


def readable(codec: str, contexts: ByteContexts) -> bool:
    """Whether ``codec`` defines every high byte present, each as a different character."""
    table = byte_table(codec)
    chars = [table[b] for b in contexts.singles]
    return None not in chars and len(set(chars)) == len(chars)


def reading(codec: str, contexts: ByteContexts) -> tuple[str | None, ...]:
    """The characters ``codec`` gives the present high bytes: equal for equivalent code pages."""
    table = byte_table(codec)
    return tuple(table[b] for b in sorted(contexts.singles))


def implausibility(codec: str, contexts: ByteContexts) -> float:
    """How strange ``codec``'s reading of the high bytes looks (0: entirely ordinary)."""
    table = byte_table(codec)

    def char(byte: int) -> str:
        return table[byte] or "\ufffd"

    penalty = 0.0
    for (before, byte, after, then), count in contexts.contexts.items():
        penalty += count * _context_penalty(char(before), char(byte), char(after), char(then))
    letters: Counter[str] = Counter()
    for byte, count in contexts.singles.items():
        value = char(byte)
        if value.isalpha():
            letters[value.lower()[0]] += count
    if contexts.alphabet is not None:
        return penalty + _alphabet_cost(letters, contexts.alphabet, latin=True)
    return penalty + _alphabet_penalty(letters, contexts.ascii_letters)


@functools.lru_cache(maxsize=1 << 16)
def _context_penalty(before: str, char: str, after: str, then: str) -> float:
    kind, script = _kind(char)
    if kind == "control":
        return _CONTROL_COST
    if kind == "letter":
        return _letter_penalty(before, char, after, then, script)
    by_letters = before.isalpha() + after.isalpha()
    if kind == "mark":
        if by_letters == 2 and char not in _WORD_JOINING_MARKS:
            return _MARK_IN_WORD_COST
        if char in _OPENING_MARKS and before.isalnum():
            return _MARK_IN_WORD_COST
        return 0.0
    if kind == "other":
        return _SYMBOL_COST + _SYMBOL_BY_LETTER_COST * by_letters
    return 0.0


def _letter_penalty(before: str, char: str, after: str, then: str, script: str) -> float:
    if script == "other":
        return _OTHER_SCRIPT_COST
    penalty = 0.0
    if not before.isalpha() and not after.isalpha():
        # "£100" read as "œ100", "1938–39" as "1938Ð39", "!’ " as "!Õ "
        by_digit = before.isdigit() or after.isdigit()
        if by_digit or (script == "latin" and char.lower() not in _ONE_LETTER_WORDS):
            penalty += _LONE_LETTER_COST
    # "‘Alas" read as "ÔAlas", "São" as "SÆo": two capitals before a small letter
    if char.isupper() and (
        (after.isupper() and then.islower()) or (before.isupper() and after.islower())
    ):
        penalty += _MID_WORD_CASE_COST
    for neighbour in (before, after):
        if neighbour.isalpha() and _kind(neighbour)[1] not in (script, "other"):
            penalty += _MIXED_SCRIPT_COST
    # "fŸr", "пРИВЕТ": upper case after lower case, or lower case before upper case
    if (char.isupper() and before.islower()) or (char.islower() and after.isupper()):
        penalty += _MID_WORD_CASE_COST
    if char == "ς" and after.isalpha():
        penalty += _FINAL_SIGMA_COST
    return penalty


@functools.lru_cache(maxsize=4096)
def _kind(char: str) -> tuple[str, str]:
    """(letter, mark, space, digit, other or control) and, for letters, the script."""
    category = unicodedata.category(char)
    if category.startswith("L"):
        name = unicodedata.name(char, "")
        script = name.split(" ", 1)[0].lower()
        return "letter", script if script in ("latin", "cyrillic", "greek") else "other"
    if char in _ORDINARY_MARKS:
        return "mark", ""
    if category in ("Cc", "Cn", "Co", "Cs") or char == "\ufffd":
        return ("space", "") if char in "\t\n\r\x0c" else ("control", "")
    if category in ("Pd", "Ps", "Pe", "Pi", "Pf", "Po") and char.isascii():
        return "mark", ""
    if category == "Zs" and char.isascii():
        return "space", ""
    if category == "Nd" and char.isascii():
        return "digit", ""
    if category.startswith("M"):
        return "letter", "other"
    return "other", ""


def _alphabet_penalty(letters: Counter[str], ascii_letters: int) -> float:
    """The cost of the letters that the best-fitting language does not write."""
    if not letters:
        return 0.0
    best = float("inf")
    for alphabet, latin, dense in _ALPHABETS:
        cost = _alphabet_cost(letters, alphabet, latin)
        if dense:
            # "naďve" makes a Czech word, but Czech text has accents in most words
            written = sum(n for letter, n in letters.items() if letter in alphabet)
            expected = _MIN_DIACRITIC_SHARE * (ascii_letters + sum(letters.values()))
            cost += _SPARSE_DIACRITIC_COST * max(0.0, expected - written)
        best = min(best, cost)
    return best


def _alphabet_cost(letters: Counter[str], alphabet: frozenset[str], latin: bool) -> float:
    cost = 0.0
    for letter, count in letters.items():
        if letter in alphabet:
            continue
        if latin and letter in _LOAN_LETTERS:
            cost += _LOAN_COST * count
        elif _kind(letter)[1] != "other":
            cost += _FOREIGN_LETTER_COST * count
    return cost


# Short ASCII words, very frequent in one language (or a pair that share an alphabet):
# when the plain-ASCII words of a text show its language, its accented letters must be
# that language's ("naïve" in English text, not Czech "naďve").
_FUNCTION_WORDS: dict[tuple[str, ...], frozenset[str]] = {
    ("en",): frozenset(
        "the and of to in is was that it for with as his he had you not but".split()
    ),
    ("de",): frozenset(
        "der die und das nicht ist ich sie er zu den mit sich auf des dem ein".split()
    ),
    ("fr",): frozenset(
        "le les et des est un une du que qui dans pas pour sur il elle au avec".split()
    ),
    ("es", "ca"): frozenset(
        "el los las y que en un una por con para es del se lo su al como".split()
    ),
    ("it",): frozenset("il di che gli della non sono per nel alla anche come questo".split()),
    ("pt",): frozenset("o os as e do da em um uma para com no na se por mais".split()),
    ("nl",): frozenset("het een en van dat niet ik zijn op te met voor er maar ook".split()),
    ("cs", "sk"): frozenset("a se sa na je v to s z do ale jako ako jsem som by tak".split()),
    ("pl",): frozenset("i w nie na z do to jest jak ale tak po od czy jego".split()),
    ("hu",): frozenset("a az hogy nem is egy meg de csak mint van volt".split()),
    ("sv", "da", "fi"): frozenset(
        "och att det som en med av till den har inte og af til ikke".split()
    ),
}
# A language counts as shown by this many function words, and this many times more than
# any other language's.
_MIN_FUNCTION_WORDS = 3
_FUNCTION_WORD_LEAD = 2
_ASCII_WORD = regex.compile(rb"(?<![A-Za-z\x80-\xff])[A-Za-z]+(?![A-Za-z\x80-\xff])")


# a word that several languages use ("to": English and Czech) shows none of them
_SHARED_WORDS = frozenset(
    w for w, n in Counter(w for ws in _FUNCTION_WORDS.values() for w in ws).items() if n > 1
)


def _shown_alphabet(sample: bytes) -> frozenset[str] | None:
    """The accented letters of the language the sample's plain-ASCII words show, if any."""
    counts = Counter(w.lower().decode() for w in _ASCII_WORD.findall(sample))
    scores = sorted(
        (
            (sum(counts[w] for w in words - _SHARED_WORDS), group)
            for group, words in _FUNCTION_WORDS.items()
        ),
        reverse=True,
    )
    (best, group), (second, _) = scores[0], scores[1]
    if best < _MIN_FUNCTION_WORDS or best < _FUNCTION_WORD_LEAD * second:
        return None
    return frozenset("".join(_LATIN_LANGUAGES[code] for code in group))


_ALPHABETS: tuple[tuple[frozenset[str], bool, bool], ...] = tuple(
    [(frozenset(v), True, k in _DENSE_DIACRITICS) for k, v in _LATIN_LANGUAGES.items()]
    + [(frozenset(v), False, False) for v in _OTHER_ALPHABETS.values()]
)
