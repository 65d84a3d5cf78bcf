"""The deployment files kept honest without a Docker engine: docker-compose.yml parsed and
cross-checked against deploy/dagster.yaml, the workspaces, the Dockerfile and pyproject.toml;
deploy/dagster.yaml loaded as a real PostgreSQL-backed Dagster instance."""


import json
import re
import tomllib
from pathlib import Path, PurePosixPath

import dagster as dg
import pytest
import yaml
from psycopg.conninfo import conninfo_to_dict

from discogs_cache_assets.automation import BUILD_TAG
from discogs_cache_assets_tests.conftest import REPO_ROOT

APP_SERVICES = ("code", "webserver", "daemon")
INSTANCE_YAML = REPO_ROOT / "deploy" / "dagster.yaml"
_VAR = re.compile(r"\$\{(\w+)(:?-)?([^}]*)\}")


def compose_defaults(value: object) -> str:
    """A compose value with every ``${VAR:-default}`` resolved as on a machine that sets nothing."""
    return _VAR.sub(lambda m: m.group(3) if m.group(2) else "", str(value))


def env_vars_read(config: object) -> set[str]:
    """Every ``{env: NAME}`` in a Dagster instance config."""
    if isinstance(config, dict):
        if set(config) == {"env"}:
            return {config["env"]}
        return set().union(*(env_vars_read(v) for v in config.values()))
    if isinstance(config, list):
        return set().union(*(env_vars_read(v) for v in config))
    return set()


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())


def env_of(service: dict) -> dict[str, str]:
    return {k: compose_defaults(v) for k, v in service["environment"].items()}


