"""The real data of ../shared/data for the Warden, each row marked TUNE or EVAL by one stable rule.

Shared by tools/train_warden.py (which learns from the TUNE half only) and bench/warden_eval.py (which
prints both halves), so the two can never disagree about which row is held out. Nothing here is
copied into the repository: rows are read from ../shared/data when it is there.

The split: a row's half is decided by zlib.crc32 of its message text, so a text that repeats (an
emote, a copypasta) always lands in the same half and cannot leak from TUNE into EVAL. Small labelled
sets (the spam campaigns, the blocklist strings) are split within each group instead, by rank of that
hash, so every campaign has rows in both halves.
"""

from __future__ import annotations

import csv
import json
import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
TUNE = "tune"
EVAL = "eval"
HALVES = (TUNE, EVAL)

# Logs without a wall clock (offset_seconds only) are placed at this arbitrary start.
_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


def text_hash(text: str) -> int:
    """A stable 32-bit hash of a message text (never Python's per-process hash())."""
    return zlib.crc32(text.encode("utf-8"))


def half_of(text: str) -> str:
    """TUNE or EVAL for one message, by its text alone."""
    return TUNE if text_hash(text) % 2 == 0 else EVAL


def _split_ranked(texts: list[str]) -> list[str]:
    """Halves for a small group: rank by hash, alternate TUNE/EVAL, so both halves get rows."""
    order = sorted(range(len(texts)), key=lambda i: (text_hash(texts[i]), i))
    halves = [TUNE] * len(texts)
    for rank, index in enumerate(order):
        halves[index] = TUNE if rank % 2 == 0 else EVAL
    return halves


@dataclass(frozen=True)
class Row:
    """One labelled message of a real spam set."""

    text: str
    spam: bool
    group: str  # the campaign, the YouTube file, or the source
    half: str


def campaign_rows() -> list[Row]:
    """spam/twitch_spam_campaigns_dev.csv, split within each (campaign, label)."""
    path = DATA / "spam" / "twitch_spam_campaigns_dev.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        groups[(row["campaign"], row["label"])].append(row)
    out: list[Row] = []
    for (campaign, label), members in sorted(groups.items()):
        halves = _split_ranked([row["message"] for row in members])
        out.extend(
            Row(row["message"], label == "spam", campaign, h) for row, h in zip(members, halves, strict=True)
        )
    return out


def blocklist_rows() -> list[Row]:
    """spam/blocklist_spam_strings.json (every row spam), split by rank of hash."""
    path = DATA / "spam" / "blocklist_spam_strings.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    texts = [
        (item["message"], item.get("label", "spam"))
        for key, items in sorted(document.items())
        if not key.startswith("_")
        for item in items
    ]
    halves = _split_ranked([text for text, _ in texts])
    return [
        Row(text, label == "spam", "blocklist", h) for (text, label), h in zip(texts, halves, strict=True)
    ]


@dataclass(frozen=True)
class YoutubeRow:
    """One YouTube comment with its label, author and time."""

    text: str
    spam: bool
    file: str
    author: str
    comment_id: str
    sent_at: datetime
    half: str


def youtube_rows() -> list[YoutubeRow]:
    """The YouTube Spam Collection files, each comment in the half of its text."""
    out = []
    for path in sorted((DATA / "spam").glob("Youtube0*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                sent_at = datetime.fromisoformat(row["DATE"]).replace(tzinfo=UTC)
                out.append(
                    YoutubeRow(
                        row["CONTENT"],
                        row["CLASS"].strip() == "1",
                        path.name,
                        row["AUTHOR"].lower(),
                        row["COMMENT_ID"],
                        sent_at,
                        half_of(row["CONTENT"]),
                    )
                )
    return out


@dataclass(frozen=True)
class Turn:
    """One turn of a multi-turn scam conversation."""

    case: str
    speaker: str
    suspect: bool  # spoken by the suspected scammer (not the streamer)
    text: str
    scam: bool  # the conversation's label
    half: str


def conversation_turns() -> list[Turn]:
    """spam/scam_conversations.csv; a whole conversation is in the half of its joined text."""
    path = DATA / "spam" / "scam_conversations.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    joined: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        joined[row["case"]].append(row["message"])
    halves = {case: half_of("\n".join(texts)) for case, texts in joined.items()}
    return [
        Turn(
            row["case"],
            row["speaker"],
            row["speaker"] == row["suspect"],
            row["message"],
            row["conversation_label"] != "clean",
            halves[row["case"]],
        )
        for row in rows
    ]


@dataclass(frozen=True)
class ChatLine:
    """One line of a real chat log, in log order."""

    login: str
    text: str
    sent_at: datetime
    first_message: bool  # the chatter's first line in this log
    half: str


def chat_logs() -> list[Path]:
    """Every chat log in chat/."""
    return sorted((DATA / "chat").glob("*.csv"))


def chat_lines(path: Path) -> Iterator[ChatLine]:
    """A chat log's lines in order; `time` (wall clock) or `offset_seconds` gives sent_at."""
    seen: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = row.get("message") or ""
            if not text.strip():
                continue
            login = (row.get("username") or "").lower()
            if "time" in row:
                sent_at = datetime.strptime(row["time"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
            else:
                sent_at = _EPOCH + timedelta(seconds=float(row.get("offset_seconds") or 0))
            yield ChatLine(login, text, sent_at, login not in seen, half_of(text))
            seen.add(login)


def reaction_lines() -> Iterator[ChatLine]:
    """reactions/window_chat.csv (19 Twitch VODs, no usernames): more ordinary chat."""
    path = DATA / "reactions" / "window_chat.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = row.get("message") or ""
            if text.strip():
                sent_at = _EPOCH + timedelta(seconds=float(row.get("offset_seconds") or 0))
                yield ChatLine("", text, sent_at, False, half_of(text))


@dataclass(frozen=True)
class ModerationLine:
    """One line of the moderator's log: kept, or moderated (deleted / before a timeout or ban)."""

    text: str
    moderated: bool
    half: str


def moderation_lines() -> list[ModerationLine]:
    """Every moderation/*.csv line."""
    out = []
    for path in sorted((DATA / "moderation").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                out.append(
                    ModerationLine(row["message"], row["label"] == "moderated", half_of(row["message"]))
                )
    return out
