"""The ledger: shown as text when short, as a file when long; sent again on request."""

from __future__ import annotations

from chronicler.contract.commands import Command

SHOW = Command(interaction_type="ledger", action="show")
POST = Command(interaction_type="ledger", action="post")


def _snapshot(markdown: str) -> dict[str, object]:
    """Session 7's ledger as the API sends it before any file is written (a live session's snapshot)."""
    return {
        "session_id": 7,
        "markdown": markdown,
        "markdown_path": None,
        "json_path": None,
        "chart_path": None,
    }


async def test_a_short_ledger_is_shown_as_text_without_pings(run, fake_api):
    fake_api.ledgers["pixel_wren"] = {
        "session_id": 7,
        "markdown": "# Ledger\n\nTop chatter: @everyone's fav",
        "chart_path": "/x.png",
        "markdown_path": "/x.md",
        "json_path": "/x.json",
    }
    reply = await run(SHOW)
    assert reply.chunks == ("# Ledger\n\nTop chatter: @\u200beveryone's fav",)
    assert fake_api.calls("GET", "/api/sessions/last/ledger")[0].query == {"format": "markdown"}


async def test_a_long_ledger_is_attached_as_a_file(run, fake_api):
    markdown = "# Ledger\n" + "| chatter | messages |\n" * 500
    fake_api.ledgers["pixel_wren"] = _snapshot(markdown)
    fake_api.add_session(status="active")
    reply = await run(Command(interaction_type="ledger", action="show", session="current"))
    assert reply.chunks == ("Here is the ledger of session 7 (attached: it is long).",)
    assert reply.files == (("ledger-7.md", markdown.encode()),)
    assert fake_api.calls("GET", "/api/sessions/current/ledger")


async def test_no_ledger_yet(run):
    reply = await run(SHOW)
    assert reply.chunks == (
        "The Scribe has no ledger for the last session yet. It is written when a session ends.",
    )


async def test_resending_goes_to_the_webhook_or_says_where_it_went(run, fake_api):
    fake_api.ledgers["pixel_wren"] = _snapshot("# Ledger")
    assert (await run(POST)).chunks == (
        "You have no ledger webhook, so the ledger of the last session went to the exports folder. "
        "To get ledgers in Discord, say “set my webhook to <url>”.",
    )
    fake_api.users["pixel_wren"].webhook_url = "https://discord.com/api/webhooks/1/abc"
    assert (await run(POST)).chunks == ("Sending the ledger of the last session to your webhook now.",)
    assert len(fake_api.calls("POST", "/api/sessions/last/ledger/post")) == 2


async def test_resending_without_a_ledger(run):
    assert (await run(POST)).chunks == (
        "The Scribe has no ledger for the last session yet, so there is nothing to send.",
    )


async def test_this_streams_ledger_asked_after_it_ended_is_the_last_one(run, fake_api):
    # "tonight's ledger?" just after "stop": nothing runs, and the stream meant is the one that ended.
    fake_api.ledgers["pixel_wren"] = _snapshot("# Ledger of tonight")
    reply = await run(Command(interaction_type="ledger", action="show", session="current"))
    assert reply.chunks[0].startswith("# Ledger of tonight")
    assert "Nothing is being chronicled right now" in reply.plain_text()
    assert fake_api.calls("GET", "/api/sessions/last/ledger")
