"""Notable discussion: questions, the replies that answer them, and long thoughtful messages."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chronicler.contract.errors import InvalidInput
from chronicler.domain.chat import ChatMessage
from chronicler.domain.librarian import DiscussionArchiver, DiscussionConfig, NotableMessage
from tests.domain.librarian.chatlog import message, real_chat

THOUGHTFUL = (
    "I think the new route is better because it skips the second key, which saves almost ten "
    "seconds if the dash into the elevator works"
)


def notable(archiver: DiscussionArchiver, *messages: ChatMessage) -> list[NotableMessage]:
    return [found for chat_message in messages for found in archiver.feed(chat_message)]


def test_a_question_to_chat_is_archived() -> None:
    question = message("what route is she taking today?", login="curious")

    (found,) = notable(DiscussionArchiver(), question)

    assert found.kind == "question" and found.message is question
    assert found.reply_to is None and found.reason == "a question to chat"


@pytest.mark.parametrize(
    "text", ["is this the new patch", "how do you get past the spikes", "do you stream on weekends"]
)
def test_questions_without_a_question_mark_are_recognised(text: str) -> None:
    (found,) = notable(DiscussionArchiver(), message(text))

    assert found.kind == "question"


@pytest.mark.parametrize(
    "text",
    ["what?", "LUL ?", "PogChamp PogChamp?", "WHAT IS THIS GAME???", "what a play", "why why why why why?"],
)
def test_reactions_shouting_and_repetition_are_not_questions(text: str) -> None:
    assert notable(DiscussionArchiver(), message(text)) == []


def test_a_reply_mentioning_the_asker_is_an_answer_to_their_question() -> None:
    question = message("which controller are you using?", login="asker", seconds=0)
    reply = message("@Asker an old xbox pad I think", login="helper", seconds=30)

    _, found = notable(DiscussionArchiver(), question, reply)

    assert found.kind == "answer" and found.reply_to == question.message_id
    assert found.reason == "answers asker's question"


def test_a_reply_after_the_answer_window_is_not_an_answer() -> None:
    archiver = DiscussionArchiver(DiscussionConfig(answer_window=timedelta(minutes=3)))
    question = message("which controller are you using?", login="asker", seconds=0)
    late = message("@asker an old xbox pad I think", login="helper", seconds=181)

    assert [found.kind for found in notable(archiver, question, late)] == ["question"]


def test_answers_are_capped_one_per_chatter_and_never_from_the_asker() -> None:
    archiver = DiscussionArchiver(DiscussionConfig(max_answers=2))
    question = message("which controller are you using?", login="asker")
    replies = [
        message("@asker thanks everyone for the help", login="asker", seconds=1),
        message("@asker an old xbox pad", login="first", seconds=2),
        message("@asker the xbox one I believe", login="first", seconds=3),
        message("@asker a wired xbox pad", login="second", seconds=4),
        message("@asker some old controller", login="third", seconds=5),
    ]

    found = notable(archiver, question, *replies)

    assert [(f.kind, f.message.chatter_login) for f in found] == [
        ("question", "asker"),
        ("answer", "first"),
        ("answer", "second"),
    ]


def test_a_follow_up_question_in_the_thread_replies_to_the_first() -> None:
    question = message("which controller are you using?", login="asker")
    follow_up = message("@asker why do you want to know?", login="other", seconds=10)

    _, found = notable(DiscussionArchiver(), question, follow_up)

    assert found.kind == "question" and found.reply_to == question.message_id


def test_a_mention_of_someone_without_an_open_question_is_not_an_answer() -> None:
    assert notable(DiscussionArchiver(), message("@somebody that was a great run")) == []


def test_a_long_considered_message_is_thoughtful() -> None:
    (found,) = notable(DiscussionArchiver(), message(THOUGHTFUL))

    assert found.kind == "thoughtful" and "words" in found.reason


@pytest.mark.parametrize(
    "text",
    [
        "PogChamp " * 20,
        "NO ONE CARES ABOUT THIS GAME WATCHING MOVIES IN 2019 NO ONE CARES ABOUT THIS GAME AT ALL",
        "spam spam spam this is spam spam spam this is spam spam spam this is spam",
        "check out my channel for the best speedrun tips and tricks at https://example.com/tips right now",
        "I think this run is going really well and the next split should be fine too " + "LUL " * 10,
    ],
)
def test_copypastas_emote_walls_and_links_are_not_thoughtful(text: str) -> None:
    assert notable(DiscussionArchiver(), message(text)) == []


def test_the_same_long_text_again_is_a_copypasta() -> None:
    archiver = DiscussionArchiver()

    first = notable(archiver, message(THOUGHTFUL, login="author"))
    again = notable(archiver, message(THOUGHTFUL, login="copier", seconds=5))

    assert len(first) == 1 and again == []


def test_known_bots_are_ignored() -> None:
    archiver = DiscussionArchiver(known_bots=frozenset({"Nightbot"}))

    assert notable(archiver, message(THOUGHTFUL, login="nightbot")) == []


def test_settings_out_of_range_are_refused_with_the_field_named() -> None:
    with pytest.raises(InvalidInput) as caught:
        DiscussionConfig(answer_window=timedelta(0))

    assert caught.value.field == "answer_window"


@pytest.mark.shared_data
def test_real_chat_keeps_a_small_share_of_the_messages() -> None:
    chat = real_chat()
    archiver = DiscussionArchiver(known_bots=frozenset({"moobot"}))

    found = notable(archiver, *chat)

    kinds = {kind: sum(1 for f in found if f.kind == kind) for kind in ("question", "answer", "thoughtful")}
    assert all(count > 0 for count in kinds.values())
    assert len(found) < 0.05 * len(chat)
    ids = {m.message_id for m in chat}
    assert all(f.reply_to in ids for f in found if f.reply_to is not None)
    assert all(f.message.chatter_login != "moobot" for f in found)
