"""Normalisation: one canonical spelling for look-alikes, invisibles, spaced letters and hidden domains."""

from __future__ import annotations

import pytest

from chronicler.domain.warden import normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cheap VIEWERS", "cheap viewers"),
        ("  lots   of\tspace \n", "lots of space"),
        ("ｆｏｌｌｏｗｅｒｓ", "followers"),  # fullwidth
        ("𝐟𝐫𝐞𝐞 𝐯𝐢𝐞𝐰𝐞𝐫𝐬", "free viewers"),  # mathematical bold
        ("Ⓥⓘⓔⓦⓔⓡⓢ", "viewers"),  # circled letters
        ("ﬁnd", "find"),  # ligature
    ],
)
def test_compatibility_forms_become_plain_letters(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vіеwеrs", "viewers"),  # Cyrillic і and е
        ("ВUY FОLLОWЕRS", "buy followers"),  # Cyrillic В, О, Е
        ("ρrimes", "primes"),  # Greek rho
        ("fοllοw", "follow"),  # Greek omicron
        ("ꜰʀᴇᴇ ᴠɪᴇᴡᴇʀꜱ", "free viewers"),  # small capitals
        ("🇫🇷🇪🇪", "free"),  # regional indicator letters
    ],
)
def test_look_alike_letters_map_to_latin(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fol\u200blow\u200bers", "followers"),  # zero-width space
        ("vie\u200dwers", "viewers"),  # zero-width joiner
        ("\ufeffsubscribe", "subscribe"),  # byte order mark
        ("buy\u00adfollowers", "buyfollowers"),  # soft hyphen
        ("same text \U000e0000", "same text"),  # Chatterino's duplicate-bypass character
        ("z̷a̷l̷g̷o̷ v̶i̶e̶w̶s̶", "zalgo views"),  # combining strokes
        ("caf\u0065\u0301", "cafe"),  # decomposed accent
        ("déjà vu", "deja vu"),
    ],
)
def test_invisible_characters_and_combining_marks_are_removed(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("s t r e a m", "stream"),
        ("b u y  v i e w e r s", "buy viewers"),
        ("v.i.e.w.e.r.s", "viewers"),
        ("f-o-l-l-o-w", "follow"),
        ("p_r_i_m_e_s", "primes"),
        ("F O L L O W E R S on my page", "followers on my page"),
        ("s t r e a m b o o . c o m", "streamboo.com"),
    ],
)
def test_spaced_and_dotted_letters_are_joined(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("streamboo(dot)com", "streamboo.com"),
        ("streamboo (dot) com", "streamboo.com"),
        ("streamboo[.]com", "streamboo.com"),
        ("streamboo [ . ] com", "streamboo.com"),
        ("streamboo{dot}com", "streamboo.com"),
        ("streamboo .com", "streamboo.com"),
        ("streamboo. com", "streamboo.com"),
        ("streamboo . com", "streamboo.com"),
        ("streamboo dot com", "streamboo.com"),
        ("bit(.)ly/abc", "bit.ly/abc"),
        ("www . scam-site . net", "www.scam-site.net"),
        ("discord . gg/abc", "discord.gg/abc"),
        ("cheap viewers on streamboo .tv", "cheap viewers on streamboo.tv"),
    ],
)
def test_obfuscated_domains_are_put_back_together(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "that was insane LUL",
        "nice. gg",  # "gg" is a word here, not a top-level domain
        "I have a P.hd in movies",
        "2.5 OMEGALUL",
        "dota 2 is free to play",
        "강남스타일",
        "e.g. this",
    ],
)
def test_ordinary_chat_keeps_its_words(text: str) -> None:
    assert normalize(text) == " ".join(text.lower().split())


def test_ellipses_separate_words() -> None:
    assert normalize("....subscribe......  ......to my........channel") == "subscribe to my channel"


def test_html_escapes_are_decoded() -> None:
    assert normalize("i&#39;ll sub back &amp; more") == "i'll sub back & more"


def test_normalising_twice_changes_nothing() -> None:
    once = normalize("Ｂuy v.i.e.w.e.r.s at streamboo (dot) com")
    assert normalize(once) == once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("add me on Dis cord", "add me on discord"),
        ("add me on Dis       cord", "add me on discord"),
        ("hit me up on Disc 0rd", "hit me up on discord"),
        ("add me on Dls cord", "add me on discord"),
        ("add me on dis-cord", "add me on discord"),
        ("add me on Dis.cord:", "add me on discord:"),
        ("connect with me onDis. cord", "connect with me on discord"),
        ("hit me up on Disrd", "hit me up on discord"),
        ("add me on Dis c0rd", "add me on discord"),
        ("my D1scord", "my discord"),
        ("Hit mé up", "hit me up"),  # an accent on a look-alike
        ("Аdd mе оn Discord", "add me on discord"),  # Cyrillic А, е, о
        ("I’m here, let’s go", "i'm here, let's go"),  # typographic apostrophes
    ],
)
def test_a_broken_up_discord_and_look_alikes_read_plainly(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    "text",
    ["this disorder is rough", "discard that card", "dlscord.gg/nitro", "disc golf", "she dissed the record"],
)
def test_words_that_only_look_like_discord_stay_as_they_are(text: str) -> None:
    assert normalize(text) == text.lower()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("viewers at growfast dott com", "viewers at growfast.com"),
        ("viewers at growfast d0t com", "viewers at growfast.com"),
        ("viewers at growfast (d0t) net", "viewers at growfast.net"),
        ("growfast . c om (remove the space)", "growfast.com (remove the space)"),
        ("growfast .store ( remove the spaces )", "growfast.store ( remove the spaces )"),
        ("g r o w f a s t . n e t remove all spaces", "growfast.net remove all spaces"),
        ("g*rowfast*com", "growfast.com"),
        ("growfast*net", "growfast.net"),
    ],
)
def test_dots_written_as_words_spaces_and_stars_are_put_back(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_spaces_stay_where_nobody_asked_to_remove_them() -> None:
    assert normalize("see you . c om") == "see you . c om"
    assert normalize("look . at this") == "look . at this"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("use code WIN on skinprizes com for coins", "use code win on skinprizes.com for coins"),
        ("visit growfast net today", "visit growfast.net today"),
    ],
)
def test_a_dropped_dot_after_a_pointing_word_is_put_back(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize("text", ["vou jogar games com o time", "das geht net so", "the dot com bubble"])
def test_com_and_net_as_words_stay_words(text: str) -> None:
    assert normalize(text) == text
