"""Run Mend from a source checkout: ``python main.py [clean|check|FILE]``."""

from __future__ import annotations

from editor.cli import main

# guarded: worker processes started by "spawn" (Dask, macOS) import this module again
if __name__ == "__main__":
    raise SystemExit(main())
