"""What a DM gives, whatever it asks: the ranges, logins, codes and modes the built-in parser reads in it.

The LLM parser checks its model's slots against these (`ParseResult.mentions`): a small model adds a
range to "any flags?" or a chatter called "unknown" to "any scam messages?", which would show the
streamer the wrong list or none. The bot asks before a change that leans on an earlier DM ("turn it
off"), unless the DM names what it changes itself ("the reply bot is annoying, kill it").
"""

from __future__ import annotations

from chronicler.nlp.rules import _intl as intl
from chronicler.nlp.rules._logins import channels, usernames
from chronicler.nlp.rules._slots import bare_codes
from chronicler.nlp.rules._utterance import Utterance


def mentions(u: Utterance) -> tuple[tuple[str, str], ...]:
    """("range", name) for each range named, ("login", login) for each channel or chatter named,
    ("code", code) for each link code, ("mode", mode) for the one mode named or described."""
    ranges = [ref.range for ref in u.times]
    if (other := intl.range_named(u.text)) is not None:
        ranges.append(other)
    logins = [login.value for login in (*channels(u), *usernames(u)) if login.value is not None]
    codes = [code.upper() for code in (*u.found.codes, *bare_codes(u.text))]
    found = [("range", name) for name in ranges] + [("login", login) for login in logins]
    found += [("code", code) for code in codes]
    named = [(t.concept or "")[5:] for t in u.tokens if (t.concept or "").startswith("mode.")]
    modes = list(dict.fromkeys(named)) or intl.modes_named(u.text)
    if len(modes) == 1:
        found.append(("mode", modes[0]))
    return tuple(dict.fromkeys(found))
