"""Contract tests: schemathesis over a running process's OpenAPI document."""

import subprocess
import sys
from pathlib import Path

CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
    ]
)


def run_schemathesis(
    base_url: str,
    *,
    max_examples: int = 25,
    headers: dict[str, str] | None = None,
    extra_args: list[str] | None = None,
    timeout_s: float = 900,
) -> subprocess.CompletedProcess[str]:
    """Run ``schemathesis run`` against ``base_url/openapi.json``; returns the finished process."""
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        f"{base_url}/openapi.json",
        "--checks",
        CHECKS,
        "--max-examples",
        str(max_examples),
        "--seed",
        "1",
        "--request-timeout",
        "60",
        "--generation-deterministic",
    ]
    for name, value in (headers or {}).items():
        command += ["--header", f"{name}: {value}"]
    command += extra_args or []
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout_s, check=False)


def assert_contract_holds(result: subprocess.CompletedProcess[str]) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
