"""The one error the Scribe raises on purpose."""

from __future__ import annotations

from chronicler.contract.errors import ChroniclerError


class LedgerError(ChroniclerError, ValueError):
    """Ledger data, or a stored ledger being read back, is malformed; the message says what."""
