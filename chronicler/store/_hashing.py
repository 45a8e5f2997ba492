"""Opaque secrets (refresh tokens, link codes) are stored only as their SHA-256."""

from __future__ import annotations

import hashlib


def digest(secret: str) -> bytes:
    """The SHA-256 of a secret as stored; a fast hash is right here because secrets are random."""
    return hashlib.sha256(secret.encode("utf-8", errors="surrogatepass")).digest()
