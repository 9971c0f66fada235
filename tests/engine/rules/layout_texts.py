"""Small hard-wrapped texts for the layout tests, made the way a typesetter breaks lines."""

PARAGRAPHS = [
    "The committee met on a grey morning in the old hall by the river, and for "
    "a long time nobody said anything at all, because the report that lay on "
    "the table in front of them was worse than anyone had feared it would be.",
    "When the chairman finally spoke, he asked the secretary to read the first "
    "page aloud, slowly, so that every member could follow the figures and see "
    "for themselves how the money had been spent over the last three years.",
    "Nobody argued with the figures. They argued instead about who should have "
    "noticed them earlier, and that argument went on until the lamps were lit "
    "and the caretaker came in to say that the building would close soon.",
]


def wrap(paragraph: str, width: int = 60, first: int | None = None) -> list[str]:
    """Greedy line breaking: a word goes on the next line when it does not fit.

    ``first`` makes the first line narrower (an indent that is not written).
    """
    lines: list[str] = []
    current = ""
    for word in paragraph.split():
        limit = first if first is not None and not lines else width
        if current and len(current) + 1 + len(word) > limit:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def wrapped_text(paragraphs: list[str] = PARAGRAPHS, separator: str = "\n") -> str:
    """The paragraphs hard-wrapped, one after another (``separator`` between them)."""
    return separator.join("\n".join(wrap(p)) for p in paragraphs) + "\n"


#: Paragraphs whose first line, wrapped at 66 characters, ends a sentence on a full line
#: before a capital: from the widths alone, as likely a paragraph end as a wrap.
FULL_SENTENCE_END = [
    "The committee met on a grey morning in the old hall by the river. Nobody said "
    "anything at all for a long time, because the report on the table was worse than "
    "anyone had feared it would be in the end.",
    "When the chairman finally spoke, he asked the secretary to read the first page "
    "aloud, slowly, so that every member could follow the figures and see how the money "
    "had been spent.",
    "Nobody argued with the figures. They argued instead about who should have noticed "
    "them earlier, and that argument went on until the lamps were lit and the caretaker "
    "came to close.",
    "At last the chairman closed the meeting, and the members went home in the rain, each "
    "of them sure that the others had been to blame for all of it.",
    "The caretaker locked the doors behind them and walked home alone through the empty streets.",
]
