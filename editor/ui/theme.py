"""Light and dark themes (Fusion style with our palettes) and the colours that mark fixes.

Fix colours
-----------
Each category has its own hue, taken from the Okabe-Ito palette, which stays
distinguishable with the common colour-vision deficiencies:

* hyphen fixes: blue (``#0072B2``; sky blue ``#56B4E9`` on dark),
* quote fixes: orange (``#E69F00``),
* style fixes: reddish purple (``#CC79A7``),
* layout fixes (line breaks): sea green (``#2E8B57``; ``#4CC27A`` on dark),
* any other category: grey.

The state of a fix is shown by how strongly its hue tints the text background:

* **pending**: a strong tint (45 % of the hue over the base colour, 42 % on
  dark): these still need the user's eye;
* **accepted**: a faint tint of the same hue (18 %, 22 % on dark): settled,
  but the category stays recognisable;
* **rejected**: neutral grey, whatever the category.

The state never rests on colour alone: views underline every fix, and the
shape of the line tells the state (see :data:`MARK_STYLES`): wavy for
pending (it still needs you), solid for accepted, dotted for rejected.  The
lines are drawn in :func:`mark_line_color`, at least 3:1 against the base
(WCAG non-text contrast).  Rejected text is *not* struck through: in the
cleaned pane it is exactly the text that gets saved.

Highlights are opaque colours blended against our own palette's base, so the
text on them keeps a WCAG AA contrast of at least 4.5:1 (a test checks every
combination).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QProxyStyle, QStyle

from editor.engine import Category, Decision

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication, QStyleOption, QWidget

#: The theme modes a user can choose.
THEME_MODES: tuple[str, ...] = ("system", "light", "dark")

_THEME_PROPERTY = "mendThemeMode"
_FOLLOWING_PROPERTY = "mendThemeFollowsSystem"

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup

_LIGHT: dict[QPalette.ColorRole, str] = {
    _Role.Window: "#f0f0f0",
    _Role.WindowText: "#1b1b1b",
    _Role.Base: "#ffffff",
    _Role.AlternateBase: "#f4f5f7",
    _Role.ToolTipBase: "#fffbe0",
    _Role.ToolTipText: "#1b1b1b",
    _Role.PlaceholderText: "#6b6b6b",
    _Role.Text: "#1b1b1b",
    _Role.Button: "#e8e8e8",
    _Role.ButtonText: "#1b1b1b",
    _Role.BrightText: "#ffffff",
    _Role.Light: "#ffffff",
    _Role.Midlight: "#f6f6f6",
    _Role.Mid: "#b9b9b9",
    _Role.Dark: "#a0a0a0",
    _Role.Shadow: "#6e6e6e",
    _Role.Highlight: "#1f64b0",
    _Role.HighlightedText: "#ffffff",
    _Role.Link: "#0b57a4",
    _Role.LinkVisited: "#6a3d9a",
    _Role.Accent: "#1f64b0",
}
_LIGHT_DISABLED: dict[QPalette.ColorRole, str] = {
    _Role.WindowText: "#8a8a8a",
    _Role.Text: "#8a8a8a",
    _Role.ButtonText: "#8a8a8a",
    _Role.Base: "#f0f0f0",
    _Role.Highlight: "#c6c6c6",
    _Role.HighlightedText: "#6b6b6b",
}
_DARK: dict[QPalette.ColorRole, str] = {
    _Role.Window: "#2b2b2b",
    _Role.WindowText: "#e6e6e6",
    _Role.Base: "#1f1f1f",
    _Role.AlternateBase: "#272727",
    _Role.ToolTipBase: "#3b3b3b",
    _Role.ToolTipText: "#e6e6e6",
    _Role.PlaceholderText: "#9a9a9a",
    _Role.Text: "#e6e6e6",
    _Role.Button: "#363636",
    _Role.ButtonText: "#e6e6e6",
    _Role.BrightText: "#ffffff",
    _Role.Light: "#505050",
    _Role.Midlight: "#414141",
    _Role.Mid: "#303030",
    _Role.Dark: "#1a1a1a",
    _Role.Shadow: "#0c0c0c",
    _Role.Highlight: "#2f74c4",
    _Role.HighlightedText: "#ffffff",
    _Role.Link: "#6cb2ff",
    _Role.LinkVisited: "#b592e8",
    _Role.Accent: "#2f74c4",
}
_DARK_DISABLED: dict[QPalette.ColorRole, str] = {
    _Role.WindowText: "#7c7c7c",
    _Role.Text: "#7c7c7c",
    _Role.ButtonText: "#7c7c7c",
    _Role.Base: "#262626",
    _Role.Highlight: "#474747",
    _Role.HighlightedText: "#9a9a9a",
}

# keyed by Category.value, so a category the engine adds later gets a colour (or the fallback)
_CATEGORY_LIGHT: dict[str, str] = {
    "hyphen": "#0072b2",
    "quote": "#e69f00",
    "style": "#cc79a7",
    "layout": "#2e8b57",
}
_CATEGORY_DARK: dict[str, str] = {
    "hyphen": "#56b4e9",
    "quote": "#e69f00",
    "style": "#cc79a7",
    "layout": "#4cc27a",
}
#: How each state is drawn under a fix, so states differ without colour.
MARK_STYLES: dict[Decision, str] = {
    Decision.PENDING: "wavy",
    Decision.ACCEPTED: "solid",
    Decision.REJECTED: "dotted",
}
#: WCAG's minimum contrast for lines and shapes that carry meaning
NON_TEXT_CONTRAST = 3.0
# The frame around the current fix and the band across its lines.
_CURRENT_FRAME = {False: "#1f64b0", True: "#8ec5ff"}
_CURRENT_BAND = {False: "#e6eefa", True: "#263140"}
# Share of the category hue in the blend with the base colour, per state.
_TINT_LIGHT = {Decision.PENDING: 0.45, Decision.ACCEPTED: 0.18}
_TINT_DARK = {Decision.PENDING: 0.42, Decision.ACCEPTED: 0.22}
_REJECTED_LIGHT = "#e2e2e2"
_REJECTED_DARK = "#3c3c3c"
_FALLBACK_HUE = "#808080"


def _palette(
    colors: dict[QPalette.ColorRole, str], disabled: dict[QPalette.ColorRole, str]
) -> QPalette:
    palette = QPalette()
    for role, color in colors.items():
        palette.setColor(role, QColor(color))  # all groups
    for role, color in disabled.items():
        palette.setColor(_Group.Disabled, role, QColor(color))
    return palette


_INDICATORS = frozenset(
    {
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    }
)


class MendStyle(QProxyStyle):
    """GUI: Fusion, with check box and radio button outlines that stand out from the field.

    Fusion draws those outlines in the window colour darkened by 40 %, which
    on a dark palette is the field colour itself: an unchecked box vanished.
    Here the outline is the midpoint of text and field colour, a contrast of
    at least 3:1 (WCAG non-text contrast) on both our palettes.
    """

    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """Draw as Fusion does, with a visible outline around check and radio indicators."""
        if element not in _INDICATORS:
            super().drawPrimitive(element, option, painter, widget)
            return
        original = QPalette(option.palette)
        palette = QPalette(original)
        outline = _blend(palette.color(_Role.Text), palette.color(_Role.Base), 0.5)
        # Fusion's outline is window.darker(140); pick the window that yields ours.
        palette.setColor(_Role.Window, outline.lighter(140))
        option.palette = palette
        try:
            super().drawPrimitive(element, option, painter, widget)
        finally:
            option.palette = original


def light_palette() -> QPalette:
    """Mend's light palette (for the Fusion style)."""
    return _palette(_LIGHT, _LIGHT_DISABLED)


