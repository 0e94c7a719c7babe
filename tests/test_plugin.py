"""The MkDocs side in one plugin object (generator/assemble/plugin.py): its switches, its state kept on
the object between the rebuilds of `mkdocs serve`, and `generator build` going through it."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ROOT, TODAY, make_project, run_cli

from generator.assemble.plugin import CampaignPlugin


def _plugin(config_file, **options):
    from mkdocs.config import load_config

    config = load_config(str(config_file), **options)
    return config, CampaignPlugin.of(config)


@pytest.mark.parametrize("value", ["off", "false", "no", "0"])
def test_the_shells_switch_a_person_sets_is_read_by_mkdocs_yml(monkeypatch, value):
    monkeypatch.delenv("CAMPAIGN_SHELLS", raising=False)
    monkeypatch.delenv("CAMPAIGN_TODAY", raising=False)
    _, plugin = _plugin(ROOT / "mkdocs.yml")
    assert plugin.config.shells is True and plugin.config.today is None
    monkeypatch.setenv("CAMPAIGN_SHELLS", value)
    monkeypatch.setenv("CAMPAIGN_TODAY", "2027-01-31")
    _, plugin = _plugin(ROOT / "mkdocs.yml")
    assert plugin.config.shells is False and plugin.today() == dt.date(2027, 1, 31)


def test_serve_keeps_its_state_on_the_one_plugin_between_rebuilds(tmp_path, valid_content, monkeypatch):
    """As `mkdocs serve` does: the configuration loaded anew for each rebuild, the plugin kept. A
    record deleted between rebuilds leaves the pages the shells know of (no list that only grows)."""
    from mkdocs.commands.build import build

    monkeypatch.delenv("CAMPAIGN_SHELLS", raising=False)
    project = make_project(tmp_path, valid_content.root)
    site = tmp_path / "served"
    config, plugin = _plugin(project / "mkdocs.yml", site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    plugin.config.today = TODAY
    build(config)
    assert "trainings/weidian-rumen.md" in plugin.shells.outside_nav
    assert (site / "trainings" / "weidian-rumen" / "index.html").is_file()
    assert config.extra["search_preview"] is True  # the preview's search says it has no index
    preview = plugin.preview
    assert preview is not None

    (project / "content" / "trainings" / "weidian-rumen.yaml").unlink()
    config, again = _plugin(project / "mkdocs.yml", site_dir=str(site))
    assert again is plugin and plugin.preview is preview  # the same object, its preview kept
    plugin.config.today = TODAY
    build(config)
    assert "trainings/weidian-rumen.md" not in plugin.shells.outside_nav
    assert "enterprises/lunan-nongpin.md" in plugin.shells.outside_nav
    assert not (site / "trainings" / "weidian-rumen").exists()
    config.plugins.on_shutdown()


def test_generator_build_needs_the_plugin_named_in_mkdocs_yml(tmp_path, valid_content):
    project = make_project(tmp_path, valid_content.root)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("  - campaign:")] + text[text.index("\nmarkdown_extensions:") :], encoding="utf-8")
    failed = run_cli("build", "--today", TODAY.isoformat(), cwd=project)
    assert failed.returncode == 1
    assert "mkdocs.yml 的 plugins: 里没有 campaign" in failed.stderr and "原有的 site/ 保持不变" in failed.stderr
    assert "Traceback" not in failed.stderr and not (project / "site").exists()
