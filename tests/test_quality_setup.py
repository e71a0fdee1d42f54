"""The project's set-up and CI files: valid, complete, and saying what they should.

No network and no installing here: these tests read the files. That the set-up
really works is what ``.ci/run`` proves by running it in a clean clone.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from importlib.metadata import packages_distributions

import pytest
import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
#: Folders whose Python files must import only what requirements.txt installs.
PYTHON_SOURCES = ("plugins", "tests", "benchmarks", "scripts")


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text("utf-8"))


def steps(job: dict) -> list[dict]:
    return job["steps"]


def runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(job))


def uses(job: dict) -> list[str]:
    return [step["uses"] for step in steps(job) if "uses" in step]


def test_workflow_runs_on_push_pull_request_and_nightly(workflow):
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads "on" as true
    assert {"push", "pull_request", "schedule", "workflow_dispatch"} <= set(triggers)
    (cron,) = [entry["cron"] for entry in triggers["schedule"]]
    minute, hour, *rest = cron.split()
    assert rest == ["*", "*", "*"] and minute.isdigit() and hour.isdigit()
    assert workflow["permissions"] == {"contents": "read"}


def test_build_job_tests_builds_and_checks_like_the_readme(workflow):
    job = workflow["jobs"]["build"]
    assert (
        "bookworm" in job["container"]["image"] and "3.11" in job["container"]["image"]
    )
    commands = runs(job)
    assert "apt-get install" in commands and "chromium" in commands
    assert "default-jre-headless" in commands
    order = [
        "bash scripts/bootstrap test",
        "invoke publish",
        "invoke check",
    ]
    positions = [commands.index(command) for command in order]
    assert positions == sorted(positions)
    assert "actions/checkout@v4" in uses(job)
    assert "playwright install" not in WORKFLOW.read_text("utf-8")


def test_pull_requests_get_a_preview_and_the_translation_report(workflow):
    job = workflow["jobs"]["build"]
    report = next(s for s in steps(job) if "GITHUB_STEP_SUMMARY" in s.get("run", ""))
    assert "invoke report" in report["run"]
    assert "if" not in report  # on every run, pull requests included
    preview = next(
        s for s in steps(job) if s.get("uses", "").startswith("actions/upload-artifact")
    )
    assert preview["with"]["path"] == "output/"
    assert "pull_request" in preview["if"]


def test_pull_requests_are_previewed_at_an_address_and_removed_when_closed(workflow):
    jobs = workflow["jobs"]
    build = jobs["build"]
    assert "closed" in workflow.get("on", workflow.get(True))["pull_request"]["types"]
    assert build["if"] == "github.event.action != 'closed'"
    assert build["permissions"]["statuses"] == "write"
    publish = next(s for s in steps(build) if "invoke publish" in s.get("run", ""))
    assert publish["env"]["SITE_PROBLEM_FORMAT"] == "github"
    preview = next(s for s in steps(build) if s.get("id") == "preview")
    assert "pr-$NUMBER" in preview["run"] and "SITEURL=" in preview["run"]
    assert preview["env"]["PREVIEWS_TOKEN"] == "${{ secrets.PREVIEWS_TOKEN }}"
    status = next(s for s in steps(build) if "/statuses/" in s.get("run", ""))
    assert "site-preview" in status["run"]  # the context the interface looks for
    remove = jobs["remove-preview"]
    assert "closed" in remove["if"] and 'rm -q -r "pr-$NUMBER"' in runs(remove)


def test_main_deploys_to_pages_unless_rsync_is_chosen(workflow):
    jobs = workflow["jobs"]
    pages, rsync = jobs["deploy-pages"], jobs["deploy-rsync"]
    for job in (pages, rsync):
        assert job["needs"] == "build"
        assert "refs/heads/main" in job["if"] and "pull_request" in job["if"]
    assert pages["permissions"] == {"pages": "write", "id-token": "write"}
    assert pages["environment"]["name"] == "github-pages"
    assert uses(pages) == ["actions/deploy-pages@v4"]
    build_uses = uses(jobs["build"])
    assert "actions/upload-pages-artifact@v3" in build_uses
    assert "DEPLOY_TARGET" in pages["if"] and "'pages'" in pages["if"]
    assert "vars.DEPLOY_TARGET == 'rsync'" in rsync["if"]
    script = runs(rsync)
    assert "rsync " in script and "--delete" in script
    env = next(s for s in steps(rsync) if "run" in s)["env"]
    for secret in ("RSYNC_HOST", "RSYNC_USER", "RSYNC_PATH", "SSH_PRIVATE_KEY"):
        assert env[secret] == f"${{{{ secrets.{secret} }}}}"


def test_every_action_is_pinned_to_a_version(workflow):
    for name, job in workflow["jobs"].items():
        for action in uses(job):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", action), (name, action)


@pytest.mark.parametrize("script", ["scripts/bootstrap", ".ci/run"])
def test_shell_scripts_are_strict_executable_bash(script):
    path = ROOT / script
    text = path.read_text("utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    assert path.stat().st_mode & 0o111
    subprocess.run(["bash", "-n", str(path)], check=True)
    assert "playwright install" not in text.replace("never `playwright install`", "")


def test_ci_runs_exactly_the_readme_test_command():
    text = (ROOT / ".ci" / "run").read_text("utf-8")
    commands = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert commands[-1].startswith("exec bash scripts/bootstrap test")


def test_bootstrap_installs_the_test_tools_from_debian_and_npm():
    text = (ROOT / "scripts" / "bootstrap").read_text("utf-8")
    for package in ("chromium", "default-jre-headless", "python3-venv", "npm"):
        assert re.search(rf"apt_install {package}\b", text), package
    assert "npm ci --ignore-scripts" in text
    assert "requirements.txt" in text
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "bootstrap")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "bootstrap serve" in result.stderr and "bootstrap test" in result.stderr


def test_package_json_pins_vnu_and_matches_its_lock():
    package = json.loads((ROOT / "package.json").read_text("utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text("utf-8"))
    dev = package["devDependencies"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", dev["vnu-jar"])
    assert lock["packages"][""]["devDependencies"] == dev
    for name, version in dev.items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


def _requirements() -> dict[str, str]:
    pinned = {}
    for line in (ROOT / "requirements.txt").read_text("utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"requirements.txt: {line} is not pinned with =="
            pinned[_normal(name.split("[")[0])] = version
    return pinned


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imported_modules() -> dict[str, str]:
    """Top-level module → first file importing it, over the project's Python."""
    files = [ROOT / "tasks.py", ROOT / "pelicanconf.py", ROOT / "publishconf.py"]
    for folder in PYTHON_SOURCES:
        files += sorted((ROOT / folder).rglob("*.py"))
    found: dict[str, str] = {}
    for file in files:
        tree = ast.parse(file.read_text("utf-8"), str(file))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], str(file.relative_to(ROOT)))
    return found


def _local_modules() -> set[str]:
    local = {path.name for path in (ROOT / "plugins").iterdir() if path.is_dir()}
    local |= {"tests", "scripts", "benchmarks", "tasks", "pelicanconf", "publishconf"}
    for folder in ("tests", "benchmarks", "scripts"):
        local |= {path.stem for path in (ROOT / folder).rglob("*.py")}
    return local


def test_requirements_pin_every_package_the_project_imports():
    pinned = _requirements()
    distributions = packages_distributions()
    local = _local_modules()
    missing = []
    for module, where in sorted(_imported_modules().items()):
        if module in sys.stdlib_module_names or module in local:
            continue
        names = distributions.get(module)
        if not names:
            missing.append(f"{module} (imported in {where}) is not installed")
        elif not any(_normal(name) in pinned for name in names):
            missing.append(f"{module} (imported in {where}) comes from {names}")
    assert not missing, "requirements.txt lacks:\n" + "\n".join(missing)
