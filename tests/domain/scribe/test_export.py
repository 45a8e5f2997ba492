"""The JSON export: a faithful round trip, readable times, and clear errors on a bad document."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from chronicler.domain.scribe import LedgerClip, LedgerError, from_json, render_markdown, to_json
from tests.domain.scribe.ledgers import DST_NIGHT, at, empty_ledger, ledger


def test_round_trip_through_json_text() -> None:
    data = ledger()

    again = from_json(json.loads(json.dumps(to_json(data))))

    assert again == data
    assert render_markdown(again) == render_markdown(data)


def test_an_empty_session_round_trips() -> None:
    data = empty_ledger()

    assert from_json(to_json(data)) == data


def test_times_are_iso_8601_in_the_streamers_zone_with_offsets() -> None:
    document = to_json(ledger())

    assert document["session"]["started_at"] == "2024-03-10T00:00:00-05:00"
    assert document["session"]["ended_at"] == "2024-03-10T05:00:00-04:00"  # after the DST change
    assert document["flag_groups"][0]["examples"][0]["at"] == "2024-03-10T00:12:00-05:00"


def test_derived_values_are_included_for_readers() -> None:
    document = to_json(ledger())

    assert document["format"] == "sanctum-chronicler/ledger" and document["version"] == 1
    assert document["clips"][0]["offset"] == "01:01:05"
    assert document["quiet_stretches"] == [{"from_minute": 100, "to_minute": 130}]


def test_sections_missing_from_an_older_document_read_as_empty() -> None:
    document = to_json(ledger())
    del document["blog_seeds"], document["notable"]

    data = from_json(document)

    assert data.blog_seeds == () and data.notable == ()


def _broken(change: Any) -> dict[str, Any]:
    document = copy.deepcopy(to_json(ledger()))
    change(document)
    return document


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("session"), "ledger.session: missing"),
        (
            lambda d: d["session"].update(started_at="yesterday"),
            "ledger.session.started_at: expected an ISO-8601",
        ),
        (lambda d: d["session"].update(started_at="2024-03-10T05:00:00"), "with an offset"),
        (lambda d: d["numbers"].update(messages="12"), "ledger.numbers.messages: expected an integer"),
        (lambda d: d["numbers"].update(messages=True), "ledger.numbers.messages: expected an integer"),
        (lambda d: d.update(per_minute=[1, 2.5]), "ledger.per_minute: expected a list of integers"),
        (lambda d: d["clips"][1].pop("reason"), r"ledger.clips\[1\].reason: missing"),
        (
            lambda d: d["flag_groups"][0]["examples"][0].update(score="high"),
            r"ledger.flag_groups\[0\].examples\[0\].score: expected a number",
        ),
        (lambda d: d.update(agent_lines={}), "ledger.agent_lines: expected a list"),
        (lambda d: d["agent_lines"][0].update(mode="warden"), "agent mode"),
        (lambda d: d.update(version=2), "version 1 only"),
        (lambda d: d.update(format="something-else"), "ledger.format"),
    ],
)
def test_a_bad_document_names_what_is_wrong(change: Any, message: str) -> None:
    with pytest.raises(LedgerError, match=message):
        from_json(_broken(change))


def test_a_document_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(LedgerError, match="ledger: expected an object"):
        from_json([])  # type: ignore[arg-type]


def test_clip_peaks_kinds_and_notable_counts_round_trip() -> None:
    clip = LedgerClip(
        at(DST_NIGHT, minutes=5),
        at(DST_NIGHT, minutes=6),
        4.5,
        "Funny: ...",
        peak=at(DST_NIGHT, minutes=5.5),
        kind="funny",
    )
    data = ledger(clips=(clip,), notable_more=3, notable_repeats=4)

    document = to_json(data)

    assert document["clips"][0]["peak_offset"] == "00:05:30"
    assert from_json(json.loads(json.dumps(document))) == data
