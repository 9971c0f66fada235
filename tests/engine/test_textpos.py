import pytest

from editor.engine.textpos import Utf16Index, utf16_length

TEXT = "a😀b👍🏽c"  # 😀, 👍 and 🏽 are outside the BMP: two UTF-16 units each


@pytest.mark.parametrize(
    ("code_point", "utf16"), [(0, 0), (1, 1), (2, 3), (3, 4), (4, 6), (5, 8), (6, 9)]
)
def test_code_points_map_to_utf16_and_back(code_point, utf16):
    index = Utf16Index(TEXT)
    assert index.to_utf16(code_point) == utf16
    assert index.to_code_point(utf16) == code_point


def test_the_middle_of_a_surrogate_pair_maps_to_its_character():
    assert Utf16Index(TEXT).to_code_point(2) == 1


def test_length_counts_surrogate_pairs():
    assert utf16_length(TEXT) == len(TEXT.encode("utf-16-le")) // 2 == 9


def test_plain_text_is_trivial():
    index = Utf16Index("plain ü text")
    assert index.is_trivial
    assert index.to_utf16(7) == 7
