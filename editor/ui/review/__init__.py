"""The review widgets: side-by-side panes, the fix list and the widget that joins them."""

from __future__ import annotations
