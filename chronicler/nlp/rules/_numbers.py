"""Durations and plain numbers: "20 minutes", "20m", "twenty", "half an hour", "1h30", "90 seconds".

Durations are converted to minutes (possibly fractional, when given in seconds; the caller decides what
to accept). A number without a unit ("set hearthkeeper to 20") is kept apart, for callers that can
assume minutes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}

_UNIT_WORDS = "|".join(_UNITS)
_NUMBER = rf"\d+(?:\.\d+)?|(?:{'|'.join(_TENS)})(?:[\s-]?(?:{_UNIT_WORDS}))?|{'|'.join(_TEENS)}|{_UNIT_WORDS}"
_MINUTES = r"minutes?|mins?|m"
_HOURS = r"hours?|hrs?|h"
_SECONDS = r"seconds?|secs?|s"

_DURATION = re.compile(
    # "1h30", "1 hour 30 minutes", "1h and 30m"
    rf"(?<![\w.])(?P<h>\d+)\s*(?:{_HOURS})\s*(?:and\s+)?(?P<hm>\d+)\s*(?:{_MINUTES})?\b"
    # "an hour and a half", "one and a half hours"
    r"|\b(?:an?|one)\s+hour\s+and\s+a\s+half\b|\b(?:one\s+and\s+a\s+half|1\.5)\s+hours?\b"
    # "half an hour", "a quarter of an hour", "an hour", "a minute"
    r"|\b(?P<half>(?:a\s+)?half\s+(?:an?\s+)?hour)\b"
    r"|\b(?P<quarter>(?:a\s+)?quarter\s+(?:of\s+)?(?:an?\s+)?hour)\b"
    r"|\b(?P<an>an?)\s+(?P<an_unit>hour|minute)\b"
    rf"|(?<![\w.])(?P<n>{_NUMBER})\s*-?\s*(?P<unit>{_MINUTES}|{_HOURS}|{_SECONDS})\b"
)
_BARE = re.compile(
    rf"(?<![\w.:/-])(?P<n>\d{{1,5}}|(?:{'|'.join(_TENS)})(?:[\s-]?(?:{_UNIT_WORDS}))?"
    rf"|{'|'.join(_TEENS)})(?![\w.:/-])"
)


@dataclass(frozen=True, slots=True)
class Duration:
    """A length of time found in a message."""

    minutes: float
    text: str


def _value(number: str) -> float:
    if number[0].isdigit():
        return float(number)
    words = number.replace("-", " ").split()
    return float(sum(_TENS.get(w, 0) + _TEENS.get(w, 0) + _UNITS.get(w, 0) for w in words))


def _minutes(match: re.Match[str]) -> float:
    if match["h"] is not None:
        return int(match["h"]) * 60 + int(match["hm"])
    if match["half"] is not None:
        return 30
    if match["quarter"] is not None:
        return 15
    if match["an"] is not None:
        return 60 if match["an_unit"] == "hour" else 1
    if match["n"] is None:  # an hour and a half
        return 90
    value, unit = _value(match["n"]), match["unit"]
    if re.fullmatch(_HOURS, unit):
        return value * 60
    if re.fullmatch(_SECONDS, unit):
        return value / 60
    return value


def find_durations(text: str) -> tuple[str, list[Duration], list[int]]:
    """Replace durations by "<dur:i>" and unit-less numbers by "<num:i>" in lower-cased `text`."""
    durations: list[Duration] = []
    numbers: list[int] = []

    def _duration(match: re.Match[str]) -> str:
        durations.append(Duration(_minutes(match), match[0]))
        return f" <dur:{len(durations) - 1}> "

    def _number(match: re.Match[str]) -> str:
        numbers.append(int(_value(match["n"])))
        return f" <num:{len(numbers) - 1}> "

    text = _DURATION.sub(_duration, text)
    return _BARE.sub(_number, text), durations, numbers


# "15 min is too short, make it 25", "set that to 40", "15 is way too quick, bump the silence timer to 25":
# the new value given, in minutes (no unit, or minutes; never seconds or hours, which are asked about).
_NEW_VALUE = re.compile(
    r"\b(?:make|set|change|bump|put|move|turn)\s+(?:(?:it|that)\s+(?:up\s+|down\s+)?(?:to\s+)?"
    r"|(?:the|my|your)\s+[\w'-]+(?:\s+[\w'-]+){0,3}?\s+(?:up\s+|down\s+)?to\s+)(\d{1,4})\b"
    r"(?!\s*(?:s|sec\w*|h|hours?)\b)"
    # "(so 30 instead of 15)"
    r"|\b(\d{1,4})\s*(?:m\w*\s*)?instead\s+of\s+\d{1,4}\b"
)


def new_value(text: str) -> int | None:
    """The number lower-cased `text` sets the wait to ("make it 40", "30 instead of 15"), or None."""
    return int(found[1] or found[2]) if (found := _NEW_VALUE.search(text)) is not None else None
