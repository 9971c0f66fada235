"""The Preferences dialog shows the given preferences and returns what the user set."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDialogButtonBox, QLabel

from editor.engine import RULES
from editor.engine.language import SUPPORTED_LANGUAGES
from editor.ui.preferences_dialog import PreferencesDialog, language_name
from editor.ui.settings import Preferences

RULE_NAMES = tuple(rule.name for rule in RULES)
DEFAULT_ON = tuple(rule.name for rule in RULES if rule.default_enabled)


@pytest.fixture
def make_dialog(qtbot):
    def make(prefs=None):
        dialog = PreferencesDialog(prefs or Preferences())
        qtbot.addWidget(dialog)
        return dialog

    return make


@pytest.fixture
def dialog(make_dialog):
    return make_dialog()


def rule_items(dialog):
    tree = dialog.rule_tree
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        for j in range(group.childCount()):
            yield group, group.child(j)


def rule_item(dialog, name):
    return next(item for _, item in rule_items(dialog) if item.text(0) == name)


def checked_rules(dialog):
    return tuple(
        item.text(0)
        for _, item in rule_items(dialog)
        if item.checkState(0) == Qt.CheckState.Checked
    )


@pytest.mark.parametrize(
    "prefs",
    [
        Preferences(),
        Preferences(language="de", min_confidence=0.75, theme="dark"),
        Preferences(rules=()),
        Preferences(rules=RULE_NAMES[:1]),
        Preferences(rules=RULE_NAMES, language="ru", theme="light", min_confidence=0.0),
    ],
)
def test_untouched_dialog_returns_what_it_was_given(make_dialog, prefs):
    expected = prefs
    if prefs.rules is not None and prefs.rules == DEFAULT_ON:
        expected = Preferences(**{**prefs.__dict__, "rules": None})
    assert make_dialog(prefs).preferences() == expected


def test_default_rules_are_checked_for_the_default_set(dialog):
    assert checked_rules(dialog) == DEFAULT_ON


def test_every_rule_is_listed_with_its_description(dialog):
    listed = {item.text(0): item.toolTip(0) for _, item in rule_items(dialog)}
    assert listed == {rule.name: rule.description for rule in RULES}


def test_rules_are_grouped_by_category(dialog):
    groups = {}
    for group, item in rule_items(dialog):
        groups.setdefault(group.text(0), set()).add(
            next(r.category for r in RULES if r.name == item.text(0))
        )
    assert all(len(categories) == 1 for categories in groups.values())
    assert len(groups) == len({rule.category for rule in RULES})


def test_language_combo_offers_auto_and_every_language(dialog):
    combo = dialog.language_combo
    codes = [combo.itemData(i) for i in range(combo.count())]
    assert codes[0] == "auto"
    assert sorted(codes[1:]) == sorted(SUPPORTED_LANGUAGES)


@pytest.mark.parametrize(("code", "name"), [("de", "German"), ("fr", "French"), ("en", "English")])
def test_languages_are_shown_by_name(code, name):
    assert language_name(code) == name


def test_choosing_a_language_with_the_keyboard(dialog, qtbot):
    dialog.language_combo.setFocus()
    qtbot.keyClick(dialog.language_combo, Qt.Key.Key_Down)
    assert dialog.preferences().language == dialog.language_combo.itemData(1)


def test_choosing_a_theme_with_the_keyboard(dialog, qtbot):
    qtbot.keyClick(dialog.theme_combo, Qt.Key.Key_End)
    assert dialog.preferences().theme == "dark"


def test_typing_a_confidence(dialog, qtbot):
    dialog.confidence_spin.lineEdit().selectAll()
    qtbot.keyClicks(dialog.confidence_spin, "85")
    assert dialog.preferences().min_confidence == 0.85


def test_confidence_is_shown_in_percent(make_dialog):
    dialog = make_dialog(Preferences(min_confidence=0.6))
    assert dialog.confidence_spin.text() == "60 %"


def test_advance_to_undecided_round_trips(make_dialog):
    dialog = make_dialog(Preferences(advance_to_undecided=True))
    assert dialog.advance_check.isChecked()
    dialog.advance_check.setChecked(False)
    assert not dialog.preferences().advance_to_undecided


def test_confidence_steps_by_five_hundredths(dialog, qtbot):
    qtbot.keyClick(dialog.confidence_spin, Qt.Key.Key_Up)
    assert dialog.preferences().min_confidence == 0.65


@pytest.mark.parametrize(("start", "key"), [(1.0, Qt.Key.Key_Up), (0.0, Qt.Key.Key_Down)])
def test_confidence_stays_within_0_and_1(make_dialog, qtbot, start, key):
    dialog = make_dialog(Preferences(min_confidence=start))
    qtbot.keyClick(dialog.confidence_spin, key)
    assert dialog.preferences().min_confidence == start


def test_space_switches_a_rule_off(dialog, qtbot):
    name = DEFAULT_ON[0]
    dialog.rule_tree.setCurrentItem(rule_item(dialog, name))
    qtbot.keyClick(dialog.rule_tree, Qt.Key.Key_Space)
    assert dialog.preferences().rules == tuple(n for n in DEFAULT_ON if n != name)


def test_space_on_a_group_switches_all_its_rules(make_dialog, qtbot):
    dialog = make_dialog(Preferences(rules=()))
    group = dialog.rule_tree.topLevelItem(0)
    dialog.rule_tree.setCurrentItem(group)
    qtbot.keyClick(dialog.rule_tree, Qt.Key.Key_Space)
    expected = tuple(group.child(i).text(0) for i in range(group.childCount()))
    assert dialog.preferences().rules == expected


def test_all_rules_off_is_an_empty_choice_not_the_default(dialog):
    for _, item in rule_items(dialog):
        item.setCheckState(0, Qt.CheckState.Unchecked)
    assert dialog.preferences().rules == ()


def test_checking_exactly_the_defaults_gives_the_default_set(make_dialog):
    dialog = make_dialog(Preferences(rules=()))
    for name in DEFAULT_ON:
        rule_item(dialog, name).setCheckState(0, Qt.CheckState.Checked)
    assert dialog.preferences().rules is None


def test_unknown_rule_in_the_preferences_is_ignored(make_dialog):
    assert make_dialog(Preferences(rules=("no-such-rule",))).preferences().rules == ()


def test_restore_defaults_shows_the_defaults(make_dialog, qtbot):
    dialog = make_dialog(Preferences(language="de", rules=(), min_confidence=0.9, theme="dark"))
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.preferences() == Preferences()


def test_current_rule_description_is_shown_in_full(dialog):
    dialog.rule_tree.setCurrentItem(rule_item(dialog, RULES[0].name))
    assert dialog.description_label.text() == RULES[0].description


@pytest.mark.parametrize(
    ("button", "result"),
    [
        (QDialogButtonBox.StandardButton.Ok, PreferencesDialog.DialogCode.Accepted),
        (QDialogButtonBox.StandardButton.Cancel, PreferencesDialog.DialogCode.Rejected),
    ],
)
def test_ok_accepts_and_cancel_rejects(dialog, qtbot, button, result):
    dialog.show()
    qtbot.mouseClick(dialog.buttons.button(button), Qt.MouseButton.LeftButton)
    assert dialog.result() == result


def controls(dialog):
    return [
        dialog.language_combo,
        dialog.confidence_spin,
        dialog.theme_combo,
        dialog.rule_tree,
        *dialog.buttons.findChildren(QAbstractButton),
    ]


def test_every_control_has_an_accessible_name(dialog):
    assert all(control.accessibleName() for control in controls(dialog))


def test_every_control_has_a_tooltip(dialog):
    assert all(control.toolTip() for control in controls(dialog))


def test_every_field_has_a_label_with_a_shortcut(dialog):
    buddies = {label.buddy() for label in dialog.findChildren(QLabel) if "&" in label.text()}
    assert {
        dialog.language_combo,
        dialog.confidence_spin,
        dialog.theme_combo,
        dialog.rule_tree,
    } <= buddies


def test_combos_are_not_editable(dialog):
    assert not any(combo.isEditable() for combo in dialog.findChildren(QComboBox))
