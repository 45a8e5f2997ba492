"""What a DM gives, whatever it asks: the ranges and the logins the built-in parser reads in it.

The LLM parser checks its model's slots against these (`ParseResult.mentions`): a small model adds a
range to "any flags?" or a chatter called "unknown" to "any scam messages?", which would show the
streamer the wrong list or none.
"""

from __future__ import annotations

from chronicler.nlp.rules import _intl as intl
from chronicler.nlp.rules._logins import channels, usernames
from chronicler.nlp.rules._slots import bare_codes
from chronicler.nlp.rules._utterance import Utterance


def mentions(u: Utterance) -> tuple[tuple[str, str], ...]:
    """("range", name) for each range named, ("login", login) for each channel or chatter named,
    ("code", code) for each link code."""
    ranges = [ref.range for ref in u.times]
    if (other := intl.range_named(u.text)) is not None:
        ranges.append(other)
    logins = [login.value for login in (*channels(u), *usernames(u)) if login.value is not None]
    codes = [code.upper() for code in (*u.found.codes, *bare_codes(u.text))]
    found = [("range", name) for name in ranges] + [("login", login) for login in logins]
    found += [("code", code) for code in codes]
    return tuple(dict.fromkeys(found))
