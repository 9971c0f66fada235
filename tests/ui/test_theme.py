"""Themes switch palettes (following the desktop in system mode); fix colours stay readable."""

import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QCheckBox

from editor.engine import Category, Decision
from editor.ui import theme
from editor.ui.theme import apply_theme, category_color, highlight_color, is_dark

MODES = [False, True]


@pytest.fixture
def app(qapp):
    """The test app, with its style and palette put back afterwards."""
    style, palette = qapp.style().name(), qapp.palette()
    mode = qapp.property("mendThemeMode")
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setProperty("mendThemeMode", mode)


@pytest.fixture
def desktop(monkeypatch):
    """Set what the desktop reports as its colour scheme."""
    scheme = {"now": Qt.ColorScheme.Unknown}
    monkeypatch.setattr(theme, "system_color_scheme", lambda: scheme["now"])
    return scheme


def test_dark_mode_gives_a_dark_palette(app):
    apply_theme(app, "dark")
    assert is_dark(app)


def test_light_mode_gives_a_light_palette(app):
    apply_theme(app, "dark")
    apply_theme(app, "light")
    assert not is_dark(app)


def test_theme_uses_the_fusion_style(app):
    apply_theme(app, "light")
    assert app.style().baseStyle().name().lower() == "fusion"


def test_unchecked_box_outline_stands_out_in_dark_mode(app, qtbot):
    apply_theme(app, "dark")
    box = QCheckBox()
    qtbot.addWidget(box)
    box.resize(box.sizeHint())
    image = box.grab().toImage()
    base = app.palette().color(QPalette.ColorRole.Base)
    darkest_to_lightest = sorted(
        contrast(image.pixelColor(x, y), base)
        for x in range(image.width())
        for y in range(image.height())
    )
    assert darkest_to_lightest[-1] >= 3


@pytest.mark.parametrize(
    ("scheme", "dark"),
    [(Qt.ColorScheme.Dark, True), (Qt.ColorScheme.Light, False), (Qt.ColorScheme.Unknown, False)],
)
def test_system_mode_follows_the_desktop(app, desktop, scheme, dark):
    desktop["now"] = scheme
    apply_theme(app, "system")
    assert is_dark(app) is dark


def test_system_mode_follows_a_desktop_change(app, desktop):
    apply_theme(app, "system")
    desktop["now"] = Qt.ColorScheme.Dark
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert is_dark(app)


def test_chosen_mode_ignores_a_desktop_change(app, desktop):
    apply_theme(app, "light")
    desktop["now"] = Qt.ColorScheme.Dark
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not is_dark(app)


def test_unknown_mode_is_refused(app):
    with pytest.raises(ValueError, match="purple"):
        apply_theme(app, "purple")


def luminance(color):
    def channel(value):
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.red())
        + 0.7152 * channel(color.green())
        + 0.0722 * channel(color.blue())
    )


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_color(dark):
    palette = theme.dark_palette() if dark else theme.light_palette()
    return palette.color(QPalette.ColorRole.Text)


def base_color(dark):
    palette = theme.dark_palette() if dark else theme.light_palette()
    return palette.color(QPalette.ColorRole.Base)


@pytest.mark.parametrize(
    ("category", "decision", "dark"), list(itertools.product(Category, Decision, MODES))
)
def test_text_on_every_highlight_meets_wcag_aa(category, decision, dark):
    assert contrast(text_color(dark), highlight_color(category, decision, dark)) >= 4.5


@pytest.mark.parametrize("dark", MODES)
def test_palette_text_meets_wcag_aaa(dark):
    assert contrast(text_color(dark), base_color(dark)) >= 7


@pytest.mark.parametrize("dark", MODES)
@pytest.mark.parametrize(("one", "other"), list(itertools.combinations(Category, 2)))
def test_categories_have_distinct_hues(one, other, dark):
    distance = abs(category_color(one, dark).hue() - category_color(other, dark).hue())
    assert min(distance, 360 - distance) >= 40


@pytest.mark.parametrize("dark", MODES)
@pytest.mark.parametrize("category", list(Category))
def test_pending_is_stronger_than_accepted(category, dark):
    pending = contrast(highlight_color(category, Decision.PENDING, dark), base_color(dark))
    accepted = contrast(highlight_color(category, Decision.ACCEPTED, dark), base_color(dark))
    assert pending > accepted * 1.1


@pytest.mark.parametrize("dark", MODES)
@pytest.mark.parametrize("category", list(Category))
def test_accepted_is_visible_on_the_base(category, dark):
    assert highlight_color(category, Decision.ACCEPTED, dark) != base_color(dark)


@pytest.mark.parametrize("dark", MODES)
@pytest.mark.parametrize("category", list(Category))
def test_accepted_keeps_the_category_hue(category, dark):
    accepted = highlight_color(category, Decision.ACCEPTED, dark).hue()
    assert abs(accepted - category_color(category, dark).hue()) <= 10


@pytest.mark.parametrize("dark", MODES)
def test_rejected_is_grey_for_every_category(dark):
    colors = {highlight_color(c, Decision.REJECTED, dark).name() for c in Category}
    assert len(colors) == 1
    assert QColor(colors.pop()).saturation() == 0


@pytest.mark.parametrize("dark", MODES)
@pytest.mark.parametrize("category", list(Category))
def test_highlights_are_opaque(category, dark):
    assert all(highlight_color(category, d, dark).alpha() == 255 for d in Decision)
