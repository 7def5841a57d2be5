"""Sign-in configuration: environment first, else the settings file the Settings dialog writes."""

from __future__ import annotations

import json

import pytest

from walletdesk.auth.config import (
    ENV_CLIENT_ID,
    ENV_ISSUER,
    ENV_REDIRECT_URI,
    PROMPT_AUTO,
    clear_config,
    load_config,
    save_config,
    settings_path,
)
from walletdesk.auth.redirect import DEFAULT_REDIRECT_URI, RedirectTarget, redirect_target
from walletdesk.core.errors import SignInNotConfiguredError, ValidationError
from walletdesk.paths import AppPaths

ISSUER = "https://quiet-otter-12.clerk.accounts.dev"


def test_nothing_configured_means_local_profile(paths: AppPaths) -> None:
    assert load_config(paths, {}) is None


def test_environment_configures_sign_in(paths: AppPaths) -> None:
    config = load_config(paths, {ENV_ISSUER: ISSUER + "/", ENV_CLIENT_ID: "abc123"})
    assert config is not None
    assert (config.issuer, config.client_id, config.source) == (ISSUER, "abc123", "environment")


def test_environment_wins_over_saved_settings(paths: AppPaths) -> None:
    save_config(paths, "https://saved.clerk.accounts.dev", "saved")
    config = load_config(paths, {ENV_ISSUER: ISSUER, ENV_CLIENT_ID: "env"})
    assert config is not None and config.client_id == "env"


def test_half_an_environment_configuration_is_refused_with_what_to_set(paths: AppPaths) -> None:
    with pytest.raises(SignInNotConfiguredError, match=ENV_CLIENT_ID):
        load_config(paths, {ENV_ISSUER: ISSUER})


def test_saved_settings_round_trip_and_keep_other_settings(paths: AppPaths) -> None:
    paths.data_dir.mkdir(parents=True)
    settings_path(paths).write_text(json.dumps({"theme": "dark"}))
    saved = save_config(paths, f"  {ISSUER}/ ", " client_1 ")
    loaded = load_config(paths, {})
    assert loaded == saved
    assert (saved.issuer, saved.client_id, saved.source) == (ISSUER, "client_1", "settings")
    assert json.loads(settings_path(paths).read_text())["theme"] == "dark"


def test_clearing_settings_turns_sign_in_off(paths: AppPaths) -> None:
    save_config(paths, ISSUER, "client_1")
    clear_config(paths)
    assert load_config(paths, {}) is None


@pytest.mark.parametrize(
    ("issuer", "client_id", "field"),
    [
        ("http://example.com", "abc", "issuer"),  # plain http off this machine
        ("clerk.example.com", "abc", "issuer"),
        ("https://x.clerk.accounts.dev?next=1", "abc", "issuer"),
        ("", "abc", "issuer"),
        (ISSUER, "", "client_id"),
        (ISSUER, "two words", "client_id"),
    ],
)
def test_unusable_settings_are_refused_naming_the_field(
    paths: AppPaths, issuer: str, client_id: str, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        save_config(paths, issuer, client_id)
    assert caught.value.field == field
    assert not settings_path(paths).exists()


def test_plain_http_is_allowed_on_this_machine_only(paths: AppPaths) -> None:
    assert save_config(paths, "http://127.0.0.1:8080", "abc").issuer == "http://127.0.0.1:8080"


def test_a_damaged_settings_file_is_reported_not_ignored(paths: AppPaths) -> None:
    paths.data_dir.mkdir(parents=True)
    settings_path(paths).write_text("{not json")
    with pytest.raises(SignInNotConfiguredError, match="damaged"):
        load_config(paths, {})


def test_saving_in_settings_repairs_a_damaged_settings_file(paths: AppPaths) -> None:
    paths.data_dir.mkdir(parents=True)
    settings_path(paths).write_text("{not json")
    assert save_config(paths, ISSUER, "abc") == load_config(paths, {})


def test_prompt_is_decided_automatically_unless_the_settings_say_otherwise(
    paths: AppPaths,
) -> None:
    save_config(paths, ISSUER, "abc")
    config = load_config(paths, {})
    assert config is not None and config.prompt == PROMPT_AUTO
    for stored, expected in (("consent", "consent"), (None, None)):
        settings = json.loads(settings_path(paths).read_text())
        settings["clerk"]["prompt"] = stored
        settings_path(paths).write_text(json.dumps(settings))
        config = load_config(paths, {})
        assert config is not None and config.prompt == expected


def test_the_redirect_uri_defaults_to_the_fixed_port_users_register(paths: AppPaths) -> None:
    config = load_config(paths, {ENV_ISSUER: ISSUER, ENV_CLIENT_ID: "abc"})
    assert config is not None and config.redirect_uri == DEFAULT_REDIRECT_URI
    assert redirect_target(DEFAULT_REDIRECT_URI).port == 28943


def test_the_redirect_uri_comes_from_the_environment_first_then_settings(
    paths: AppPaths,
) -> None:
    saved = save_config(paths, ISSUER, "abc", "http://127.0.0.1:40000/callback")
    assert saved.redirect_uri == "http://127.0.0.1:40000/callback"
    assert load_config(paths, {}) == saved
    env = {ENV_ISSUER: ISSUER, ENV_CLIENT_ID: "abc",
           ENV_REDIRECT_URI: "http://127.0.0.1:41000/oauth"}
    config = load_config(paths, env)
    assert config is not None and config.redirect_uri == "http://127.0.0.1:41000/oauth"
    assert redirect_target(config.redirect_uri) == RedirectTarget(41000, "/oauth")


def test_a_redirect_uri_without_a_port_means_any_free_port() -> None:
    assert redirect_target("http://127.0.0.1/callback") == RedirectTarget(None, "/callback")


@pytest.mark.parametrize(
    ("uri", "words"),
    [
        ("https://127.0.0.1:28943/callback", "must start with http://127.0.0.1"),
        ("http://localhost:28943/callback", "instead of localhost"),
        ("http://192.168.1.2:28943/callback", "point at this computer"),
        ("http://127.0.0.1:80/callback", "from 1024 to 65535"),
        ("http://127.0.0.1:99999/callback", "not a number from 1024"),
        ("http://127.0.0.1:28943", "needs a path"),
        ("http://127.0.0.1:28943/callback?x=1", "no query"),
    ],
)
def test_an_unusable_redirect_uri_is_refused_in_settings_and_environment(
    paths: AppPaths, uri: str, words: str
) -> None:
    with pytest.raises(ValidationError, match=words) as caught:
        save_config(paths, ISSUER, "abc", uri)
    assert caught.value.field == "redirect_uri"
    with pytest.raises(SignInNotConfiguredError, match=f"{ENV_REDIRECT_URI}: .*{words}"):
        load_config(paths, {ENV_ISSUER: ISSUER, ENV_CLIENT_ID: "abc", ENV_REDIRECT_URI: uri})
