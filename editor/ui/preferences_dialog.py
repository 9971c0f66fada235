"""The Preferences dialog: language, rules, default confidence and theme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.engine import RULES, Category
from editor.engine.language import SUPPORTED_LANGUAGES
from editor.ui.settings import Preferences

if TYPE_CHECKING:
    from editor.engine.rules.base import RuleInfo

_RULE_NAME_ROLE = Qt.ItemDataRole.UserRole


def language_name(code: str) -> str:
    """The English name of the language with ISO 639-1 ``code`` (``de`` → ``German``)."""
    language = QLocale(code).language()
    if language == QLocale.Language.C:
        return code
    return QLocale.languageToString(language)


class PreferencesDialog(QDialog):
    """GUI: edits a :class:`Preferences`; ``preferences()`` returns what the dialog shows."""

    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.setObjectName("preferences_dialog")

        self.language_combo = QComboBox(self)
        self.language_combo.addItem(self.tr("Auto-detect"), "auto")
        for code in sorted(SUPPORTED_LANGUAGES, key=language_name):
            self.language_combo.addItem(language_name(code), code)
        self.language_combo.setAccessibleName(self.tr("Text language"))
        self.language_combo.setToolTip(
            self.tr(
                "The language of the texts you clean; it decides which word list "
                "tells real hyphenated words from broken ones. Auto-detect guesses it "
                "from each text."
            )
        )

        self.confidence_spin = QDoubleSpinBox(self)
        # shown in % like everywhere else in the app; stored as 0..1
        self.confidence_spin.setRange(0.0, 100.0)
        self.confidence_spin.setSingleStep(5)
        self.confidence_spin.setDecimals(0)
        self.confidence_spin.setSuffix(" %")
        self.confidence_spin.setAccessibleName(self.tr("Pre-accept confidence"))
        self.confidence_spin.setToolTip(
            self.tr(
                "Fixes at least this confident start out accepted when a text is opened; "
                "the others wait for your decision. 0 % accepts everything, 100 % nothing but "
                "certainties."
            )
        )

        self.theme_combo = QComboBox(self)
        self.theme_combo.addItem(self.tr("Follow the system"), "system")
        self.theme_combo.addItem(self.tr("Light"), "light")
        self.theme_combo.addItem(self.tr("Dark"), "dark")
        self.theme_combo.setAccessibleName(self.tr("Colour theme"))
        self.theme_combo.setToolTip(self.tr("Light or dark colours, or whatever the desktop uses."))

        self.advance_check = QCheckBox(
            self.tr("A and R go to the next &undecided fix (not simply the next one)"), self
        )
        self.advance_check.setAccessibleName(self.tr("Advance to the next undecided fix"))
        self.advance_check.setToolTip(
            self.tr(
                "Off: Accept and Reject move to the next fix in the list, so you walk every "
                "fix in order. On: they skip fixes you have already decided."
            )
        )

        self.rule_tree = QTreeWidget(self)
        self.rule_tree.setColumnCount(2)
        self.rule_tree.setHeaderLabels([self.tr("Rule"), self.tr("What it fixes")])
        self.rule_tree.setAccessibleName(self.tr("Rules"))
        self.rule_tree.setToolTip(
            self.tr(
                "The kinds of fix Mend looks for. Space switches the selected rule "
                "or a whole group on or off."
            )
        )
        self.rule_tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rule_tree.setRootIsDecorated(False)
        self.rule_tree.setUniformRowHeights(True)
        self.rule_tree.setWordWrap(False)
        self.rule_tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.rule_tree.setMinimumHeight(8 * self.rule_tree.fontMetrics().lineSpacing())
        self.rule_tree.header().setStretchLastSection(True)
        self.rule_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self._rule_items: dict[str, QTreeWidgetItem] = {}
        self._fill_rules()

        form = self._form_from_pairs(
            [
                (self.tr("&Language:"), self.language_combo),
                (self.tr("Pre-accept &fixes from confidence:"), self.confidence_spin),
                (self.tr("&Theme:"), self.theme_combo),
            ]
        )
        form.addRow(self.advance_check)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults,
            self,
        )
        self.restore_button = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.restore_button.setAccessibleName(self.tr("Restore defaults"))
        self.restore_button.setToolTip(self.tr("Show the default settings (applied with OK)."))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setAccessibleName(self.tr("OK"))
        ok.setToolTip(self.tr("Keep these settings."))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        cancel.setToolTip(self.tr("Close without changing anything."))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_defaults)

        # The description column is elided in a narrow window; the current
        # rule's description is shown in full (and read out) below the list.
        self.description_label = QLabel(self)
        self.description_label.setWordWrap(True)
        self.description_label.setAccessibleName(self.tr("Rule description"))
        self.description_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.description_label.setMinimumHeight(
            2 * self.description_label.fontMetrics().lineSpacing()
        )
        self.rule_tree.currentItemChanged.connect(self._on_current_rule_changed)

        rules_label = self._buddy_label(self.tr("&Rules:"), self.rule_tree)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(rules_label)
        layout.addWidget(self.rule_tree, 1)
        layout.addWidget(self.description_label)
        layout.addWidget(self.buttons)

        self.setTabOrder(self.language_combo, self.confidence_spin)
        self.setTabOrder(self.confidence_spin, self.theme_combo)
        self.setTabOrder(self.theme_combo, self.advance_check)
        self.setTabOrder(self.advance_check, self.rule_tree)
        self.setTabOrder(self.rule_tree, self.buttons)
        self.resize(640, 440)
        self.show_preferences(prefs)
        self._on_current_rule_changed(self.rule_tree.currentItem())

    def _buddy_label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _form_from_pairs(self, pairs: list[tuple[str, QWidget]]) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for text, field in pairs:
            form.addRow(self._buddy_label(text, field), field)
        return form

    def _fill_rules(self) -> None:
        titles = {
            Category.HYPHEN: self.tr("Hyphens"),
            Category.QUOTE: self.tr("Quote marks"),
            Category.STYLE: self.tr("Style"),
        }
        titles.update({c: self.tr("Layout (line breaks)") for c in Category if c.value == "layout"})
        groups: dict[Category, list[RuleInfo]] = {}
        for rule in RULES:
            groups.setdefault(rule.category, []).append(rule)
        for category, rules in groups.items():
            group = QTreeWidgetItem(self.rule_tree, [titles.get(category, category.value.title())])
            group.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsAutoTristate
            )
            group.setFirstColumnSpanned(True)
            group.setToolTip(0, self.tr("Switch every rule of this group on or off."))
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for rule in rules:
                item = QTreeWidgetItem(group, [rule.name, rule.description])
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemNeverHasChildren
                )
                item.setData(0, _RULE_NAME_ROLE, rule.name)
                item.setToolTip(0, rule.description)
                item.setToolTip(1, rule.description)
                item.setCheckState(0, Qt.CheckState.Unchecked)
                self._rule_items[rule.name] = item
        self.rule_tree.expandAll()
        first = self.rule_tree.topLevelItem(0)
        if first is not None:
            self.rule_tree.setCurrentItem(first)

    def _on_current_rule_changed(self, item: QTreeWidgetItem | None, *_previous: object) -> None:
        if item is not None and item.data(0, _RULE_NAME_ROLE):
            self.description_label.setText(item.toolTip(0))
        else:
            self.description_label.setText(
                self.tr("Select a rule to read what it fixes; Space switches it on or off.")
            )

    def show_preferences(self, prefs: Preferences) -> None:
        """Set every control to ``prefs``."""
        self._select_data(self.language_combo, prefs.language)
        self._select_data(self.theme_combo, prefs.theme)
        self.confidence_spin.setValue(prefs.min_confidence * 100)
        self.advance_check.setChecked(prefs.advance_to_undecided)
        enabled = (
            {rule.name for rule in RULES if rule.default_enabled}
            if prefs.rules is None
            else set(prefs.rules)
        )
        for name, item in self._rule_items.items():
            state = Qt.CheckState.Checked if name in enabled else Qt.CheckState.Unchecked
            item.setCheckState(0, state)

    @staticmethod
    def _select_data(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))  # unknown values show the first (default) entry

    def restore_defaults(self) -> None:
        """Show the default preferences (nothing is kept until OK)."""
        self.show_preferences(Preferences())

    def preferences(self) -> Preferences:
        """The preferences the controls show.

        ``rules`` is ``None`` when exactly the default rules are checked, so
        that rules added as defaults in a later version reach this user too.
        """
        checked = tuple(
            rule.name
            for rule in RULES
            if self._rule_items[rule.name].checkState(0) == Qt.CheckState.Checked
        )
        defaults = tuple(rule.name for rule in RULES if rule.default_enabled)
        return Preferences(
            language=str(self.language_combo.currentData()),
            rules=None if checked == defaults else checked,
            min_confidence=round(self.confidence_spin.value() / 100, 2),
            theme=str(self.theme_combo.currentData()),
            advance_to_undecided=self.advance_check.isChecked(),
        )
