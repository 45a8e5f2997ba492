"""Links: what makes one suspicious, what is always fine, and the streamer's allowed domains."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from chronicler.domain.warden import ConfigError, Verdict, Warden, WardenConfig
from tests.domain.warden.helpers import make_message

Check = Callable[..., Verdict]


@pytest.mark.parametrize(
    "text",
    [
        "check out the clip at clips.twitch.tv/FunnyClip",
        "https://clips.twitch.tv/SassyLivelyShingleChocolateRain",
        "twitch.tv/pixel_wren/clip/AwkwardFunnyClip",
        "https://www.twitch.tv/pixel_wren",  # the channel itself
        "https://m.twitch.tv/videos/123456789",
        "twitch.tv/directory/game/Dota 2",
        "https://help.twitch.tv/s/article/chat-basics",
        "twitch.tv",
    ],
)
def test_twitch_itself_is_fine_even_in_a_first_message(check: Check, text: str) -> None:
    assert not check(text, first_message=True).flagged


@pytest.mark.parametrize(
    "text",
    [
        "look at this www.example.com",
        "https://www.youtube.com/watch?v=2MUaxGtXT-0",
        "my setup: pcpartpicker.com/list/abc",
    ],
)
def test_a_first_time_chatter_posting_a_link_is_flagged(check: Check, text: str) -> None:
    verdict = check(text, first_message=True)
    assert verdict.flagged and verdict.rule == "first_message_link"


@pytest.mark.parametrize(
    "text",
    [
        "look at this www.example.com",
        "https://www.youtube.com/watch?v=2MUaxGtXT-0",
        "@streamer did you watch this https://store.steampowered.com/valveindex ?",
    ],
)
def test_a_regular_posting_an_ordinary_link_is_not_flagged(check: Check, text: str) -> None:
    assert not check(text).flagged


def test_a_first_message_to_another_channel_is_flagged(check: Check) -> None:
    assert not check("twitch.tv/someoneelse").flagged
    assert check("twitch.tv/someoneelse", first_message=True).flagged


@pytest.mark.parametrize(
    "text",
    [
        "how can there be 2.124.821.694 views",  # a number, not an IP address
        "write me at someone@example.com",  # an e-mail address is not a link
        "I have a P.hd in movies",
        "lol.xd",
        "version 1.2.3.4 is out",
    ],
)
def test_things_that_only_look_like_links_are_not_links(check: Check, text: str) -> None:
    assert not check(text, first_message=True).flagged


def test_allowed_domains_and_their_subdomains_are_fine() -> None:
    warden = Warden(WardenConfig(allowed_domains=("pixelwren.shop", "https://www.Example.org/")))
    for text in ("new merch at pixelwren.shop", "https://store.pixelwren.shop/hoodie", "example.org/faq"):
        assert not warden.check(make_message(text, first_message=True)).flagged, text
    assert warden.check(make_message("elsewhere.com", first_message=True)).flagged


def test_an_allowed_path_covers_only_that_path() -> None:
    warden = Warden(WardenConfig(allowed_domains=("discord.gg/pixelwren",)))
    assert not warden.check(make_message("join discord.gg/pixelwren")).flagged
    verdict = warden.check(make_message("join discord.gg/freenitro"))
    assert verdict.flagged and verdict.rule == "discord_scam"


def test_an_allowed_shortener_is_no_longer_suspicious() -> None:
    warden = Warden(WardenConfig(allowed_domains=("bit.ly",)))
    assert not warden.check(make_message("bit.ly/mymerch")).flagged


@pytest.mark.parametrize("entry", ["", "   ", "not a domain", "localhost", "https://"])
def test_an_unusable_allowed_domain_is_rejected_with_a_clear_error(entry: str) -> None:
    with pytest.raises(ConfigError, match="allowed domain"):
        WardenConfig(allowed_domains=(entry,))


def test_a_shortener_in_an_otherwise_friendly_message_still_flags(check: Check) -> None:
    verdict = check("hey chat, great stream today! bit.ly/3abcDEF")
    assert verdict.flagged and verdict.rule == "link_shortener"


def test_obfuscated_links_are_found(check: Check) -> None:
    verdict = check("bit(dot)ly/free")
    assert verdict.flagged and verdict.rule == "link_shortener"


@pytest.mark.parametrize(
    "text",
    [
        # Sentences glued with full stops: "size.click" and "Land.Am" are no sites.
        "open the settings and pick the disk size.click apply.then restart the computer",
        "first press start.select the drive.top of the list is fine",
        "Als wir ankamen war das Land.Am Abend gingen wir heim",
    ],
)
def test_sentences_glued_by_full_stops_are_not_links(check: Check, text: str) -> None:
    assert not check(text, first_message=True).flagged


@pytest.mark.parametrize(
    "text",
    [
        "free skins at skinsdrop.click",  # a bare throwaway domain, nothing glued around it
        "Cheap viewers at GrowFast.Com",  # a capital after the dot does not hide a .com
        "grab it at prizes.top now",
    ],
)
def test_a_bare_domain_in_an_ordinary_sentence_is_still_a_link(check: Check, text: str) -> None:
    assert check(text, first_message=True).flagged