def dark_palette() -> QPalette:
    """Mend's dark palette (for the Fusion style)."""
    return _palette(_DARK, _DARK_DISABLED)


def system_color_scheme() -> Qt.ColorScheme:
    """The desktop's colour scheme (``Unknown`` when the platform does not say)."""
    return QGuiApplication.styleHints().colorScheme()


def apply_theme(app: QApplication, mode: str) -> None:
    """Give ``app`` the Fusion style (as :class:`MendStyle`) and the palette ``mode`` asks for.

    ``mode`` is ``light``, ``dark`` or ``system``; ``system`` picks dark only
    when the desktop says so, and keeps following the desktop while it stays
    the chosen mode.  Widgets learn of a change through
    ``QEvent.Type.ApplicationPaletteChange``/``PaletteChange`` and should
    re-fetch :func:`highlight_color` then.
    """
    if mode not in THEME_MODES:
        raise ValueError(f"unknown theme {mode!r}; use one of {', '.join(THEME_MODES)}")
    if not isinstance(app.style(), MendStyle):
        app.setStyle(MendStyle())
    dark = mode == "dark" or (mode == "system" and system_color_scheme() == Qt.ColorScheme.Dark)
    app.setPalette(dark_palette() if dark else light_palette())
    app.setProperty(_THEME_PROPERTY, mode)
    if not app.property(_FOLLOWING_PROPERTY):
        app.styleHints().colorSchemeChanged.connect(functools.partial(_on_scheme_changed, app))
        app.setProperty(_FOLLOWING_PROPERTY, True)


