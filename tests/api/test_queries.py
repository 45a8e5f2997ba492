"""Flags, clips, blog seeds and stats over named ranges, with pagination; owner-only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import msgspec
import pytest
from psycopg.types.json import Jsonb

from chronicler.store.ranges import resolve
from tests.chronicle_data import chat, make_session, record


@pytest.fixture
def streamer(auth, client):
    headers = auth.headers()
    user_id = client.get("/api/me", headers=headers).json["id"]
    return user_id, headers


def test_flags_default_to_the_live_session_then_the_last(client, db, streamer):
    user_id, headers = streamer
    now = datetime.now(UTC)
    old = make_session(
        db, user_id, started_at=now - timedelta(days=3), ended_at=now - timedelta(days=3, hours=-2)
    )
    old_msgs = chat(old, 3, start=now - timedelta(days=3), prefix="old")
    record(db, old, old_msgs, flagged={old_msgs[0].message_id})
    response = client.get("/api/flags", headers=headers).json
    assert response["range"]["name"] == "last" and len(response["items"]) == 1
    live = make_session(db, user_id, started_at=now - timedelta(minutes=30))
    live_msgs = chat(live, 4, start=now - timedelta(minutes=29), prefix="live")
    record(db, live, live_msgs, flagged={m.message_id for m in live_msgs[:2]})
    current = client.get("/api/flags", headers=headers).json
    assert current["range"]["name"] == "current" and len(current["items"]) == 2
    assert len(client.get("/api/flags?range=last", headers=headers).json["items"]) == 1
    assert len(client.get("/api/flags?range=all", headers=headers).json["items"]) == 3
    assert len(client.get("/api/flags?range=week", headers=headers).json["items"]) == 3


def test_this_streams_flags_asked_after_it_ended_are_the_last_streams(client, db, streamer):
    # "what did the warden catch tonight?", asked once the stream is over: not a 404.
    user_id, headers = streamer
    now = datetime.now(UTC)
    ended = make_session(
        db, user_id, started_at=now - timedelta(hours=3), ended_at=now - timedelta(minutes=5)
    )
    msgs = chat(ended, 3, start=now - timedelta(hours=2), prefix="ended")
    record(db, ended, msgs, flagged={msgs[1].message_id})
    response = client.get("/api/flags?range=current", headers=headers).json
    assert response["range"]["name"] == "last" and len(response["items"]) == 1


def test_flags_by_username_and_pagination(client, db, streamer):
    user_id, headers = streamer
    now = datetime.now(UTC)
    live = make_session(db, user_id, started_at=now - timedelta(hours=1))
    msgs = chat(live, 7, start=now - timedelta(minutes=50), login="spammer") + chat(
        live, 2, start=now - timedelta(minutes=50), login="other", prefix="o"
    )
    record(db, live, msgs, flagged={m.message_id for m in msgs})
    assert len(client.get("/api/flags?username=@Spammer", headers=headers).json["items"]) == 7
    seen, cursor = [], None
    while True:
        page = client.get(f"/api/flags?limit=4{'&cursor=' + cursor if cursor else ''}", headers=headers).json
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 9
    sent = [i["sent_at"] for i in client.get("/api/flags?limit=200", headers=headers).json["items"]]
    assert sent == sorted(sent, reverse=True)


@pytest.mark.parametrize(
    "query, field",
    [
        ("range=month", "range"),
        ("limit=0", "limit"),
        ("cursor=!!", "cursor"),
        ("username=not%20valid", "username"),
    ],
)
def test_bad_query_parameters(client, db, streamer, query, field):
    user_id, headers = streamer
    make_session(db, user_id, started_at=datetime.now(UTC))
    response = client.get(f"/api/flags?{query}", headers=headers)
    assert response.status_code == 400 and response.json["error"]["field"] == field


def test_no_session_at_all(client, streamer):
    # A new streamer's flags are an empty list, not a 404; asking for the last session by name is.
    _, headers = streamer
    response = client.get("/api/flags", headers=headers)
    assert response.status_code == 200 and response.json["items"] == []
    assert response.json["range"]["name"] == "all"
    last = client.get("/api/flags?range=last", headers=headers)
    assert last.status_code == 404 and last.json["error"]["code"] == "no_session"
    assert client.get("/api/flags?range=today", headers=headers).json["items"] == []


def test_stats(client, db, streamer):
    user_id, headers = streamer
    start = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=30)
    live = make_session(db, user_id, started_at=start)
    msgs = chat(live, 12, start=start, every=timedelta(seconds=5)) + chat(
        live, 3, start=start + timedelta(minutes=2), login="newbie", prefix="n"
    )
    msgs[-3] = msgspec.structs.replace(msgs[-3], first_message=True)
    record(db, live, msgs)
    stats = client.get("/api/stats?range=current", headers=headers).json
    assert stats["messages"] == 15 and stats["chatters"] == 2 and stats["new_chatters"] == 1
    assert stats["peak_per_minute"] == 12 and stats["mean_per_minute"] == 5.0  # 15 messages over minutes 0..2
    assert stats["top_chatters"][0] == {"login": "viewer", "messages": 12}
    assert client.get("/api/stats?range=week", headers=headers).json["messages"] == 15


def test_week_stats_count_only_the_sessions_of_the_week(client, db, streamer):
    user_id, headers = streamer
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    old = make_session(
        db, user_id, started_at=now - timedelta(days=20), ended_at=now - timedelta(days=20, hours=-1)
    )
    record(db, old, chat(old, 7, start=now - timedelta(days=20), login="longgone", prefix="o"))
    live = make_session(db, user_id, started_at=now - timedelta(minutes=10))
    record(db, live, chat(live, 4, start=now - timedelta(minutes=10)))

    week = client.get("/api/stats?range=week", headers=headers).json
    assert (week["messages"], week["chatters"], week["top_chatters"]) == (
        4,
        1,
        [{"login": "viewer", "messages": 4}],
    )
    everything = client.get("/api/stats?range=all", headers=headers).json
    assert (everything["messages"], everything["chatters"]) == (11, 2)


def test_clips_and_blog_seeds(client, db, streamer):
    user_id, headers = streamer
    start = datetime.now(UTC) - timedelta(hours=1)
    live = make_session(db, user_id, started_at=start)
    db.insert(
        "clip_candidates",
        {
            "user_id": user_id,
            "session_id": live.id,
            "start_at": start + timedelta(minutes=5),
            "end_at": start + timedelta(minutes=6),
            "score": 4.2,
            "reason": "chat 6x busier",
            "samples": Jsonb(["a: CLIP IT"]),
        },
    )
    db.insert(
        "blog_seeds",
        {
            "user_id": user_id,
            "session_id": live.id,
            "topic": "speedruns",
            "description": "Chat kept asking about routes",
            "related_message_ids": ["a", "b"],
        },
    )
    clip = client.get("/api/clips", headers=headers).json["items"][0]
    assert clip["offset_seconds"] == 300 and clip["samples"] == ["a: CLIP IT"]
    assert clip["peak_at"] is None and clip["kind"] is None  # stored before migration 0013: not made up
    seed = client.get("/api/blog-seeds", headers=headers).json["items"][0]
    assert seed["topic"] == "speedruns" and seed["related_count"] == 2


def test_queries_are_owner_only(client, db, auth):
    a = auth.headers("streamer_a")
    b = auth.headers("streamer_b")
    a_id = client.get("/api/me", headers=a).json["id"]
    live = make_session(db, a_id, started_at=datetime.now(UTC) - timedelta(minutes=5))
    msgs = chat(live, 3, start=datetime.now(UTC) - timedelta(minutes=4))
    record(db, live, msgs, flagged={msgs[0].message_id})
    assert client.get("/api/flags?range=all", headers=b).json["items"] == []
    assert client.get("/api/stats?range=all", headers=b).json["messages"] == 0
    assert client.get("/api/flags?range=current", headers=b).status_code == 404


def test_days_are_the_streamers_days(db, streamer):
    user_id, _ = streamer
    # 03:30 UTC on 21 November is still 20 November in New York.
    now = datetime(2026, 11, 21, 3, 30, tzinfo=UTC)
    today = resolve(db, user_id, "America/New_York", "today", now=now)
    assert today.start == datetime(2026, 11, 20, 5, 0, tzinfo=UTC)
    assert today.end == datetime(2026, 11, 21, 5, 0, tzinfo=UTC)
    week = resolve(db, user_id, "America/New_York", "week", now=now)
    assert week.end - week.start == timedelta(days=7)
    # Across the end of daylight saving time (1 November 2026) a day has 25 hours.
    dst = resolve(db, user_id, "America/New_York", "yesterday", now=datetime(2026, 11, 2, 12, tzinfo=UTC))
    assert dst.end - dst.start == timedelta(hours=25)
