from editor.engine import apply_fixes, scan

from .layout_texts import PARAGRAPHS, wrap


def pages(count):
    body = [wrap(p) for p in PARAGRAPHS]
    out = []
    for number in range(1, count + 1):
        lines = ["THE ANNUAL REPORT", *body[number % len(body)], str(number)]
        out.append("\n".join(lines) + "\n")
    return "\f".join(out)


def test_running_heads_and_page_numbers_are_proposed_for_removal():
    text = pages(5)
    fixes = [f for f in scan(text) if f.rule == "page-furniture"]
    assert len(fixes) == 10
    assert all(f.replacement == "" for f in fixes)
    assert any("running head" in f.reason for f in fixes)
    assert any("page number" in f.reason for f in fixes)
    cleaned = apply_fixes(text, fixes)
    assert "ANNUAL" not in cleaned
    assert cleaned.count("\f") == 4


def test_two_pages_are_too_few_to_call_anything_furniture():
    assert not [f for f in scan(pages(2)) if f.rule == "page-furniture"]
