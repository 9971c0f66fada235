"""The sharded scan: helpers share the work, the fixes are those of one process."""

import importlib
import itertools
import os
import random

import pytest

from editor.engine import ScanOptions, scan, shards
from editor.engine.userdict import UserDictionary

scan_module = importlib.import_module("editor.engine.scan")

POSIX = pytest.mark.skipif(not hasattr(os, "fork"), reason="helpers are forked (POSIX)")

WORDS = (
    "the ministry said that its plan would change every rule of the market and the "
    "committee agreed after a long debate about prices wages taxes and the future of "
    "work in small towns where people still remember how things were done before"
).split()
HYPHENATED = [
    "announ-\nced",
    "announ- ced",
    "well-known",
    "Mon-day",
    "commit-\ntee",
    "self-\nevident",
    "impos\u00adsible",
    "black-\ncurrant",
    "blackcurrant",
    "black-currant",
    "re-\nform",
    "state-of-the-art",
    "ges-\n\fture",
    "NA-TO\u2019s",
    "e-mail",
    "co-operate",
    "cooperate",
]
QUOTED = [
    "\u201cthe new rules\u201d",
    "The\u201d Russian threat \u201cis",
    "\u201cunclosed",
    "closed\u201d",
    "\u2018single\u2019",
    "don\u2018t",
    "\u00ab\u00a0bonjour\u00a0\u00bb",
    "\u201elow\u201c",
    '"straight"',
    "\u00bbreversed\u00ab",
    "it\u2019s",
]
OTHER = ["\ufb01nal", "zero\u200bwidth", "double  space", "caf\u00c3\u00a9", "\u2014", "42"]


def paragraph(rng, wrap):
    """One paragraph of prose with artifacts, hard-wrapped at ``wrap`` or on one line."""
    tokens = []
    for _ in range(rng.randint(8, 90)):
        roll = rng.random()
        if roll < 0.12:
            tokens.append(rng.choice(HYPHENATED))
        elif roll < 0.22:
            tokens.append(rng.choice(QUOTED))
        elif roll < 0.25:
            tokens.append(rng.choice(OTHER))
        else:
            tokens.append(rng.choice(WORDS))
        if rng.random() < 0.08:
            tokens[-1] += rng.choice(".,;!?")
    text = " ".join(tokens).capitalize() + "."
    if not wrap:
        return text
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > wrap:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def generated_text(seed, size=40_000):
    """A text of varied shape: blank-line or line-per-paragraph, wrapped or not, page breaks,
    quotations that run on over several paragraphs."""
    rng = random.Random(seed)
    wrap = rng.choice([0, 0, 60, 72])
    separator = rng.choice(["\n\n", "\n\n", "\n", "\n \n"])
    parts, length, page = [], 0, 0
    while length < size:
        body = paragraph(rng, wrap)
        if rng.random() < 0.1:
            # a quotation continued: the paragraph opens without closing, the next reopens
            body = "\u201c" + body
        if rng.random() < 0.05:
            page += 1
            body += f"\n\fTHE RUNNING HEAD\n{page}\n"
        parts.append(body)
        length += len(body) + len(separator)
    return separator.join(parts) + "\n"


