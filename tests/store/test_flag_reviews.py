"""What answers on flags teach a streamer's Warden: trusted chatters, allowed phrasings, learned patterns."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chronicler.contract.errors import InvalidInput, NotFound
from chronicler.domain.chat import ChatMessage
from chronicler.domain.warden import learned_pattern, phrasing_key
from chronicler.store import flag_reviews
from chronicler.store.flag_reviews import lessons, review_counts, review_flag
from chronicler.store.warden_settings import warden_config
from tests.chronicle_data import make_session, record

START = datetime(2024, 4, 30, 20, 0, tzinfo=UTC)
SPAM = "Best viewers on streamboost.example/wren78 cheap prices for your channel"


def _user(db, name: str = "pixel_wren") -> int:
    return db.insert("users", {"username": name, "password_hash": "x"})["id"]


def _flags(db, user_id: int, *texts: tuple[str, str]) -> list[int]:
    """Flag one message per (login, text); their ids in that order."""
    session = make_session(db, user_id, started_at=START)
    messages = [
        ChatMessage(
            message_id=f"m{session.id}-{i}",
            channel=session.channel,
            chatter_login=login,
            display_name=login,
            text=text,
            sent_at=START + timedelta(seconds=i),
        )
        for i, (login, text) in enumerate(texts)
    ]
    record(db, session, messages, flagged={m.message_id for m in messages})
    rows = db.fetch_all("SELECT id FROM flags WHERE session_id = %s ORDER BY sent_at", (session.id,))
    return [row["id"] for row in rows]


def _config(db, user_id):
    return warden_config(db, user_id, known_bots=frozenset())


def test_a_dismissed_flag_trusts_the_chatter_and_allows_the_phrasing(db):
    user_id = _user(db)
    [flag] = _flags(db, user_id, ("Wren_Fan", "check my art at wrenart.example/gallery42"))
    review_flag(db, user_id, flag, "dismissed")
    config = _config(db, user_id)
    assert config.trusted_chatters == {"wren_fan"}
    assert config.allowed_phrasings == {phrasing_key("check my art at wrenart.example/gallery42")}
    assert config.learned_patterns == ()


def test_a_confirmed_flag_teaches_its_pattern(db):
    user_id = _user(db)
    [flag] = _flags(db, user_id, ("spammer", SPAM))
    review_flag(db, user_id, flag, "confirmed")
    config = _config(db, user_id)
    assert config.learned_patterns == (learned_pattern(SPAM),)
    assert config.trusted_chatters == frozenset() and config.allowed_phrasings == frozenset()


def test_a_message_with_nothing_distinctive_teaches_no_pattern(db):
    user_id = _user(db)
    [flag] = _flags(db, user_id, ("spammer", "hi 123"))
    assert learned_pattern("hi 123") is None
    review_flag(db, user_id, flag, "confirmed")
    assert _config(db, user_id).learned_patterns == ()


def test_changing_the_answer_takes_back_what_the_first_taught(db):
    user_id = _user(db)
    [flag] = _flags(db, user_id, ("spammer", SPAM))
    review_flag(db, user_id, flag, "dismissed")
    review_flag(db, user_id, flag, "confirmed")
    config = _config(db, user_id)
    assert config.trusted_chatters == frozenset() and config.allowed_phrasings == frozenset()
    assert config.learned_patterns == (learned_pattern(SPAM),)
    review_flag(db, user_id, flag, "dismissed")
    config = _config(db, user_id)
    assert config.learned_patterns == () and config.trusted_chatters == {"spammer"}


def test_a_value_stays_learned_while_another_answer_teaches_it(db):
    user_id = _user(db)
    first, second = _flags(db, user_id, ("wren_fan", "hello there friends"), ("wren_fan", "lovely stream"))
    review_flag(db, user_id, first, "dismissed")
    review_flag(db, user_id, second, "dismissed")
    review_flag(db, user_id, first, "confirmed")
    config = _config(db, user_id)
    assert config.trusted_chatters == {"wren_fan"}  # the second answer still trusts them
    assert config.allowed_phrasings == {"lovely stream"}


def test_the_same_answer_again_changes_nothing(db):
    user_id = _user(db)
    [flag] = _flags(db, user_id, ("spammer", SPAM))
    first = review_flag(db, user_id, flag, "confirmed", now=START + timedelta(hours=1))
    again = review_flag(db, user_id, flag, "confirmed", now=START + timedelta(hours=2))
    assert first == again and first["reviewed_at"] == (START + timedelta(hours=1)).isoformat()
    assert db.count("warden_lessons") == 1


def test_lessons_are_each_streamers_own(db):
    wren, other = _user(db), _user(db, "other_streamer")
    [flag] = _flags(db, wren, ("wren_fan", "hello there friends"))
    with pytest.raises(NotFound):
        review_flag(db, other, flag, "dismissed")
    review_flag(db, wren, flag, "dismissed")
    assert _config(db, other).trusted_chatters == frozenset()
    assert _config(db, wren).trusted_chatters == {"wren_fan"}


def test_an_answer_other_than_confirmed_or_dismissed_is_refused(db):
    user_id = _user(db)
    [flag] = _flags(db, user_id, ("spammer", SPAM))
    with pytest.raises(InvalidInput) as refused:
        review_flag(db, user_id, flag, "open")
    assert refused.value.field == "status"


def test_each_list_keeps_its_newest_values_up_to_its_cap(db):
    caps = {kind: 3 for kind in flag_reviews.CAPS}
    user_id = _user(db)
    flags = _flags(db, user_id, *((f"chatter{i}", f"hello number {chr(97 + i)} here") for i in range(5)))
    for i, flag in enumerate(flags):
        review_flag(db, user_id, flag, "dismissed", now=START + timedelta(minutes=i), caps=caps)
    taught = lessons(db, user_id, caps=caps)
    assert taught.trusted_chatters == ("chatter2", "chatter3", "chatter4")  # the oldest two forgotten
    assert db.fetch_value("SELECT count(*) FROM warden_lessons WHERE kind = 'trusted_chatter'") == 3


def test_review_counts_of_a_session(db):
    user_id = _user(db)
    flags = _flags(db, user_id, *((f"c{i}", f"spam text {i}") for i in range(4)))
    review_flag(db, user_id, flags[0], "confirmed")
    review_flag(db, user_id, flags[1], "confirmed")
    review_flag(db, user_id, flags[2], "dismissed")
    session_id = db.fetch_value("SELECT session_id FROM flags WHERE id = %s", (flags[0],))
    assert review_counts(db, session_id) == {"open": 1, "confirmed": 2, "dismissed": 1}


def test_the_ledger_of_a_session_carries_the_review(db):
    from chronicler.domain.scribe import render_markdown
    from chronicler.store.ledgers import gather

    user_id = _user(db)
    flags = _flags(db, user_id, *((f"c{i}", f"spam text {i}") for i in range(3)))
    session_id = db.fetch_value("SELECT session_id FROM flags WHERE id = %s", (flags[0],))
    review_flag(db, user_id, flags[0], "confirmed")
    review_flag(db, user_id, flags[1], "dismissed")
    assert "3 flags: 1 confirmed, 1 dismissed; 1 still to review" in render_markdown(gather(db, session_id))


def test_the_newest_lesson_comes_last_as_the_warden_keeps_the_newest(db):
    user_id = _user(db)
    first, second = _flags(
        db,
        user_id,
        ("a", "buy viewers at viewbot.example/aa1"),
        ("b", "cheap followers from followz.example/b2"),
    )
    review_flag(db, user_id, second, "confirmed", now=START + timedelta(minutes=1))
    review_flag(db, user_id, first, "confirmed", now=START + timedelta(minutes=2))
    assert lessons(db, user_id).learned_patterns == (
        learned_pattern("cheap followers from followz.example/b2"),
        learned_pattern("buy viewers at viewbot.example/aa1"),
    )


def test_the_stamp_moves_with_every_lesson_taught_or_taken_back(db):
    user_id = _user(db)
    [flag] = _flags(db, user_id, ("spammer", SPAM))
    stamps = [flag_reviews.lessons_stamp(db, user_id)]
    review_flag(db, user_id, flag, "dismissed")
    stamps.append(flag_reviews.lessons_stamp(db, user_id))
    review_flag(db, user_id, flag, "dismissed")  # the same answer: nothing new
    stamps.append(flag_reviews.lessons_stamp(db, user_id))
    review_flag(db, user_id, flag, "confirmed")
    stamps.append(flag_reviews.lessons_stamp(db, user_id))
    assert stamps[0] == (0, 0) and stamps[1] == stamps[2] and len({stamps[0], stamps[1], stamps[3]}) == 3
