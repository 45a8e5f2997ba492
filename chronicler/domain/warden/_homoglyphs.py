"""The character table behind normalisation: look-alike letters to Latin, invisible characters dropped."""

from __future__ import annotations

# Letters from other scripts that spammers swap in so "viewers" slips past a plain word match.
# Only shapes a reader would take for the Latin letter are listed: Cyrillic "в" is not a "b".
_LOOKALIKES: dict[str, str] = {
    # Cyrillic, upper then lower case
    "А": "a",
    "В": "b",
    "Е": "e",
    "К": "k",
    "М": "m",
    "Н": "h",
    "О": "o",
    "Р": "p",
    "С": "c",
    "Т": "t",
    "У": "y",
    "Х": "x",
    "Ѕ": "s",
    "І": "i",
    "Ј": "j",
    "Ԁ": "d",
    "Ԛ": "q",
    "Ԝ": "w",
    "Ү": "y",
    "Ӏ": "l",
    "Һ": "h",
    "а": "a",
    "е": "e",
    "о": "o",
    "р": "p",
    "с": "c",
    "у": "y",
    "х": "x",
    "ѕ": "s",
    "і": "i",
    "ј": "j",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
    "һ": "h",
    "ӏ": "l",
    "ү": "y",
    "ɑ": "a",
    "ь": "b",
    "к": "k",
    "м": "m",
    "т": "t",
    "н": "h",
    "п": "n",
    # Greek
    "Α": "a",
    "Β": "b",
    "Ε": "e",
    "Ζ": "z",
    "Η": "h",
    "Ι": "i",
    "Κ": "k",
    "Μ": "m",
    "Ν": "n",
    "Ο": "o",
    "Ρ": "p",
    "Τ": "t",
    "Υ": "y",
    "Χ": "x",
    "α": "a",
    "ε": "e",
    "ι": "i",
    "κ": "k",
    "ν": "v",
    "ο": "o",
    "ρ": "p",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "ω": "w",
    "η": "n",
    "γ": "y",
    # Latin small capitals and other stand-ins ("ꜰʀᴇᴇ ᴠɪᴇᴡᴇʀꜱ")
    "ᴀ": "a",
    "ʙ": "b",
    "ᴄ": "c",
    "ᴅ": "d",
    "ᴇ": "e",
    "ꜰ": "f",
    "ɢ": "g",
    "ʜ": "h",
    "ɪ": "i",
    "ᴊ": "j",
    "ᴋ": "k",
    "ʟ": "l",
    "ᴍ": "m",
    "ɴ": "n",
    "ᴏ": "o",
    "ᴘ": "p",
    "ʀ": "r",
    "ꜱ": "s",
    "ᴛ": "t",
    "ᴜ": "u",
    "ᴠ": "v",
    "ᴡ": "w",
    "ʏ": "y",
    "ᴢ": "z",
    "ı": "i",
    "ȷ": "j",
    "ɡ": "g",
    "ɩ": "i",
    "ℓ": "l",
    # Typographic quotes: phones type "I’m" and "let’s", and the rules are written with "'".
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u2032": "'",
    "\uff07": "'",
    "\u201c": '"',
    "\u201d": '"',
}

# Characters that render as nothing; "fol\u200blow" must read "follow". U+E0000 is what
# Chatterino appends to get around Twitch's duplicate-message check.
_INVISIBLE = (
    [0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFEFF, 0xFFA0]
    + list(range(0x180B, 0x1810))
    + list(range(0x200B, 0x2010))
    + list(range(0x202A, 0x202F))
    + list(range(0x2060, 0x2070))
    + list(range(0xFE00, 0xFE10))
    + list(range(0xE0000, 0xE0080))
    + list(range(0xE0100, 0xE01F0))
)

# Combining marks left over after compatibility decomposition ("v̶i̶e̶w̶s̶", "zalgo" text). Only the
# generic diacritic blocks: vowel signs of Indic or Arabic scripts are letters' parts, not decoration.
_COMBINING = (
    list(range(0x0300, 0x0370))
    + list(range(0x1AB0, 0x1B00))
    + list(range(0x1DC0, 0x1E00))
    + list(range(0x20D0, 0x2100))
    + list(range(0xFE20, 0xFE30))
)

# Blank-looking characters that stand in for a space between words.
_BLANKS = (0x2800, 0x3000, 0x00A0, 0x202F, 0x205F) + tuple(range(0x2000, 0x200B))


def _regional_indicators() -> dict[int, str]:
    """Flag letters (U+1F1E6..U+1F1FF) read as a..z."""
    return {0x1F1E6 + i: chr(ord("a") + i) for i in range(26)}


TABLE: dict[int, str | None] = {
    **{ord(k): v for k, v in _LOOKALIKES.items()},
    **dict.fromkeys(_INVISIBLE),
    **dict.fromkeys(_COMBINING),
    **dict.fromkeys(_BLANKS, " "),
    **_regional_indicators(),
}
