"""Checks on the CI entry point and the GitHub Actions workflows.

The linters (check-jsonschema, zizmor) are pinned in the test extras and are
looked up next to the running interpreter, so they come from the project venv.
Both run without network: check-jsonschema's vendor schemas ship in the package
and zizmor runs with --offline.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS_DIR = ROOT / ".github" / "workflows"
CI_RUN = ROOT / ".ci" / "run"
BIN = Path(sys.executable).parent

PROJECT_WORKFLOWS_DIR = ROOT / "digest" / "skeleton" / "github" / "workflows"
"""The workflow `digest init` writes into a new project (held to the same rules)."""

WORKFLOWS = sorted(
    p
    for folder in (WORKFLOWS_DIR, PROJECT_WORKFLOWS_DIR)
    for p in folder.glob("*")
    if p.is_file() and p.suffix in {".yml", ".yaml"}
)

USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>[^\s#]+)(?P<rest>.*)$")
PINNED_REF = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"#\s*v\d+\.\d+\.\d+\s*$")


def _tool(name: str) -> Path:
    exe = BIN / name
    if not exe.exists():
        pytest.skip(f"{name} not found next to {sys.executable}; install the [test] extras")
    return exe


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


def test_repository_has_workflows():
    assert WORKFLOWS, f"no workflow files in {WORKFLOWS_DIR}"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_workflow_validates_against_github_schema(workflow: Path):
    exe = _tool("check-jsonschema")
    result = _run(exe, "--builtin-schema", "vendor.github-workflows", workflow)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_reports_no_medium_or_high_findings():
    exe = _tool("zizmor")
    result = _run(
        exe,
        "--offline",
        "--min-severity",
        "medium",
        "--format",
        "json",
        "--no-progress",
        *WORKFLOWS,
    )
    try:
        findings = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"zizmor gave no JSON (exit {result.returncode}):\n{result.stderr}")
    summary = [f"{f.get('ident')}: {f.get('determinations', {}).get('severity')}" for f in findings]
    assert findings == [], "zizmor findings:\n" + "\n".join(summary)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_workflow_pins_every_action_to_a_commit_sha(workflow: Path):
    unpinned = []
    for lineno, line in enumerate(workflow.read_text(encoding="utf-8").splitlines(), 1):
        match = USES_LINE.match(line)
        if not match or match["ref"].startswith("./"):
            continue
        if not PINNED_REF.match(match["ref"]) or not VERSION_COMMENT.search(match["rest"]):
            unpinned.append(f"{workflow.name}:{lineno}: {line.strip()}")
    assert not unpinned, "uses: must be owner/repo@<40-hex sha> # vX.Y.Z\n" + "\n".join(unpinned)


def test_ci_run_calls_make_test():
    lines = [
        line.split("#", 1)[0].strip() for line in CI_RUN.read_text(encoding="utf-8").splitlines()
    ]
    assert "make test" in lines, f"{CI_RUN} must run `make test`"
