"""Config keys: only keys something reads; ``healthlint init`` writes valid ones."""

from __future__ import annotations

import tomllib

import pytest

from healthlint.cli import INIT_TEMPLATE
from healthlint.config import Config, ConfigError, config_from_mapping


def test_removed_grammar_key_is_an_unknown_key():
    with pytest.raises(ConfigError, match="unknown key 'grammar'"):
        config_from_mapping({"grammar": {"mode": "off"}})


def test_init_template_writes_only_known_keys():
    table = tomllib.loads(INIT_TEMPLATE.format(prefix=""))
    assert set(table) <= set(Config.model_fields), set(table) - set(Config.model_fields)
    config_from_mapping(table)  # and valid values
