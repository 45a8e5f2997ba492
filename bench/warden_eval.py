"""Measure the Warden on the shared real data: spam precision/recall, chat false flags, and speed.

Run from the repository root:

    .venv/bin/python bench/warden_eval.py [--show-misses] [--rounds N] [--quiet]

Skips (exit 0) when ../shared/data is absent.

Every real set is split into a TUNE and an EVAL half by bench/_warden_data.py (the trainer of the
Warden's model, tools/train_warden.py, learns from TUNE only); each figure is printed for both
halves. Three judges are compared: the learned model alone (worth_scoring and score >= 0.5), the
rules alone (the Warden without its model, when the Warden takes one; else the Warden as it is),
and the Warden as a whole.

* Real spam campaigns (twitch_spam_campaigns_dev.csv): each message judged on its own, as a
  first-time chatter's; recall per campaign, precision over its few ham lines.
* Scam conversations: each conversation through one Warden, the streamer's turns with a
  broadcaster badge; flagged when any turn of the suspect is; per-speaker first_message.
* YouTube Spam Collection (CONTENT, CLASS 1 = spam): each comment a first message of a chatter
  without badges, youtube.com and youtu.be allowed as twitch.tv is on Twitch (the figures kept from
  before, over both halves: also as ordinary messages, and with youtube.com not allowed), then the
  three judges per half.
* Blocklist strings quoted as real by other bots: recall.
* Every real chat log in chat/: fed in order through one Warden, first_message=True on each
  chatter's first line, sent_at from `time` or `offset_seconds`; false flags per 5,000 messages, and
  every flagged line printed so a person can judge it.
* The moderation log: flags among lines a moderator kept vs moderated (mostly toxicity, not spam).
* Speed: Warden.check over one chat log, best of several rounds; the model's microseconds per
  message at 50, 200 and 500 characters; the share of chat that passes worth_scoring.
"""

from __future__ import annotations

import argparse
import inspect
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    # Running as a script puts bench/ first on the path, not the repository root.
    sys.path.insert(0, str(REPO))

from bench import _warden_data as real  # noqa: E402
from chronicler.domain.chat import ChatMessage  # noqa: E402
from chronicler.domain.warden import Warden, WardenConfig, normalize  # noqa: E402
from chronicler.domain.warden._model import SpamModel  # noqa: E402

