"""Property tests of the engine's safety contract (see invariants.py) over arbitrary text."""

import importlib.util
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from editor.engine import Category, Fix, OffsetMap, apply_fixes, resolve_overlaps
from editor.engine.textpos import Utf16Index, utf16_length

HERE = Path(__file__).resolve().parent


def _load(name):
    spec = importlib.util.spec_from_file_location(f"mend_{name}", HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


invariants = _load("invariants")

CI = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that the rules look at, plus the ones that trip up offsets and layouts.
ARTIFACT_ALPHABET = (
    "aeinorstAEINORST éüßçЖжшя"  # letters, Latin and Cyrillic
    "-\u00ad\u2010\u2011\u2013\u2014"  # hyphens and dashes, soft hyphen
    "\"'\u201c\u201d\u201e\u2018\u2019\u201a\u00ab\u00bb\u2039\u203a`\u00b4"  # quote marks
    "\n\n\n\t.,;:!?()0123456789"
    "\u0301\u05e9\u05dc\u200b\u200d\U0001f600\U0001f469"  # combining, RTL, ZW, emoji
)

WORDS = [
    "announ-ced",
    "NA-TO",
    "futu-re",
    "impossib-\nility",
    "well-known",
    "self-\naware",
    "im\u00adpossible",
    "The\u201d",
    "\u201cis",
    "\u201cquote\u201d",
    "don\u2018t",
    "it's",
    "'tis",
    "\u201e",
    "\u00bb",
    "\u00ab",
    "-",
    "--",
    "\u2014",
    "\u00ad",
    "\n",
    "\n\n",
    " ",
    "The",
    "Russian",
    "threat",
    "and",
    "the",
    "word",
    "co-operate",
    "e-mail",
    "über-",
    "\U0001f600",
    "\u05e9\u05dc\u05d5\u05dd",
    "e\u0301",
    "Ж-ж",
]


def artifact_texts():
    """Text made of words and marks the rules react to, joined by spaces or nothing."""
    return st.lists(
        st.one_of(st.sampled_from(WORDS), st.text(ARTIFACT_ALPHABET, max_size=8)), max_size=60
    ).map(" ".join) | st.text(ARTIFACT_ALPHABET, max_size=300)


def fixture_texts():
    """Texts the tests themselves keep on disk, so real prose is covered too."""
    root = HERE.parent
    files = sorted((root / "data").rglob("*.txt")) + sorted(
        (root.parent / "resources" / "samples").glob("*.txt")
    )
    texts = []
    for path in files:
        raw = path.read_bytes()
        try:
            texts.append(raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"))
        except UnicodeDecodeError:
            continue
    return texts


FIXTURES = fixture_texts()


@CI
@given(st.text(max_size=400))
@example("")
@example("\u00ad")
@example("a\u00ad\n\u00adb")
@example("\U0001f600\u00ad\U0001f600 don\u2018t")
def test_scan_keeps_the_contract_on_any_unicode_text(text):
    invariants.check_scan(text)


@CI
@given(artifact_texts())
@example("The\u201d Russian threat \u201cis here.")
@example("announ-\nced and impossib-\nility, NA-TO, futu-re.")
def test_scan_keeps_the_contract_on_artifact_heavy_text(text):
    invariants.check_scan(text)


@CI
@given(artifact_texts())
def test_every_rule_keeps_the_contract(text):
    invariants.check_scan(text, rules=["all"])


@pytest.mark.skipif(not FIXTURES, reason="no fixture texts in tests/data or resources/samples")
@CI
@given(st.sampled_from(FIXTURES or [""]), st.data())
def test_scan_keeps_the_contract_on_slices_of_fixture_texts(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 3000)))
    invariants.check_scan(text[start:end])


@pytest.mark.parametrize("index", range(len(FIXTURES)))
def test_scan_keeps_the_contract_on_whole_fixture_texts(index):
    invariants.check_scan(FIXTURES[index])


@CI
@given(st.binary(max_size=600))
@example(b"\xff\xfe")
@example(b"\xef\xbb\xbf\r\r\n\n")
@example(b"caf\xe9 \x93quote\x94\r\n")
def test_any_bytes_that_decode_save_back_identically(data):
    invariants.check_round_trip(data)


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252"]