def flag(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def test_services_ports_and_storage_environment(compose: dict) -> None:
    services = compose["services"]
    assert set(services) == {"postgres", *APP_SERVICES}
    assert "3000:3000" in services["webserver"]["ports"]
    postgres = {k: compose_defaults(v) for k, v in services["postgres"]["environment"].items()}
    wanted = env_vars_read(yaml.safe_load(INSTANCE_YAML.read_text()))
    assert {"DAGSTER_PG_USER", "DAGSTER_PG_PASSWORD", "DAGSTER_PG_HOST", "DAGSTER_PG_DB"} <= wanted
    for name in APP_SERVICES:
        env = env_of(services[name])
        assert wanted <= set(env), f"{name} lacks {wanted - set(env)}"
        assert env["DAGSTER_PG_HOST"] in services and env["DAGSTER_PG_PORT"] == "5432"
        assert (env["DAGSTER_PG_USER"], env["DAGSTER_PG_PASSWORD"], env["DAGSTER_PG_DB"]) == (
            postgres["POSTGRES_USER"], postgres["POSTGRES_PASSWORD"], postgres["POSTGRES_DB"])
        cache = conninfo_to_dict(env["DATABASE_URL"])
        assert cache["host"] == "postgres" and cache["user"] == postgres["POSTGRES_USER"]
        assert cache["password"] == postgres["POSTGRES_PASSWORD"]
        assert cache["dbname"] != postgres["POSTGRES_DB"]  # the cache never shares Dagster's database
        init = [v for v in services["postgres"]["volumes"] if "docker-entrypoint-initdb.d" in v]
        (script,) = [REPO_ROOT / v.split(":")[0] for v in init]
        assert f"CREATE DATABASE {cache['dbname']};" in script.read_text()
        assert "depends_on" in services[name] and "postgres" in services[name]["depends_on"]


def test_volumes_hold_what_the_environment_points_at(compose: dict) -> None:
    declared = set(compose["volumes"])
    for name in ("postgres", *APP_SERVICES):
        for volume in compose["services"][name]["volumes"]:
            source = volume.split(":")[0]
            assert source in declared or (REPO_ROOT / source).exists() or source == "./library", volume
    assert any(v.endswith(":/var/lib/postgresql") for v in compose["services"]["postgres"]["volumes"])
    code = compose["services"]["code"]
    targets = [PurePosixPath(v.split(":")[1]) for v in code["volumes"]]
    env = env_of(code)
    for variable in ("DISCOGS_DUMP_DIR", "DISCOGS_CACHE_HOME", "LIBRARY_DB"):
        path = PurePosixPath(env[variable])
        assert any(path == t or t in path.parents for t in targets), f"{variable}={path} is not on a volume"
    # Runs execute in the code server; the webserver reads their compute logs from the same volume.
    storage = PurePosixPath(env["DAGSTER_HOME"]) / "storage"
    for name in APP_SERVICES:
        assert any(v.endswith(f":{storage}") for v in compose["services"][name]["volumes"])


def test_code_location_and_workspaces(compose: dict) -> None:
    services = compose["services"]
    module = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["tool"]["dagster"]["module_name"]
    code = services["code"]["command"]
    assert code[:3] == ["dagster", "code-server", "start"] and flag(code, "-m") == module
    for name in ("webserver", "daemon"):
        command = services[name]["command"]
        workspace = yaml.safe_load((REPO_ROOT / flag(command, "-w")).read_text())
        (grpc,) = [entry["grpc_server"] for entry in workspace["load_from"]]
        assert grpc["host"] == "code" and str(grpc["port"]) == flag(code, "-p")
    assert services["webserver"]["command"][0] == "dagster-webserver" and flag(services["webserver"]["command"], "-p") == "3000"
    assert services["daemon"]["command"][:2] == ["dagster-daemon", "run"]
    local = yaml.safe_load((REPO_ROOT / "workspace.yaml").read_text())
    assert local["load_from"][0]["python_module"]["module_name"] == module
    # One code-location name, whichever way the UI is started.
    name = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["tool"]["dagster"]["code_location_name"]
    deployed = yaml.safe_load((REPO_ROOT / "deploy" / "workspace.yaml").read_text())
    assert local["load_from"][0]["python_module"]["location_name"] == name
    assert deployed["load_from"][0]["grpc_server"]["location_name"] == name


def test_dockerfile_builds_the_converter_into_the_image(compose: dict) -> None:
    lines = [ln.strip() for ln in (REPO_ROOT / "Dockerfile").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    assert lines[0].startswith("FROM python:3.11")
    run = " ".join(ln for ln in lines if ln.startswith("RUN"))
    assert "sh.rustup.rs" in run and "pip install --no-cache-dir -e ." in run and "discogs-xml-converter" in run
    workdir = next(ln.split()[1] for ln in lines if ln.startswith("WORKDIR"))
    assert "COPY . ." in lines
    # deploy/dagster.yaml is copied with the repo into the folder DAGSTER_HOME names.
    home = f"{workdir}/{INSTANCE_YAML.parent.relative_to(REPO_ROOT)}"
    assert env_of(compose["services"]["code"])["DAGSTER_HOME"] == home
    assert f"ENV DAGSTER_HOME={home}" in lines
    # `dagster dev` in the repo root takes the root's dagster.yaml: the queue, never the deployment's storage.
    assert "storage" not in yaml.safe_load((REPO_ROOT / "dagster.yaml").read_text())
    # The image's default command is the code server, as compose runs it.
    cmd = json.loads(next(ln for ln in lines if ln.startswith("CMD")).removeprefix("CMD"))
    assert cmd == compose["services"]["code"]["command"]
    ignored = (REPO_ROOT / ".dockerignore").read_text().split()
    assert {".venv", "converter/target"} <= set(ignored)


def test_dagster_yaml_is_a_working_postgres_instance(pg_url: str, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    info = conninfo_to_dict(pg_url)
    host = info.get("host", "")
    if host.startswith("/"):
        # The embedded server listens on a socket only: an empty host lets libpq take PGHOST.
        monkeypatch.setenv("PGHOST", host)
        host = ""
    monkeypatch.setenv("DAGSTER_PG_USER", info.get("user", "postgres"))
    monkeypatch.setenv("DAGSTER_PG_PASSWORD", info.get("password", ""))
    monkeypatch.setenv("DAGSTER_PG_HOST", host)
    monkeypatch.setenv("DAGSTER_PG_PORT", info.get("port", "5432"))
    monkeypatch.setenv("DAGSTER_PG_DB", info["dbname"])
    (tmp_path / "dagster.yaml").write_text(INSTANCE_YAML.read_text())
    instance = dg.DagsterInstance.from_config(str(tmp_path))
    try:
        assert type(instance.run_storage).__name__ == "PostgresRunStorage"
        assert type(instance.schedule_storage).__name__ == "PostgresScheduleStorage"
        assert type(instance.event_log_storage).__name__ == "PostgresEventLogStorage"
        assert type(instance.run_coordinator).__name__ == "QueuedRunCoordinator"
        queue = instance.get_concurrency_config().run_queue_config
        # One run at a time, tagged or not: the UI's "Materialize all" carries no tag of ours.
        assert queue.max_concurrent_runs == 1
        assert {"key": BUILD_TAG, "limit": 1} in queue.tag_concurrency_limits
        assert instance.get_concurrency_config().pool_config.default_pool_limit == 1
        run = instance.create_run_for_job(dg.GraphDefinition("noop").to_job(), tags={BUILD_TAG: "cache"})
        assert instance.get_run_by_id(run.run_id).tags[BUILD_TAG] == "cache"
    finally:
        instance.dispose()
