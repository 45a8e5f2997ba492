"""Clip candidates: when, how far into the stream, why, and a few of chat's lines."""

from __future__ import annotations

from chronicler.contract.commands import Command


async def test_clips_are_listed_with_offset_score_reason_and_samples(run, fake_api):
    fake_api.clips["pixel_wren"] = [
        {
            "id": 1,
            "session_id": 1,
            "start": "2024-04-29T21:26:45+00:00",
            "end": "2024-04-29T21:27:30+00:00",
            "offset_seconds": 5025,
            "score": 0.873,
            "reason": "chat tripled in ten seconds",
            "samples": ["POGGERS", "NO WAY @here", "CLIP IT", "fourth is not shown"],
        }
    ]
    reply = await run(Command(interaction_type="clips", action="list", range="last"))
    [embed] = reply.embeds
    assert embed.title == "Clip candidates in the last session"
    [field] = embed.fields
    assert field.name == "29 Apr 21:26 · 1:23:45 into the stream · score 0.87"
    assert field.value == "chat tripled in ten seconds\n> POGGERS\n> NO WAY @\u200bhere\n> CLIP IT"


async def test_no_clips(run):
    reply = await run(Command(interaction_type="clips", action="list", range="today"))
    assert reply.chunks == ("No clip candidates today.",)
