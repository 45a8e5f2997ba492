"""Which typed username names which account: one rule for the login lookup and the login throttle.

Python and PostgreSQL lower-case differently ('İ' is 'i' to one and 'i̇' to the other), so a name
compared in the database and counted in Python could be one account to the lookup and another to
the throttle. Both use `username_key` instead: NFKC (so 'ａｌｉｃｅ' is 'alice') and casefold.
"""

from __future__ import annotations

import unicodedata


def username_key(typed: str) -> str:
    """The form a username is looked up and counted by."""
    return unicodedata.normalize("NFKC", typed).casefold()
