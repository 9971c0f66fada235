"""The speed baseline: join a hyphenated word when pyspellchecker knows the joined word.

What a user could write in ten minutes instead of running Mend: every ``word-word``
and ``word-<line break>word`` whose joined form pyspellchecker's English list
knows is joined, everything else is left alone.  ``bench/speed.py`` runs it as a
separate process, start-up and word-list load included, beside ``mend``.

    python bench/spellcheck_join.py IN [OUT]    (OUT '-' or absent: standard output)
"""

from __future__ import annotations

import re
import sys

from spellchecker import SpellChecker

HYPHENATED = re.compile(r"\b([^\W\d_]+)-(\n?)([^\W\d_]+)\b")


def clean(text: str, speller: SpellChecker) -> str:
    known = speller.word_frequency.dictionary

    def join(match: re.Match[str]) -> str:
        joined = match.group(1) + match.group(3)
        if joined.lower() in known:
            return joined + match.group(2) if match.group(2) else joined
        return match.group(0)

    return HYPHENATED.sub(join, text)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8", newline="") as stream:
        text = stream.read()
    cleaned = clean(text, SpellChecker(language="en"))
    if len(argv) > 1 and argv[1] != "-":
        with open(argv[1], "w", encoding="utf-8", newline="") as stream:
            stream.write(cleaned)
    else:
        sys.stdout.write(cleaned)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
