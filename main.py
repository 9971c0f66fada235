"""Run Mend from a source checkout: ``python main.py [clean|check|FILE]``."""

from __future__ import annotations

from editor.cli import main

raise SystemExit(main())
