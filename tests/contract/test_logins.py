"""The one Twitch-login rule: what is a login, and how a handle typed by a person becomes one."""

from __future__ import annotations

import pytest

from chronicler.contract import commands
from chronicler.contract.logins import is_login, normalize_login


@pytest.mark.parametrize("text", ["pixel_wren", "a", "x" * 25, "42", "_"])
def test_a_login_is_1_to_25_lower_case_letters_digits_or_underscores(text: str) -> None:
    assert is_login(text)


@pytest.mark.parametrize(
    "text", ["", "x" * 26, "Pixel_Wren", "pixel-wren", "two words", " pixel", "#pixel", "風ファン"]
)
def test_anything_else_is_not_a_login_as_it_stands(text: str) -> None:
    assert not is_login(text)


@pytest.mark.parametrize(
    "written",
    [
        "pixel_wren",
        "  Pixel_Wren ",
        "@pixel_wren",
        "#PIXEL_WREN",
        "twitch.tv/pixel_wren",
        "https://www.twitch.tv/Pixel_Wren/videos?x=1",
    ],
)
def test_handles_are_normalized_to_the_login(written: str) -> None:
    assert normalize_login(written) == "pixel_wren"


@pytest.mark.parametrize("written", ["", "@", "pixel-wren", "x" * 26, "風ファン", "twitch.tv/"])
def test_what_names_no_login_is_a_value_error_quoting_it(written: str) -> None:
    with pytest.raises(ValueError, match="is not a Twitch login"):
        normalize_login(written)


def test_the_command_schema_uses_the_same_rule() -> None:
    assert commands.normalize_login is normalize_login
    assert (
        commands.Command(interaction_type="flags", action="list", username="@Spammer123").username
        == "spammer123"
    )
