"""Streamer accounts, passwords, access and refresh tokens, and Discord link codes.

The API talks to `Accounts`; the modules behind it are small and each holds one thing:
`passwords` (rules and bcrypt), `access_tokens` (JWT), `refresh_tokens` (rotation and families),
`link_codes` (one-time Discord linking) and `users` (the profile).
"""

from chronicler.accounts.access_tokens import AccessClaims, AccessTokens
from chronicler.accounts.service import Accounts, TokenPair
from chronicler.store.users import User

__all__ = ["AccessClaims", "AccessTokens", "Accounts", "TokenPair", "User"]
