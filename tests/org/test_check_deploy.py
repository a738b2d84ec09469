"""Production settings pass ``manage.py check --deploy`` with no warnings."""

from __future__ import annotations

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

MANAGE = Path(__file__).resolve().parents[2] / "manage.py"


def check_deploy(tmp_path, **overrides) -> subprocess.CompletedProcess:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECURE_HSTS_SECONDS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env |= {
        "THIDUA_ENV": "production",
        "SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(60)),
        "ALLOWED_HOSTS": "thidua.example.vn",
        "DEBUG": "0",
        "THIDUA_VAR_DIR": str(tmp_path),
    }
    env |= overrides
    env = {key: value for key, value in env.items() if value is not None}
    return subprocess.run(
        [sys.executable, str(MANAGE), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    result = check_deploy(tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "System check identified no issues (0 silenced).\n",
        "",
    )


def test_check_deploy_fails_on_a_warning_such_as_debug_on(tmp_path):
    result = check_deploy(tmp_path, DEBUG="1")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-4:] == [
        "WARNINGS:",
        "?: (security.W018) You should not have DEBUG set to True in deployment.",
        "",
        "System check identified 1 issue (0 silenced).",
    ]


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = check_deploy(tmp_path, SECRET_KEY=None)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: SECRET_KEY must be set when THIDUA_ENV=production."
    )
