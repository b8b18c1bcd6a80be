"""The Pages workflow: least privilege per job, every action pinned, no expression inside a script, the release after the deploy."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from builder.addresses import OFFLINE_ARCHIVE
from builder.pipeline import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PAGES = WORKFLOWS / "pages.yml"
# An action pinned to a full commit, its release's tag in the comment beside it.
PINNED = re.compile(r"^\s*-?\s*uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(?:\.\d+)*$")


def workflow() -> dict:
    return yaml.safe_load(PAGES.read_text("utf-8"))


def linter(name: str) -> str | None:
    """The linter installed beside this Python (the project's pinned one), else on the PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def test_no_permission_by_default_and_only_the_release_job_writes_the_repository():
    flow = workflow()
    assert flow["permissions"] == {}
    jobs = flow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["release"]["permissions"] == {"contents": "write"}


def test_the_release_comes_after_the_deploy_and_publishes_the_build_jobs_files_as_latest():
    jobs = workflow()["jobs"]
    assert jobs["deploy"]["needs"] == "build" and jobs["release"]["needs"] == "deploy"
    build_runs = "\n".join(step.get("run", "") for step in jobs["build"]["steps"])
    assert "--release dist/release" in build_runs and f"--archive dist/release/{OFFLINE_ARCHIVE}" in build_runs
    assert f"_site/{OFFLINE_ARCHIVE}" not in build_runs  # the zip is no longer served from the site
    kept = next(step for step in jobs["build"]["steps"] if step.get("with", {}).get("path") == "dist/release/")
    fetched = next(step for step in jobs["release"]["steps"] if "download-artifact" in step.get("uses", ""))
    assert kept["with"]["name"] == fetched["with"]["name"]
    publish = next(step for step in jobs["release"]["steps"] if "gh release create" in step.get("run", ""))
    assert "--latest" in publish["run"] and publish["env"] == {"GH_TOKEN": "${{ github.token }}"}


def test_every_action_is_pinned_to_a_commit_with_its_tag_in_a_comment():
    uses = [line for line in PAGES.read_text("utf-8").splitlines() if re.match(r"^\s*-?\s*uses:", line)]
    assert uses and [line for line in uses if not PINNED.match(line)] == []


def test_no_expression_is_written_into_a_script():
    for name, job in workflow()["jobs"].items():
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), (name, step.get("name"))


@pytest.mark.parametrize("command", [
    ["actionlint", "-shellcheck=", "-pyflakes=", str(PAGES)],
    ["zizmor", "--offline", "--quiet", str(WORKFLOWS)],
])
def test_the_workflow_linters_find_nothing(command):
    found = linter(command[0])
    if found is None:
        pytest.skip(f"{command[0]} is not installed (make test installs it)")
    done = subprocess.run([found, *command[1:]], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
