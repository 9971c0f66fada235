"""``python -m editor`` runs the command line (and the app with no subcommand)."""

from __future__ import annotations

from editor.cli import main

raise SystemExit(main())
