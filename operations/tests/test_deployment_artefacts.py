"""The deployment files hold together without a container runtime: Dockerfile, compose.yaml, nginx config,
systemd units and .env.example are checked for what production relies on; nginx and systemd check their own
files when their tools are installed. `make prod-smoke` runs the same path for real (gunicorn, workers,
PostgreSQL, Redis)."""

import datetime
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def dockerfile_stages():
    stages, current = [], None
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        if line.startswith("FROM "):
            current = {"from": line, "lines": []}
            stages.append(current)
        elif current is not None:
            current["lines"].append(line)
    return stages


def test_dockerfile_is_multi_stage_non_root_and_collects_static_at_build():
    stages = dockerfile_stages()
    assert len(stages) >= 2 and all(" AS " in stage["from"] for stage in stages)
    build, runtime = "\n".join(stages[0]["lines"]), "\n".join(stages[-1]["lines"])
    assert "collectstatic --noinput" in build and "compilemessages" in build
    assert "COPY --from=build /venv /venv" in runtime
    user = re.search(r"^USER (\S+)", runtime, re.M).group(1)
    assert user.split(":")[0] not in ("root", "0")
    assert "HEALTHCHECK" in runtime and "/healthz" in runtime
    assert "deploy/gunicorn.conf.py" in runtime and (DEPLOY / "gunicorn.conf.py").exists()
    assert "build-essential" not in runtime  # compilers stay in the build stage
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".venv", ".env"} <= set(ignored)


def compose():
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def test_compose_runs_database_queue_app_workers_housekeeping_and_proxy():
    services = compose()["services"]
    assert services["db"]["image"].startswith("postgres:") and services["redis"]["image"].startswith("redis:")
    app, worker = services["app"], services["worker"]
    assert app["command"][0] == "gunicorn" and "healthz" in " ".join(app["healthcheck"]["test"])
    assert app["environment"]["TASKS_BACKEND"] == "django_tasks_rq.RQBackend"
    assert app["environment"]["REDIS_URL"].startswith("redis://redis:")
    assert app["environment"]["DATABASE_URL"].startswith("postgres://") and app["env_file"] == ".env"
    assert "run_worker" in worker["command"] and worker["deploy"]["replicas"] >= 1
    assert "housekeeping" in " ".join(services["housekeeping"]["command"])
    assert services["migrate"]["command"][-2:] == ["migrate", "--noinput"]
    proxy = services["proxy"]
    assert proxy["image"].startswith("nginx:") and "443:443" in proxy["ports"]
    mounts = {volume.split(":")[0]: volume.split(":")[1] for volume in proxy["volumes"]}
    assert (ROOT / mounts["./deploy/nginx/sentra.conf"].replace("/etc/nginx/conf.d/default.conf", "deploy/nginx/sentra.conf")).exists()
    # nginx reads protected files from the same volume the app writes them to, under the X-Accel prefix.
    assert mounts["media"] == "/srv/sentra/media" and "media:/data/media" in app["volumes"]
    nginx = (DEPLOY / "nginx" / "sentra.conf").read_text()
    prefix = app["environment"]["PROTECTED_FILES_ACCEL_PREFIX"]
    assert re.search(rf"location {re.escape(prefix)} {{\s+internal;\s+alias /srv/sentra/media/;", nginx)
    assert "X-Request-ID $request_id" in nginx and "X-Forwarded-Proto $scheme" in nginx


def test_env_example_names_only_settings_that_exist():
    settings_text = (ROOT / "config" / "settings.py").read_text() + (DEPLOY / "gunicorn.conf.py").read_text()
    names = re.findall(r"^#?\s?([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M)
    compose_only = {"POSTGRES_PASSWORD"}
    unknown = [name for name in names if name not in compose_only and f'"{name}"' not in settings_text]
    assert unknown == [] and {"SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_HOST", "SENTRY_DSN", "METRICS_TOKEN"} <= set(names)
    assert re.search(r"^DEBUG=false$", (ROOT / ".env.example").read_text(), re.M)


@override_settings(PROTECTED_FILES_ACCEL_PREFIX="/_protected/")
def test_protected_files_go_out_through_x_accel_redirect(tmp_path, settings):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from core.files import file_response

    settings.MEDIA_ROOT = str(tmp_path)
    name = default_storage.save("exports/0f1e/sentra ntt.csv", ContentFile(b"a;b\n"))
    response = file_response(name, filename="sentra ntt.csv")
    assert response["X-Accel-Redirect"] == "/_protected/exports/0f1e/sentra%20ntt.csv"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''sentra%20ntt.csv"
    assert response.content == b""


def self_signed(folder):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256()))
    (folder / "fullchain.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "privkey.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx not installed (apt-get install nginx-light)")
def test_nginx_accepts_the_configuration(tmp_path):
    self_signed(tmp_path)
    site = (DEPLOY / "nginx" / "sentra.conf").read_text()
    site = site.replace("server app:8000;", "server 127.0.0.1:8000;").replace("/etc/nginx/tls/", f"{tmp_path}/")
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log stderr; events {{}}\n"
        f"http {{ access_log off; client_body_temp_path {tmp_path}; proxy_temp_path {tmp_path}; include {tmp_path}/site.conf; }}\n"
    )
    result = subprocess.run(["nginx", "-t", "-q", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_systemd_units_verify(tmp_path):
    units = []
    for unit in (DEPLOY / "systemd").iterdir():
        target = tmp_path / unit.name.replace("@.service", "@1.service")
        target.write_text(unit.read_text())
        units.append(str(target))
    result = subprocess.run(["systemd-analyze", "verify", "--man=no", *sorted(units)], capture_output=True, text=True, timeout=60,
                            env={"SYSTEMD_LOG_LEVEL": "warning", "PATH": "/usr/bin:/bin"})
    # On a build machine /opt/sentra does not exist; anything else systemd says is a real mistake.
    problems = [line for line in result.stderr.splitlines() if line.strip() and "is not executable" not in line]
    assert problems == []
    timers = {unit.name for unit in (DEPLOY / "systemd").glob("*.timer")}
    assert timers == {"sentra-housekeeping.timer", "sentra-backup.timer"}


@pytest.mark.skipif(subprocess.run(["docker", "compose", "version"], capture_output=True).returncode != 0
                    if shutil.which("docker") else True, reason="docker compose plugin not installed")
def test_docker_compose_accepts_the_file(tmp_path):
    env = tmp_path / ".env"
    env.write_text((ROOT / ".env.example").read_text().replace("POSTGRES_PASSWORD=", "POSTGRES_PASSWORD=x"))
    result = subprocess.run(["docker", "compose", "-f", str(ROOT / "compose.yaml"), "--env-file", str(env), "config", "-q"],
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stderr