@pytest.fixture
def many_helpers(monkeypatch):
    """Parallel scans of small texts, cut into many slices on four processes."""
    monkeypatch.setattr(scan_module, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(shards, "MIN_ITEMS_PER_PROCESS", 2)
    monkeypatch.setattr(shards, "available_cores", lambda: 4)


@POSIX
@pytest.mark.parametrize("seed", range(12))
def test_a_sharded_scan_finds_exactly_the_fixes_of_one_process(many_helpers, seed):
    text = generated_text(seed)
    assert scan(text, parallel=True) == scan(text)


@POSIX
@pytest.mark.parametrize(
    "options",
    [
        ScanOptions(min_confidence=0.0),
        ScanOptions(min_confidence=0.9),
        ScanOptions(rules=frozenset({"quote"})),
        ScanOptions(rules=frozenset({"hyphen"})),
        ScanOptions(rules=frozenset({"all"})),
        ScanOptions(language="de"),
        ScanOptions(
            user_dictionary=UserDictionary(
                keep={"black-currant", "state-of-the-art"}, join={"co-operate"}
            )
        ),
    ],
    ids=["threshold-0", "threshold-0.9", "quotes", "hyphens", "all", "german", "dictionary"],
)
def test_sharding_keeps_every_option_s_answer(many_helpers, options):
    text = generated_text(99)
    assert scan(text, options, parallel=True) == scan(text, options)


@POSIX
def test_a_text_without_blank_lines_or_line_breaks_is_shared_out_too(many_helpers):
    text = generated_text(5).replace("\n", " ")
    assert scan(text, parallel=True) == scan(text)


@POSIX
def test_the_scan_really_forks_helpers(many_helpers, monkeypatch):
    forked = []
    real = shards.ForkedTask.__init__

    def recording(self, work):
        real(self, work)
        forked.append(self.pid)

    monkeypatch.setattr(shards.ForkedTask, "__init__", recording)
    scan(generated_text(1), parallel=True)
    # phase one (three vocabulary shards) and the two costly loops, three helpers each
    assert len(forked) >= 9


@POSIX
def test_a_helper_that_fails_has_its_share_done_here(many_helpers, monkeypatch, caplog):
    def die(self):
        self.stop()
        raise RuntimeError("the scan's helper process ended without an answer")

    monkeypatch.setattr(shards.ForkedTask, "result", die)
    text = generated_text(2)
    assert scan(text, parallel=True) == scan(text)
    assert "doing its share in this process" in caplog.text


@POSIX
def test_the_app_s_scans_never_fork(many_helpers, monkeypatch):
    def no_fork(self, work):
        raise AssertionError("forked")

    monkeypatch.setattr(shards.ForkedTask, "__init__", no_fork)
    scan(generated_text(3))


@pytest.mark.parametrize("parts", [1, 2, 3, 7])
def test_slices_cover_every_item_once_in_order(parts):
    weights = [random.Random(parts).randint(0, 50) for _ in range(100)]
    slices = shards.balanced_slices(weights, parts)
    assert slices[0][0] == 0
    assert slices[-1][1] == len(weights)
    assert all(a[1] == b[0] and a[0] < a[1] for a, b in itertools.pairwise(slices))
    assert len(slices) <= parts


def test_slices_are_about_equally_heavy():
    weights = [1] * 1000 + [10] * 100
    light, heavy = shards.balanced_slices(weights, 2)
    assert light == (0, 1000)
    assert heavy == (1000, 1100)


@POSIX
def test_mapped_slices_join_up_to_one_call(monkeypatch):
    monkeypatch.setattr(shards, "MIN_ITEMS_PER_PROCESS", 1)
    weights = list(range(1, 40))

    def squares(start, end):
        return [(i, os.getpid()) for i in range(start, end)]

    got = shards.map_slices(squares, weights, 3)
    assert [i for i, _ in got] == list(range(len(weights)))
    assert len({pid for _, pid in got}) == 3, "three processes shared the work"


@POSIX
def test_a_helper_s_exception_reaches_the_parent_as_a_runtime_error():
    def fails():
        raise ValueError("bad")

    helper = shards.ForkedTask(fails)
    try:
        with pytest.raises(RuntimeError, match="ValueError: bad"):
            helper.result()
    finally:
        helper.stop()


@POSIX
def test_a_helper_that_cannot_be_forked_has_its_share_done_here(many_helpers, monkeypatch):
    def cannot_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", cannot_fork)
    text = generated_text(4)
    assert scan(text, parallel=True) == scan(text)


@POSIX
def test_a_sharded_scan_s_progress_never_goes_back(many_helpers):
    seen = []
    scan(generated_text(6), parallel=True, progress=seen.append)
    assert seen == sorted(seen)
    assert seen[-1] == 1.0