DATA = real.DATA
YOUTUBE_DOMAINS = ("youtube.com", "youtu.be")
MODEL_THRESHOLD = 0.5
START = datetime(2024, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Scores:
    """Confusion counts and the usual figures."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        """Share of flagged items that are spam."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of spam items flagged."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        """P, R, F1 and the counts on one line."""
        return (
            f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"(tp={self.tp} fp={self.fp} fn={self.fn} tn={self.tn})"
        )


def _tally(pairs: Iterable[tuple[bool, bool]]) -> Scores:
    """Scores from (is spam, flagged) pairs."""
    counts: Counter[str] = Counter()
    for spam, flagged in pairs:
        counts[("tp" if flagged else "fn") if spam else ("fp" if flagged else "tn")] += 1
    return Scores(counts["tp"], counts["fp"], counts["fn"], counts["tn"])


# The judges ----------------------------------------------------------------------------------------

Judge = Callable[[ChatMessage], tuple[bool, str | None]]  # (flagged, why)


def _takes_model() -> str | None:
    """The name of the Warden's constructor parameter for the model, if it has one."""
    for name in inspect.signature(Warden.__init__).parameters:
        if "model" in name:
            return name
    return None


def rules_warden(config: WardenConfig | None = None) -> Warden:
    """The Warden without its model (the Warden as it is, when it takes none)."""
    config = config or WardenConfig()
    parameter = _takes_model()
    if parameter is None:
        return Warden(config)
    return Warden(config, **{parameter: None})


def whole_warden(config: WardenConfig | None = None) -> Warden:
    """The Warden as a whole, as it is today."""
    return Warden(config or WardenConfig())


def warden_judge(warden: Warden) -> Judge:
    """A judge backed by one Warden (stateful: raids)."""

    def judge(message: ChatMessage) -> tuple[bool, str | None]:
        """The Warden's verdict as (flagged, rule: reason)."""
        verdict = warden.check(message)
        return verdict.flagged, f"{verdict.rule}: {verdict.reason}" if verdict.flagged else None

    return judge


def model_judge(model: SpamModel) -> Judge:
    """The model alone: gate, then score >= MODEL_THRESHOLD; never privileged chatters or known bots."""
    known_bots = WardenConfig().known_bots

    def judge(message: ChatMessage) -> tuple[bool, str | None]:
        """The model's word as (flagged, score and cue)."""
        if message.is_privileged or message.chatter_login in known_bots:
            return False, None
        normalized = normalize(message.text)
        if not model.worth_scoring(normalized):
            return False, None
        signal = model.explain(normalized, first_message=message.first_message)
        if signal.score < MODEL_THRESHOLD:
            return False, None
        return True, f"model {signal.score:.2f}: {signal.cue}"

    return judge


ALL_JUDGES: tuple[str, ...] = ("model", "rules", "warden")
JUDGES: tuple[str, ...] = ALL_JUDGES  # narrowed by --judges


def make_judges(model: SpamModel, config: WardenConfig | None = None) -> dict[str, Judge]:
    """One fresh judge of each kind (fresh Wardens: no state carried over)."""
    makers: dict[str, Callable[[], Judge]] = {
        "model": lambda: model_judge(model),
        "rules": lambda: warden_judge(rules_warden(config)),
        "warden": lambda: warden_judge(whole_warden(config)),
    }
    return {name: makers[name]() for name in JUDGES}


def _message(
    text: str, login: str, *, first: bool, at: datetime, badges: frozenset[str] = frozenset()
) -> ChatMessage:
    """A chat message in a neutral channel."""
    return ChatMessage(
        message_id=f"{login}-{at.timestamp()}",
        channel="benchchannel",
        chatter_login=login,
        text=text,
        sent_at=at,
        badges=badges,
        first_message=first,
    )


# The sets ------------------------------------------------------------------------------------------


def campaigns(model: SpamModel, show_misses: bool) -> None:
    """Recall per campaign and precision, per half, for each judge; each message judged on its own."""
    rows = real.campaign_rows() + real.blocklist_rows()
    print(
        "\nReal spam campaigns (twitch_spam_campaigns_dev.csv) and blocklist strings, each a first message:"
    )
    for half in real.HALVES:
        chosen = [row for row in rows if row.half == half]
        for name in JUDGES:
            per_group: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
            for index, row in enumerate(chosen):
                judge = make_judges(model)[name]
                flagged, why = judge(_message(row.text, f"chatter{index}", first=True, at=START))
                per_group[row.group].append((row.spam, flagged))
                if (show_misses and row.spam and not flagged) or (flagged and not row.spam):
                    kind = "MISS" if row.spam else "FALSE"
                    print(f"      {half} {name} {kind} [{row.group}] {row.text[:110]!r} {why or ''}")
            campaign_pairs = [
                pair for group, pairs in per_group.items() if group != "blocklist" for pair in pairs
            ]
            total = _tally(campaign_pairs)
            groups = ", ".join(
                f"{group} {sum(f for s, f in pairs if s)}/{sum(s for s, _ in pairs)}"
                for group, pairs in sorted(per_group.items())
                if any(s for s, _ in pairs)
            )
            print(f"  {half.upper():4} {name:6} campaigns {total.line()}")
            print(f"              per campaign caught/spam: {groups}")


def conversations(model: SpamModel) -> None:
    """Per conversation: flagged when any of the suspect's turns is."""
    turns = real.conversation_turns()
    print("\nScam conversations (scam_conversations.csv), per conversation:")
    for half in real.HALVES:
        cases = sorted({turn.case for turn in turns if turn.half == half})
        for name in JUDGES:
            pairs = []
            details = []
            for case in cases:
                judge = make_judges(model)[name]
                seen: set[str] = set()
                flagged_any = False
                scam = False
                for number, turn in enumerate(t for t in turns if t.case == case):
                    scam = turn.scam
                    streamer = turn.speaker.startswith("streamer")
                    login = "thestreamer" if streamer else f"speaker{real.text_hash(turn.speaker) % 10_000}"
                    badges = frozenset({"broadcaster"}) if streamer else frozenset()
                    at = START + timedelta(seconds=20 * number)
                    flagged, _ = judge(
                        _message(turn.text, login, first=login not in seen, at=at, badges=badges)
                    )
                    seen.add(login)
                    flagged_any |= flagged and turn.suspect
                pairs.append((scam, flagged_any))
                details.append(f"{case}={'flagged' if flagged_any else 'missed' if scam else 'clean'}")
            print(f"  {half.upper():4} {name:6} {_tally(pairs).line()}  [{', '.join(details)}]")


def _youtube_messages(first_message: bool, half: str | None) -> dict[str, list[tuple[ChatMessage, bool]]]:
    """YouTube comments by file, in time order, as chat messages."""
    out: dict[str, list[tuple[ChatMessage, bool]]] = defaultdict(list)
    for row in real.youtube_rows():
        if half is not None and row.half != half:
            continue
        message = ChatMessage(
            message_id=row.comment_id,
            channel=row.file.lower(),
            chatter_login=row.author,
            text=row.text,
            sent_at=row.sent_at,
            first_message=first_message,
        )
        out[row.file].append((message, row.spam))
    for items in out.values():
        items.sort(key=lambda item: item[0].sent_at)
    return out


def youtube(model: SpamModel, show_misses: bool) -> None:
    """The figures kept from before (the Warden as a whole, both halves), then the judges per half."""
    kept_runs = (
        ("each comment a first-time chatter's message (youtube.com allowed)", True, YOUTUBE_DOMAINS),
        ("each comment an ordinary (not first) message", False, YOUTUBE_DOMAINS),
        ("first messages, youtube.com NOT allowed (its links count as links)", True, ()),
    )
    for title, first, allowed in kept_runs if "warden" in JUDGES else ():
        print(f"\nYouTube Spam Collection, {title}, both halves, the Warden as a whole:")
        pairs_all = []
        for file, items in sorted(_youtube_messages(first, None).items()):
            judge = warden_judge(whole_warden(WardenConfig(allowed_domains=allowed)))
            pairs = []
            for message, spam in items:
                flagged, why = judge(message)
                pairs.append((spam, flagged))
                if first and allowed and ((flagged and not spam) or (show_misses and spam and not flagged)):
                    print(f"    {'FP' if not spam else 'FN'} {file}: {message.text[:150]!r} -> {why}")
            print(f"  {file:28} {_tally(pairs).line()}")
            pairs_all.extend(pairs)
        print(f"  ALL  {_tally(pairs_all).line()}")
    print("\nYouTube Spam Collection, first messages (youtube.com allowed), per half and judge:")
    config = WardenConfig(allowed_domains=YOUTUBE_DOMAINS)
    for half in real.HALVES:
        by_file = _youtube_messages(True, half)
        for name in JUDGES:
            pairs = []
            for items in by_file.values():
                judge = make_judges(model, config)[name]
                pairs.extend((spam, judge(message)[0]) for message, spam in items)
            print(f"  {half.upper():4} {name:6} {_tally(pairs).line()}")


def _per_5k(flags: int, messages: int) -> float:
    """Flags per 5,000 messages."""
    return flags * 5000 / max(1, messages)


def chat_logs(model: SpamModel) -> None:
    """False flags per 5,000 messages on every chat log, per half and judge; every flag printed."""
    print("\nReal chat logs (all ham): false flags per 5,000 messages, per half")
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    printed: list[str] = []
    for path in real.chat_logs():
        lines = list(real.chat_lines(path))
        judges = make_judges(model)
        flags: Counter[tuple[str, str]] = Counter()
        sizes = Counter(line.half for line in lines)
        for number, line in enumerate(lines):
            message = ChatMessage(
                message_id=str(number),
                channel=path.stem.split("_")[0],
                chatter_login=line.login,
                text=line.text,
                sent_at=line.sent_at,
                first_message=line.first_message,
            )
            for name, judge in judges.items():
                flagged, why = judge(message)
                if flagged:
                    flags[(name, line.half)] += 1
                    if name != "rules":  # the rules' flags are the Warden's, less the model's
                        printed.append(
                            f"  [{name} {line.half}] {path.stem} {line.sent_at:%H:%M:%S} {line.login}: "
                            f"{line.text[:140]!r}\n      -> {why}"
                        )
        parts = []
        for half in real.HALVES:
            for name in JUDGES:
                totals[(name, half)][0] += flags[(name, half)]
                totals[(name, half)][1] += sizes[half]
            parts.append(
                f"{half} n={sizes[half]}: "
                + " ".join(
                    f"{name}={flags[(name, half)]}({flags[(name, half)] * 5000 / max(1, sizes[half]):.2f})"
                    for name in JUDGES
                )
            )
        print(f"  {path.name:40} " + " | ".join(parts))
    for half in real.HALVES:
        figures = " ".join(
            f"{name}={totals[(name, half)][0]} ({_per_5k(*totals[(name, half)]):.2f}/5k)" for name in JUDGES
        )
        print(f"  ALL LOGS {half.upper():4} n={totals[('model', half)][1]}: {figures}")
    print("  Every flagged line (model alone and the Warden as a whole), for a person to judge:")
    for entry in printed:
        print(entry)


def moderation(model: SpamModel) -> None:
    """Flags among lines a moderator kept vs moderated."""
    lines = real.moderation_lines()
    print("\nModeration log (moderated = mostly toxicity and thirst, not spam): flags among kept / moderated")
    for half in real.HALVES:
        chosen = [line for line in lines if line.half == half]
        parts = []
        for name in JUDGES:
            judge = make_judges(model)[name]
            kept = moderated = 0
            for number, line in enumerate(chosen):
                at = START + timedelta(seconds=number)
                flagged, _ = judge(_message(line.text, f"chatter{number}", first=False, at=at))
                kept += flagged and not line.moderated
                moderated += flagged and line.moderated
            n_kept = sum(not line.moderated for line in chosen)
            parts.append(f"{name}: {kept}/{n_kept} kept, {moderated}/{len(chosen) - n_kept} moderated")
        print(f"  {half.upper():4} " + " | ".join(parts))


def speed(model: SpamModel, rounds: int) -> None:
    """Warden.check throughput on one log, the model's cost per message, and the gate's pass rate."""
    path = DATA / "chat" / "admiralbulldog_2019-04-30.csv"
    messages = [
        ChatMessage(str(n), "bench", line.login, line.text, line.sent_at, first_message=line.first_message)
        for n, line in enumerate(real.chat_lines(path))
    ]
    best_wall = best_cpu = float("inf")
    for _ in range(rounds):
        warden = Warden()
        wall, cpu = time.perf_counter(), time.process_time()
        for message in messages:
            warden.check(message)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    print("\nSpeed:")
    if rounds:
        print(
            f"  {len(messages) / best_wall:,.0f} messages/s wall clock, {len(messages) / best_cpu:,.0f} "
            f"messages/s of CPU time, through Warden.check on {path.name} (best of {rounds} passes, one core)"
        )
    sample = "hey streamer I love your stream, add me on discord so we can talk about growth and viewers "
    for size in (50, 200, 500):
        text = normalize((sample * 10)[:size])
        repeats = 2000
        began = time.perf_counter()
        for _ in range(repeats):
            model.score(text, first_message=True)
        took = (time.perf_counter() - began) / repeats * 1e6
        print(f"  model.score on a {size}-character message: {took:.0f} µs")
    passed = total = 0
    for path in real.chat_logs():
        for line in real.chat_lines(path):
            total += 1
            passed += model.worth_scoring(normalize(line.text))
    print(f"  worth_scoring passes {passed}/{total} real chat lines ({passed / total:.1%}) to the model")


def main() -> int:
    """Run every measurement and print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--show-misses", action="store_true", help="also print spam the judges missed")
    parser.add_argument("--rounds", type=int, default=3, help="speed passes over the chat log (best counts)")
    parser.add_argument(
        "--judges", default=",".join(ALL_JUDGES), help="which of model,rules,warden to run (default: all)"
    )
    parser.add_argument(
        "--model", type=Path, help="judge this model file instead of the shipped one (model judge only)"
    )
    args = parser.parse_args()
    global JUDGES
    JUDGES = tuple(name for name in ALL_JUDGES if name in args.judges.split(","))
    if not DATA.is_dir():
        print(f"warden_eval: skipped, no shared data at {DATA.resolve()}")
        return 0
    model = SpamModel.from_path(args.model) if args.model else SpamModel.load()
    parameter = _takes_model()
    print(
        "Judges: model = SpamModel alone (worth_scoring and score >= 0.5); rules = "
        + (f"Warden({parameter}=None)" if parameter else "the Warden as it is (it takes no model yet)")
        + "; warden = the Warden as a whole."
    )
    campaigns(model, args.show_misses)
    conversations(model)
    youtube(model, args.show_misses)
    chat_logs(model)
    moderation(model)
    speed(model, args.rounds if "warden" in JUDGES else 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
