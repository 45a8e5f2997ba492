"""Replies fit Discord: 2,000-character messages, embeds within limits, chat text shown literally."""

from __future__ import annotations

import pytest

from chronicler.bot.replies import (
    EMBED_FIELDS,
    EMBED_TOTAL,
    FIELD_VALUE,
    MESSAGE_LIMIT,
    Embed,
    EmbedField,
    Reply,
    escape_chat,
    neutralise_mentions,
    split_text,
)


def _words(chunks: tuple[str, ...]) -> list[str]:
    return " ".join(chunks).split()


def test_short_text_is_one_message():
    text = "Chronicling #pixel_wren since 20:03."
    assert Reply.text(text).chunks == (text,)


def test_long_text_splits_at_line_breaks_within_the_limit_and_loses_nothing():
    lines = [f"line {n}: " + "word " * 30 for n in range(200)]
    text = "\n".join(lines)
    chunks = split_text(text)
    assert len(chunks) > 1
    assert all(len(chunk) <= MESSAGE_LIMIT for chunk in chunks)
    assert _words(chunks) == text.split()
    assert all(chunk.startswith("line ") for chunk in chunks)  # cut between lines, not inside one


def test_text_without_spaces_is_cut_hard():
    chunks = split_text("x" * 4500)
    assert [len(c) for c in chunks] == [1996, 1996, 508]
    assert "".join(chunks) == "x" * 4500


def test_a_code_block_cut_in_two_is_closed_and_reopened():
    text = "Ledger:\n```\n" + "\n".join(f"{n:04d} | chatter_{n} | 12" for n in range(300)) + "\n```\nend"
    chunks = split_text(text)
    assert len(chunks) > 1
    for chunk in chunks:
        assert len(chunk) <= MESSAGE_LIMIT
        assert chunk.count("```") % 2 == 0, chunk[:40]


def test_split_refuses_a_uselessly_small_limit():
    with pytest.raises(ValueError):
        split_text("hello", limit=5)


def test_long_text_becomes_a_file_beyond_a_few_messages():
    short = Reply.long_text("# Ledger\n" + "a line\n" * 100, "ledger-1.md", intro="attached")
    assert short.files == () and len(short.chunks) == 1
    long_text = "# Ledger\n" + "a long line of the ledger\n" * 1000
    long = Reply.long_text(long_text, "ledger-1.md", intro="Here it is (attached).")
    assert long.chunks == ("Here it is (attached).",)
    assert long.files == (("ledger-1.md", long_text.encode()),)


def test_notes_are_added_after_the_text():
    reply = Reply.text("Nothing flagged today.").with_notes(["Your webhook answered 404."])
    assert reply.chunks == ("Nothing flagged today.\n\nYour webhook answered 404.",)
    assert Reply.text("same").with_notes([]) == Reply.text("same")


def test_markdown_in_chat_text_is_escaped():
    assert escape_chat("**free** _nitro_ `code` ~~x~~ ||spoiler|| > quote") == (
        r"\*\*free\*\* \_nitro\_ \`code\` \~\~x\~\~ \|\|spoiler\|\| \> quote"
    )
    assert escape_chat("[click](https://x.y)") == r"\[click\]\(https://x.y\)"


def test_mentions_are_neutralised():
    text = neutralise_mentions("@everyone @here <@123> <@!456> <@&789> <#42> mail@example.com")
    assert "@everyone" not in text and "@here" not in text
    assert "<@" not in text and "<#" not in text
    assert "mail@example.com" in text
    assert "@EVERYONE" not in neutralise_mentions("@EVERYONE")


def test_links_in_flagged_text_are_defanged():
    shown = escape_chat("claim at https://free-nitro.example/gift now", defang=True)
    # Discord shows: claim at hxxps://free-nitro[.]example/gift now
    assert shown == r"claim at hxxps://free\-nitro\[.\]example/gift now"


def test_an_embed_listing_fits_discord_and_counts_what_it_left_out():
    fields = [EmbedField(f"20:{n % 60:02d} · chatter_{n} · link_spam", "> " + "x" * 900) for n in range(40)]
    embed = Embed.listing("Flagged messages today", fields, footer="newest first")
    assert len(embed.fields) < EMBED_FIELDS
    assert embed.size() <= EMBED_TOTAL
    assert embed.footer == f"newest first · …and {40 - len(embed.fields)} more"
    assert all(len(f.value) <= FIELD_VALUE for f in embed.fields)


def test_an_embed_field_longer_than_discord_allows_is_shortened():
    embed = Embed.listing("t", [EmbedField("n", "y" * 5000)])
    assert len(embed.fields[0].value) == FIELD_VALUE and embed.fields[0].value.endswith("…")
    assert embed.footer is None


def test_embed_dict_is_discords_shape():
    embed = Embed("Chat today", "desc", (EmbedField("Messages", "12", inline=True),), "footer", 0xB7950B)
    assert embed.to_dict() == {
        "title": "Chat today",
        "type": "rich",
        "description": "desc",
        "fields": [{"name": "Messages", "value": "12", "inline": True}],
        "footer": {"text": "footer"},
        "color": 0xB7950B,
    }


def test_plain_text_shows_text_embeds_and_files():
    reply = Reply(("hi",), (Embed("Title", fields=(EmbedField("a", "b"),)),), (("x.md", b"abc"),))
    assert reply.plain_text() == "hi\n\n== Title ==\n- a: b\n\n[attached x.md, 3 bytes]"