@CI
@given(
    st.text(ARTIFACT_ALPHABET.replace("\n", "") + "\r\n\u2028", max_size=300),
    st.sampled_from(ENCODINGS),
)
def test_encoded_texts_save_back_identically(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    invariants.check_round_trip(data)


def _fixes_from(text, draws):
    fixes = []
    for start, length, replacement in draws:
        start = min(start, len(text))
        end = min(start + length, len(text))
        fixes.append(Fix(start, end, text[start:end], replacement, "r", Category.QUOTE, 0.9, "x"))
    return resolve_overlaps(fixes)


@CI
@given(
    st.text(alphabet="ab \U0001f600\u00e9\u0301\n", max_size=60),
    st.lists(
        st.tuples(st.integers(0, 60), st.integers(0, 3), st.text("xy\U0001f44d", max_size=3)),
        max_size=8,
    ),
    st.data(),
)
def test_offset_map_agrees_with_apply_for_any_decisions_with_emoji(text, draws, data):
    fixes = _fixes_from(text, draws)
    accepted = data.draw(st.lists(st.booleans(), min_size=len(fixes), max_size=len(fixes)))
    chosen = [f for f, on in zip(fixes, accepted, strict=True) if on]
    cleaned = apply_fixes(text, chosen)
    offsets = OffsetMap(fixes, accepted)
    for index, fix in enumerate(fixes):
        start, end = offsets.cleaned_span(index)
        assert cleaned[start:end] == (fix.replacement if accepted[index] else fix.original)


@CI
@given(st.text(alphabet="a\U0001f600\u00e9\u0301\u05e9\U0001f1eb\U0001f1f7\u200d", max_size=80))
def test_utf16_index_matches_python_utf16_encoding(text):
    index = Utf16Index(text)
    assert utf16_length(text) == len(text.encode("utf-16-le")) // 2
    for offset in range(len(text) + 1):
        units = len(text[:offset].encode("utf-16-le")) // 2
        assert index.to_utf16(offset) == units
        assert index.to_code_point(units) == offset


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("\U0001f600 announ\u00adced", "\u00ad"),
        ("\U0001f469\u200d\U0001f469\u200d\U0001f467 don\u2018t", "\u2018"),
        ("\U0001f1eb\U0001f1f7\U0001f600e\u0301 x\u00ady", "\u00ad"),
    ],
)
def test_fix_after_emoji_lands_on_its_character_in_utf16(text, target):
    """What the UI highlights (UTF-16 span of a fix) is exactly the fix's characters."""
    from editor.engine import scan

    fixes = [f for f in scan(text) if f.original == target]
    assert fixes, "the rule under test found nothing"
    index = Utf16Index(text)
    units = text.encode("utf-16-le")
    for fix in fixes:
        start16, end16 = index.to_utf16(fix.start), index.to_utf16(fix.end)
        assert units[2 * start16 : 2 * end16].decode("utf-16-le") == fix.original
        cleaned = apply_fixes(text, fixes)
        span = OffsetMap(fixes, [True] * len(fixes)).cleaned_span(fixes.index(fix))
        cleaned_index = Utf16Index(cleaned)
        c16 = cleaned.encode("utf-16-le")
        a, b = cleaned_index.to_utf16(span[0]), cleaned_index.to_utf16(span[1])
        assert c16[2 * a : 2 * b].decode("utf-16-le") == fix.replacement


ODD_TEXTS = [
    pytest.param(lambda: "-" * 1_000_000, id="only-hyphens-1MB"),
    pytest.param(lambda: "\u00ad" * 200_000, id="only-soft-hyphens"),
    pytest.param(
        lambda: "\u201c\u201d\"'\u2018\u2019\u201e\u00ab\u00bb" * 20_000, id="only-quotes"
    ),
    pytest.param(lambda: ("\u201cWord\u201d " * 5_000).strip(), id="quoted-words-one-line"),
    pytest.param(
        lambda: " ".join(
            f"announ-ced wo{i % 97}rd \u201cit\u201d don\u2018t" for i in range(5_000)
        ),
        id="one-line-150KB",
    ),
    pytest.param(lambda: "\n" * 500_000, id="only-newlines"),
    pytest.param(
        lambda: (
            "\u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd \u201c\u05e2\u05d5\u05dc\u05dd\u201d"
            " \u0645\u0631\u062d\u0628\u0627-\n\u0628\u0627\u0644 \U0001f469\u200d\U0001f469 e\u0301\n"
            * 5_000
        ),
        id="rtl-emoji-combining",
    ),
]


@pytest.mark.parametrize("make", ODD_TEXTS)
def test_odd_texts_scan_and_keep_the_contract(make):
    """Degenerate texts keep the contract; a hang shows up as the suite's timeout.

    Their speed is measured by bench/big_file.py, not here: a loaded machine must not fail CI.
    """
    from editor.engine import scan

    text = make()
    fixes = scan(text)
    invariants.check_fixes(text, fixes)
    invariants.check_apply_changes_only_fix_spans(text[:200_000], scan(text[:200_000]))
