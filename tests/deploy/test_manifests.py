"""The deployment files hold together: every YAML parses, every Kubernetes object is valid for
its schema, kustomizations list every file, and compose, the Dockerfile and the manifests agree
with the services' settings (ports, environment variables, migrations)."""

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml
from pydantic import AliasChoices
from pydantic_settings import BaseSettings

from common.migrate import SERVICES
from gateway.settings import GatewaySettings
from services.disclosure.settings import DisclosureSettings
from services.parties.settings import PartiesSettings
from services.screening.settings import ScreeningSettings
from tests.support.processes import REPO

DEPLOY = REPO / "deploy"
K8S_VERSION = "1.37.0"
SETTINGS: dict[str, type[BaseSettings]] = {
    "parties": PartiesSettings,
    "screening": ScreeningSettings,
    "disclosure": DisclosureSettings,
    "gateway": GatewaySettings,
}
PATCH_FILES = {"parties-lists-volume.yaml", "config.yaml"}


def env_names(settings: type[BaseSettings]) -> set[str]:
    """Every environment variable a settings class reads."""
    prefix = str(settings.model_config.get("env_prefix", ""))
    names = set()
    for name, field in settings.model_fields.items():
        alias = field.validation_alias
        if isinstance(alias, AliasChoices):
            names |= {choice.upper() for choice in alias.choices if isinstance(choice, str)}
        elif isinstance(alias, str):
            names.add(alias.upper())
        else:
            names.add(f"{prefix}{name}".upper())
    return names


ALL_ENV_NAMES = set().union(*(env_names(s) for s in SETTINGS.values()))


def default_port(service: str) -> int:
    return int(SETTINGS[service].model_fields["port"].default)


def yaml_files() -> list[Path]:
    return [*sorted(DEPLOY.rglob("*.yaml")), REPO / "docker-compose.yml"]


def documents(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc is not None]


def kubernetes_objects() -> list[tuple[Path, dict[str, Any]]]:
    return [
        (path, doc)
        for path in sorted(DEPLOY.rglob("*.yaml"))
        if path.name != "kustomization.yaml" and path.name not in PATCH_FILES
        for doc in documents(path)
    ]


def base_objects(kind: str) -> dict[str, dict[str, Any]]:
    return {
        doc["metadata"]["name"]: doc
        for path, doc in kubernetes_objects()
        if doc["kind"] == kind and path.parent.name == "base"
    }


@pytest.mark.parametrize("path", yaml_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_yaml_file_parses(path):
    assert documents(path), f"{path} is empty"


@pytest.mark.parametrize(
    "path,obj",
    kubernetes_objects(),
    ids=lambda value: value.name if isinstance(value, Path) else value["kind"],
)
def test_every_kubernetes_object_matches_its_schema(path, obj):
    kubernetes_validate.validate(obj, K8S_VERSION, strict=True)


def test_each_kustomization_lists_every_file_in_its_directory():
    for kustomization in DEPLOY.rglob("kustomization.yaml"):
        spec = yaml.safe_load(kustomization.read_text())
        listed = {r for r in spec.get("resources", []) if not r.startswith("..")}
        listed |= {patch["path"] for patch in spec.get("patches", [])}
        present = {p.name for p in kustomization.parent.glob("*.yaml")} - {"kustomization.yaml"}
        assert listed == present, kustomization


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl is not installed")
@pytest.mark.parametrize("overlay", ["base", "overlays/production"])
def test_the_rendered_kustomizations_are_valid(overlay):
    rendered = subprocess.run(
        ["kubectl", "kustomize", str(DEPLOY / overlay)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    objects = [doc for doc in yaml.safe_load_all(rendered) if doc]
    assert {obj["kind"] for obj in objects} >= {"Deployment", "Service", "Job", "ConfigMap"}
    for obj in objects:
        kubernetes_validate.validate(obj, K8S_VERSION, strict=True)


def test_deployments_are_hardened_probed_and_sized():
    deployments = base_objects("Deployment")
    assert set(deployments) == set(SETTINGS)
    services = base_objects("Service")
    for name, deployment in deployments.items():
        pod = deployment["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True
        (container,) = pod["containers"]
        security = container["securityContext"]
        assert security["readOnlyRootFilesystem"] is True
        assert security["allowPrivilegeEscalation"] is False
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
        assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
        assert {"cpu", "memory"} <= set(container["resources"]["requests"])
        assert {"cpu", "memory"} <= set(container["resources"]["limits"])
        tmp = next(m for m in container["volumeMounts"] if m["mountPath"] == "/tmp")
        volume = next(v for v in pod["volumes"] if v["name"] == tmp["name"])
        assert "emptyDir" in volume
        port = default_port(name)
        assert container["ports"][0]["containerPort"] == port
        assert services[name]["spec"]["ports"][0]["port"] == port
        assert {"name": f"{name.upper()}_PORT", "value": str(port)} in container["env"]
    targets = {
        hpa["spec"]["scaleTargetRef"]["name"]
        for hpa in base_objects("HorizontalPodAutoscaler").values()
    }
    assert targets == {"parties", "gateway"}


def test_config_and_secret_only_set_variables_the_services_read():
    for kind in ("ConfigMap", "Secret"):
        for obj in base_objects(kind).values():
            keys = set(obj.get("data", {})) | set(obj.get("stringData", {}))
            assert keys and keys <= ALL_ENV_NAMES, keys - ALL_ENV_NAMES


def test_the_migration_job_migrates_every_service():
    (job,) = base_objects("Job").values()
    command = " ".join(job["spec"]["template"]["spec"]["containers"][0]["command"])
    for service in SERVICES:
        assert f"python -m common.migrate {service}" in command


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    return loaded


def dockerfile_targets() -> dict[str, str]:
    """Each build target's text."""
    text = (REPO / "Dockerfile").read_text()
    parts = re.split(r"^FROM \S+ AS (\w+)\s*$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_compose_services_are_wired_healthchecked_and_on_the_default_ports():
    services = compose()["services"]
    for name, service in services.items():
        for dependency in service.get("depends_on", {}):
            assert dependency in services, (name, dependency)
    for name in SETTINGS:
        service = services[name]
        assert "healthcheck" in service, name
        port = default_port(name)
        assert service["ports"] == [f"127.0.0.1:{port}:{port}"]
        assert f"{port}/" in " ".join(service["healthcheck"]["test"])
        assert service["build"]["target"] == name
        unknown = set(service["environment"]) - env_names(SETTINGS[name])
        assert not unknown, (name, unknown)
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    migrate = " ".join(services["migrate"]["command"])
    for service in SERVICES:
        assert f"python -m common.migrate {service}" in migrate
    assert set(compose()["volumes"]) == {"pgdata"}


def test_each_dockerfile_target_runs_its_service_on_its_port():
    targets = dockerfile_targets()
    for name in SETTINGS:
        text = targets[name]
        assert f"EXPOSE {default_port(name)}" in text
        module = re.search(r'CMD \["python", "-m", "([\w.]+)"\]', text)
        assert module is not None, name
        package = REPO.joinpath(*module.group(1).split("."))
        assert (package / "__main__.py").exists(), f"{module.group(1)} has no __main__"
