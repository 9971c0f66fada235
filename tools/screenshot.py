"""Render the main window reviewing the sample file to docs/screenshot.png (offscreen).

Usage: python tools/screenshot.py [--theme light|dark] [--size WxH] [--out PATH]
       [--category CATEGORY] [--rule RULE] [FILE]

With ``--category`` the first fix of that category is made current (nothing is
decided); without it the review is shown mid-way, one fix rejected.
``--rule unwrap-lines docs/samples/unwrap-sample.txt`` shows a paragraph split by hyphen fixes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.ui.app import create_application  # noqa: E402
from editor.ui.mainwindow import MainWindow  # noqa: E402
from editor.ui.theme import apply_theme  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "file", nargs="?", default=str(ROOT / "resources" / "samples" / "sample.txt")
    )
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--theme", default="light", choices=["light", "dark"])
    parser.add_argument("--size", default="1440x860")
    parser.add_argument("--category", help="make the first fix of this category current")
    parser.add_argument("--rule", help="make the first fix of this rule current (unwrap-lines)")
    args = parser.parse_args()

    app = create_application(["mend"])
    apply_theme(app, args.theme)
    with tempfile.TemporaryDirectory() as tmp:
        # a throwaway settings file: the picture must not depend on (or change) the user's
        store = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(store, None, Path(tmp) / "dictionary.txt")
        width, height = (int(v) for v in args.size.split("x"))
        window.resize(width, height)
        window.show()
        loop = QEventLoop()
        window.review_ready.connect(loop.quit)
        QTimer.singleShot(30000, loop.quit)
        window.open_file(Path(args.file))
        loop.exec()
        review = window.review
        session = window.session
        if (args.category or args.rule) and session is not None:
            first = next(
                (
                    i
                    for i, fix in enumerate(session.fixes)
                    if fix.category.value == (args.category or fix.category.value)
                    and fix.rule == (args.rule or fix.rule)
                ),
                0,
            )
            review.select(first)
        else:
            # mid-way through a review: one fix rejected, the next one current
            review.go_next()
            review.go_next()
            review.go_next()
            review.reject_action.trigger()
            review.go_next()
        review.detail.flush()  # the panel follows the current fix after a pause
        QApplication.processEvents()
        window.grab().save(args.out)
        print(f"wrote {args.out}")
        if window.session is not None:
            window.session.undo_stack.setClean()  # closing must not ask about the demo decision
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