def _on_scheme_changed(app: QApplication, _scheme: Qt.ColorScheme) -> None:
    if app.property(_THEME_PROPERTY) == "system":
        apply_theme(app, "system")


def is_dark(app: QApplication) -> bool:
    """Whether ``app``'s current palette has dark backgrounds and light text."""
    palette = app.palette()
    return palette.color(_Role.Base).lightness() < palette.color(_Role.Text).lightness()


def category_color(category: Category, dark: bool) -> QColor:
    """The full-strength hue of ``category``, for legend chips and markers."""
    table = _CATEGORY_DARK if dark else _CATEGORY_LIGHT
    return QColor(table.get(category.value, _FALLBACK_HUE))


def base_color(dark: bool) -> QColor:
    """The text background of our palette."""
    return QColor((_DARK if dark else _LIGHT)[_Role.Base])


def relative_luminance(color: QColor) -> float:
    """WCAG 2 relative luminance of an opaque colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.red())
        + 0.7152 * channel(color.green())
        + 0.0722 * channel(color.blue())
    )


def contrast_ratio(one: QColor, other: QColor) -> float:
    """WCAG 2 contrast ratio of two opaque colours (1 to 21)."""
    a, b = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def mark_line_color(category: Category, decision: Decision, dark: bool) -> QColor:
    """The colour of the line drawn under a fix: its hue (grey when rejected), at 3:1 or more.

    The hue is darkened (light theme) or lightened (dark theme) in small
    steps until it stands out from both the base and the fix's own tint.
    """
    base = base_color(dark)
    fill = highlight_color(category, decision, dark)
    colour = (
        QColor("#8a8a8a" if dark else "#6b6b6b")
        if decision is Decision.REJECTED
        else category_color(category, dark)
    )
    for _ in range(40):
        if min(contrast_ratio(colour, base), contrast_ratio(colour, fill)) >= NON_TEXT_CONTRAST:
            break
        colour = colour.lighter(108) if dark else colour.darker(108)
    return colour


def current_frame_color(dark: bool) -> QColor:
    """The frame drawn around the current fix (and its ruler marker)."""
    return QColor(_CURRENT_FRAME[dark])


def current_band_color(dark: bool) -> QColor:
    """The band across the lines of the current fix, behind the text."""
    return QColor(_CURRENT_BAND[dark])


def _blend(color: QColor, base: QColor, share: float) -> QColor:
    return QColor(
        round(color.red() * share + base.red() * (1 - share)),
        round(color.green() * share + base.green() * (1 - share)),
        round(color.blue() * share + base.blue() * (1 - share)),
    )


def highlight_color(category: Category, decision: Decision, dark: bool) -> QColor:
    """The opaque background colour marking a fix of ``category`` in state ``decision``.

    See the module docstring for the scheme: hue by category, strength by
    state (pending strong, accepted faint), rejected grey.
    """
    if decision is Decision.REJECTED:
        return QColor(_REJECTED_DARK if dark else _REJECTED_LIGHT)
    base = base_color(dark)
    share = (_TINT_DARK if dark else _TINT_LIGHT)[decision]
    return _blend(category_color(category, dark), base, share)
