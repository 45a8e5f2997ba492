"""Untrusted text made safe for markdown: flattened, capped, escaped."""

from __future__ import annotations

from chronicler.domain.scribe._text import escape, one_line, safe, truncate


def test_one_line_flattens_and_caps() -> None:
    assert one_line("  a\n\tb\x00c   d  ") == "a b c d"
    assert one_line("abcdef", 4) == "abc…"
    assert one_line("abcd", 4) == "abcd"


def test_escape_covers_discord_markdown_with_as_few_backslashes_as_it_can() -> None:
    assert escape(r"a\b") == r"a\b"  # a backslash before a letter escapes nothing
    assert escape(r"a\*b") == r"a\\\*b"
    assert escape("<#123> <:pog:456>") == "<\u200b#123> <:pog:456>"
    assert escape("@Everyone @HERE @someone") == "@\u200bEveryone @\u200bHERE @someone"
    assert escape("HTTPS://x.example and http://y.example") == "HxxPS://x.example and hxxp://y.example"


def test_ordinary_chat_keeps_its_punctuation() -> None:
    text = "what did i miss (lol) @bob snake_case_name #1 > 2 - ok ~ fine | a"
    assert escape(text) == text


def test_what_would_format_is_escaped() -> None:
    assert escape("_hi_ *b* `c` [x](y) ~~s~~ ||sp||") == r"\_hi\_ \*b\* \`c\` \[x](y) \~~s\~~ \||sp\||"
    assert escape("> quoted") == r"\> quoted" and escape("# heading") == r"\# heading"


def test_capping_happens_before_escaping_so_escapes_are_never_split() -> None:
    assert safe("****", 3) == r"\*\*…"


def test_truncate_never_leaves_a_dangling_backslash() -> None:
    assert truncate("ab\\*cd", 4) == "ab…"
    assert truncate("ab\\\\cd", 5) == "ab\\\\…"
    assert truncate("short", 10) == "short"
