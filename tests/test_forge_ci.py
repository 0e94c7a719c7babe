"""The pipelines for the bureau's own forge (.gitlab-ci.yml; .gitea/ and .forgejo/workflows/publish.yml)
do what .github/workflows/publish.yml does: check and test every merge request, build and deploy
main and nightly. Their rules are evaluated here for each kind of event, and every shell line they
run is parsed by bash."""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml
from conftest import ROOT

GITLAB = ROOT / ".gitlab-ci.yml"
GITEA = ROOT / ".gitea" / "workflows" / "publish.yml"
FORGEJO = ROOT / ".forgejo" / "workflows" / "publish.yml"


def bash_parses(script: str) -> None:
    parsed = subprocess.run(["bash", "-n"], input=script, capture_output=True, text=True)
    assert parsed.returncode == 0, (script, parsed.stderr)


# --- GitLab ------------------------------------------------------------------------------------


def gitlab_condition(expression: str, variables: dict[str, str]) -> bool:
    """A GitLab `rules: if:` (only the forms these rules use: ==, !=, &&, ||, a bare $VAR)."""
    assert re.fullmatch(r"[\w$\"\s=!&|]*", expression), expression
    python = re.sub(r"\$(\w+)", lambda m: repr(variables.get(m.group(1)) or None), expression)
    python = python.replace("&&", " and ").replace("||", " or ")
    return bool(eval(python, {"__builtins__": {}}))  # noqa: S307 - our own expressions, checked above


def gitlab_runs(rules: list[dict] | None, variables: dict[str, str]) -> bool:
    if rules is None:
        return True
    for rule in rules:
        if "if" not in rule or gitlab_condition(rule["if"], variables):
            return rule.get("when", "on_success") != "never"
    return False


def gitlab_jobs(event: str, branch: str | None, deploy_target: str = "") -> set[str]:
    pipeline = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    variables = {"CI_PIPELINE_SOURCE": event, "CI_DEFAULT_BRANCH": "main", "DEPLOY_TARGET": deploy_target}
    if branch:
        variables["CI_COMMIT_BRANCH"] = branch
    if not gitlab_runs(pipeline["workflow"]["rules"], variables):
        return set()
    jobs = {name: job for name, job in pipeline.items() if isinstance(job, dict) and "stage" in job}
    return {name for name, job in jobs.items() if gitlab_runs(job.get("rules"), variables)}


@pytest.mark.parametrize(
    "event, branch, target, jobs",
    [
        ("merge_request_event", None, "web@swj:/var/www/", {"check", "test"}),
        ("push", "main", "", {"check", "test", "build"}),
        ("push", "main", "web@swj:/var/www/", {"check", "test", "build", "deploy"}),
        ("schedule", "main", "web@swj:/var/www/", {"check", "build", "deploy"}),
        ("push", "cms/enterprise/new-one", "web@swj:/var/www/", set()),  # the editor's branches: their merge requests
    ],
)
def test_gitlab_runs_the_right_jobs_for_each_event(event, branch, target, jobs):
    assert gitlab_jobs(event, branch, target) == jobs


def test_gitlab_jobs_check_test_build_and_deploy():
    pipeline = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert pipeline["check"]["script"] == ["make check"]
    assert pipeline["test"]["script"] == [".ci/run"]
    assert any("generator build --strict" in line for line in pipeline["build"]["script"])
    assert pipeline["deploy"]["script"][-1] == "make deploy" and pipeline["deploy"]["environment"] == "production"
    assert pipeline["variables"]["LANG"] == "C.UTF-8"  # the Chinese messages readable in the log
    for name, job in pipeline.items():
        if isinstance(job, dict):
            for line in job.get("before_script", []) + job.get("script", []):
                bash_parses(line)


# --- Gitea / Forgejo ---------------------------------------------------------------------------


def actions_condition(expression: str, event: str, variables: dict[str, str]) -> bool:
    """A step's `if:` (only the forms this workflow uses)."""
    assert re.fullmatch(r"[\w.'\s=!&|]*", expression), expression
    python = expression.replace("github.event_name", repr(event))
    python = re.sub(r"vars\.(\w+)", lambda m: repr(variables.get(m.group(1), "")), python)
    python = python.replace("&&", " and ").replace("||", " or ")
    return bool(eval(python, {"__builtins__": {}}))  # noqa: S307 - our own expressions, checked above


def actions_steps(event: str, variables: dict[str, str]) -> list[str]:
    workflow = yaml.safe_load(GITEA.read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    return [step["name"] for step in job["steps"] if "if" not in step or actions_condition(step["if"], event, variables)]


def test_gitea_and_forgejo_read_the_same_workflow():
    assert GITEA.read_bytes() == FORGEJO.read_bytes()


def test_gitea_triggers():
    workflow = yaml.safe_load(GITEA.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    assert triggers["schedule"] == [{"cron": "30 16 * * *"}]  # 00:30 in Beijing


@pytest.mark.parametrize(
    "event, target, steps",
    [
        ("pull_request", "web@swj:/var/www/", ["取出代码", "安装", "检查内容", "测试"]),
        ("push", "", ["取出代码", "安装", "检查内容", "测试", "构建（培训状态按今天的北京时间）"]),
        ("schedule", "web@swj:/var/www/", ["取出代码", "安装", "检查内容", "构建（培训状态按今天的北京时间）", "发布"]),
    ],
)
def test_gitea_runs_the_right_steps_for_each_event(event, target, steps):
    ran = actions_steps(event, {"DEPLOY_TARGET": target})
    assert [name.split("到")[0] for name in ran] == steps


def test_gitea_uses_no_action_from_another_host_and_its_shell_parses():
    workflow = yaml.safe_load(GITEA.read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    assert all("uses" not in step for step in job["steps"])  # an intranet runner cannot fetch them
    runs = {step["name"]: step["run"] for step in job["steps"]}
    assert runs["检查内容"] == "make check" and runs["测试"] == ".ci/run"
    assert "make deploy" in next(run for name, run in runs.items() if name.startswith("发布"))
    for run in runs.values():
        bash_parses(run)
