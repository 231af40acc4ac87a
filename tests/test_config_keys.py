"""Config keys: only keys something reads; ``healthlint init`` writes valid ones."""

from __future__ import annotations

import tomllib

import pytest

from healthlint.cli import INIT_TEMPLATE
from healthlint.config import Config, ConfigError, config_from_mapping


def test_grammar_table_is_read_and_validated():
    cfg = config_from_mapping({"grammar": {"mode": "off", "timeout": 2.5}})
    assert cfg.grammar.mode == "off" and cfg.grammar.timeout == 2.5
    assert config_from_mapping({"grammar": {"mode": "http://127.0.0.1:8081"}}).grammar.mode.startswith("http://")
    with pytest.raises(ConfigError, match="unknown key 'grammar.engine'"):
        config_from_mapping({"grammar": {"engine": "off"}})
    with pytest.raises(ConfigError, match="grammar.mode"):
        config_from_mapping({"grammar": {"mode": "sometimes"}})


def test_init_template_writes_only_known_keys():
    table = tomllib.loads(INIT_TEMPLATE.format(prefix=""))
    assert set(table) <= set(Config.model_fields), set(table) - set(Config.model_fields)
    config_from_mapping(table)  # and valid values
