"""A hard-wrapped paragraph with line-end hyphens: its join comes out in pieces."""

PARAGRAPH = (
    "For eleven years the keeper wrote one line a day in\n"
    "the log, and most of those lines said nothing more than\n"
    "the state of the wind and the hour the lamp was lit. In\n"
    "the winter of the great storm, however, the entries grow\n"
    "longer, as if the writing itself had become a kind of com-\n"
    "pany. He notes the ships that passed without signalling,\n"
    "the gulls that sheltered in the gallery, and the slow fail-\n"
    "ure of the supply boat to arrive.\n"
)
