"""Where the real public data lives (../shared/data beside the repo); tests that read it skip without it."""

from __future__ import annotations

from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
