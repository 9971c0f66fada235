"""``python -m editor`` runs the command line (and the app with no subcommand)."""

from __future__ import annotations

from editor.cli import exit_now, main

# guarded: worker processes started by "spawn" (Dask, macOS) import this module again
if __name__ == "__main__":
    exit_now(main())
