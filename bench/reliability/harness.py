"""Start CrossRoads as it runs in production, in processes of its own, on a database of its own.

A `Stack` owns a temporary directory (SQLite file, media, mailbox, logs) or a fresh PostgreSQL database, runs
`migrate` and `seed_rush` there, and starts gunicorn and `manage.py db_worker` on it. Everything it starts it stops
(or kills, for the crash bench) by process group id; the database and the directory go when it closes.
Used by tests/reliability (bounded, small) and by bench/load_rush.py and bench/crash.py (bigger)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
SECRET_KEY = "reliability-" + "x" * 50


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def postgres_url() -> str | None:
    """The PostgreSQL server to create fresh databases on, when the environment points at one."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _static_cache() -> Path:
    """collectstatic takes seconds; the collected files are shared by every stack of the same static sources."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "src" / "crossroads").rglob("static/**/*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return Path(tempfile.gettempdir()) / f"crossroads-reliability-static-{digest.hexdigest()[:16]}"


class Stack:
    def __init__(self, engine: str = "sqlite", *, name: str = "stack") -> None:
        self.engine = engine
        self.dir = Path(tempfile.mkdtemp(prefix=f"crossroads-{name}-"))
        self.var = self.dir / "var"
        self.mail_dir = self.dir / "mail"
        self.logs = self.dir / "logs"
        for folder in (self.var, self.mail_dir, self.logs):
            folder.mkdir()
        self.pg_admin_url = postgres_url() if engine == "postgres" else None
        if engine == "postgres":
            if not self.pg_admin_url:
                raise RuntimeError("DATABASE_URL does not point at PostgreSQL")
            self.db_name = f"crossroads_rel_{os.getpid()}_{secrets.token_hex(3)}"
            self._pg_admin(f'CREATE DATABASE "{self.db_name}"')
            parts = urlsplit(self.pg_admin_url)
            self.database_url = parts._replace(path=f"/{self.db_name}").geturl()
        else:
            self.db_name = str(self.dir / "db.sqlite3")
            self.database_url = f"sqlite:///{self.db_name}"
        self.web: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None
        self.port = 0
        self.seed: dict[str, Any] = {}
        self._logs_opened: list[Any] = []
        self.extra_env: dict[str, str] = {}  # for the processes started next (e.g. a slow mailbox)

    # ------------------------------------------------------------------ environment and commands
    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in {"CROSSROADS_TESTING", "DJANGO_SETTINGS_MODULE"}}
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "crossroads.config.settings",
                "DATABASE_URL": self.database_url,
                "CROSSROADS_VAR_DIR": str(self.var),
                "DEBUG": "0",
                "SECRET_KEY": SECRET_KEY,
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SECURE_COOKIES": "0",  # plain http on loopback
                "EMAIL_BACKEND": "bench.reliability.mailbox.EmailBackend",
                "CROSSROADS_MAIL_DIR": str(self.mail_dir),
                "MATCHING_SNAPSHOT_DIR": "",
                "LOG_LEVEL": "WARNING",
                "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
                "PYTHONUNBUFFERED": "1",
            }
        )
        env.update(self.extra_env)
        env.update(extra)
        return env

    def manage(self, *args: str, timeout: float = 300) -> str:
        result = subprocess.run(
            [PYTHON, str(ROOT / "manage.py"), *args],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def query(self, code: str) -> Any:
        """Run Python in a Django shell on this stack's database; the code sets `result`, which comes back as JSON."""
        script = f"import json\n{code}\nprint('@@RESULT@@' + json.dumps(result, default=str))"
        out = self.manage("shell", "-c", script)
        return json.loads(out.split("@@RESULT@@", 1)[1])

    def sql(self, statement: str) -> list[tuple[Any, ...]]:
        """A quick read straight from the database (no Django start-up: fast enough to poll)."""
        if self.engine == "sqlite":
            import sqlite3

            with contextlib.closing(sqlite3.connect(self.db_name, timeout=30)) as connection:
                return connection.execute(statement).fetchall()
        import psycopg

        with psycopg.connect(self.database_url, autocommit=True) as connection:
            return connection.execute(statement).fetchall()

    def prepare(
        self, *, consortia: int, applicants: int, closes_in: float, sessions: bool = False, ranked: bool = False
    ) -> dict:
        """Migrate and seed (seed_rush); `ranked`: the consortia submitted and scored, the ranking frozen."""
        self.manage("migrate", "--noinput", "-v0")
        self._static()
        seed_file = self.dir / "seed.json"
        args = ["--consortia", str(consortia), "--applicants", str(applicants), "--closes-in", str(closes_in)]
        args += ["--ranked"] if ranked else []
        self.manage("seed_rush", *args, *(["--sessions"] if sessions else []), "--output", str(seed_file))
        self.seed = json.loads(seed_file.read_text(encoding="utf-8"))
        return self.seed

    def _static(self) -> None:
        cache = _static_cache()
        if not (cache / "static" / "staticfiles.json").exists():
            building = Path(tempfile.mkdtemp(prefix="crossroads-static-build-"))
            subprocess.run(
                [PYTHON, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"],
                cwd=ROOT,
                env=self.env(CROSSROADS_VAR_DIR=str(building)),
                check=True,
                timeout=300,
            )
            try:
                building.rename(cache)
            except OSError:  # another process built it at the same time: keep theirs
                shutil.rmtree(building, ignore_errors=True)
        (self.var / "static").symlink_to(cache / "static", target_is_directory=True)

    # ------------------------------------------------------------------ processes
    def _log(self, name: str) -> Any:
        handle = open(self.logs / name, "ab")  # noqa: SIM115 - closed in close()
        self._logs_opened.append(handle)
        return handle

    def start_web(self, workers: int = 3, *, threads: int = 1, same_port: bool = False) -> None:
        """Start gunicorn; `same_port` after a kill, so that the clients reconnect where they were."""
        for _attempt in range(3):
            self.port = self.port if same_port and self.port else free_port()
            self.web = subprocess.Popen(
                [
                    PYTHON,
                    "-m",
                    "gunicorn",
                    "crossroads.config.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    str(workers),
                    "--threads",
                    str(threads),
                    "--timeout",
                    "120",
                    "--graceful-timeout",
                    "5",
                    "--access-logfile",
                    str(self.logs / "access.log"),
                    "--access-logformat",
                    '%(s)s %(m)s "%(U)s" %(M)s',
                    "--error-logfile",
                    str(self.logs / "gunicorn.log"),
                    "--capture-output",
                ],
                cwd=ROOT,
                env=self.env(),
                stdout=self._log("web.out"),
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stopped or killed as a whole
            )
            if self._wait_ready(timeout=60):
                return
            self.stop_web()
        raise RuntimeError(f"gunicorn did not start; see {self.logs}")

    def _wait_ready(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.web is not None and self.web.poll() is not None:
                return False
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.base}/accounts/login/", timeout=5).status_code == 200:
                    return True
            time.sleep(0.2)
        return False

    def start_worker(self) -> None:
        self.worker = subprocess.Popen(
            [PYTHON, str(ROOT / "manage.py"), "db_worker", "--interval", "0.2", "--no-startup-delay", "--no-reload"],
            cwd=ROOT,
            env=self.env(),
            stdout=self._log("worker.out"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @staticmethod
    def _stop(process: subprocess.Popen | None, *, kill: bool = False) -> None:
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL if kill else signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)

    def stop_web(self, *, kill: bool = False) -> None:
        self._stop(self.web, kill=kill)
        self.web = None

    def stop_worker(self, *, kill: bool = False) -> None:
        self._stop(self.worker, kill=kill)
        self.worker = None

    def close(self) -> None:
        self.stop_web()
        self.stop_worker()
        for handle in self._logs_opened:
            handle.close()
        if self.engine == "postgres":
            with contextlib.suppress(Exception):
                self._pg_admin(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
        if not os.environ.get("CROSSROADS_KEEP_STACK"):
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> Stack:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _pg_admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.pg_admin_url, autocommit=True) as connection:
            connection.execute(sql)

    # ------------------------------------------------------------------ what happened
    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def server_errors(self) -> list[str]:
        """5xx lines of the access log and tracebacks of the error log, for the report of a failing test."""
        found = []
        access = self.logs / "access.log"
        if access.exists():
            found += [line for line in access.read_text(errors="replace").splitlines() if line[:1] == "5"]
        for name in ("gunicorn.log", "web.out"):
            path = self.logs / name
            if path.exists():
                text = path.read_text(errors="replace")
                found += re.findall(r"Traceback \(most recent call last\):.*?(?=\n\S|\Z)", text, flags=re.S)
                found += [line for line in text.splitlines() if "database is locked" in line]
        return found


class Browser:
    """One user's browser: a cookie jar, the CSRF token, and the response times it saw."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.http = requests.Session()
        self.timings: list[tuple[str, int, float]] = []

    def use_session(self, session_key: str) -> None:
        self.http.cookies.set("sessionid", session_key, domain="127.0.0.1", path="/")

    def login(self, email: str, password: str) -> None:
        self.get("/accounts/login/", kind="login_form")
        response = self.post("/accounts/login/", {"login": email, "password": password}, kind="login")
        if response.status_code != 302:
            raise AssertionError(f"login of {email} answered {response.status_code}")

    @property
    def csrf(self) -> str:
        return self.http.cookies.get("csrftoken", "")

    def _timed(self, kind: str, method: str, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 120)
        started = time.perf_counter()
        response = self.http.request(method, self.base + path, **kwargs)
        self.timings.append((kind, response.status_code, time.perf_counter() - started))
        return response

    def get(self, path: str, *, kind: str = "get", **kwargs: Any) -> requests.Response:
        return self._timed(kind, "GET", path, **kwargs)

    def post(self, path: str, data: dict[str, Any], *, kind: str = "post", **kwargs: Any) -> requests.Response:
        if not self.csrf:  # every page carries the language form, so any page sets the CSRF cookie
            self.get("/", kind="csrf", allow_redirects=True)
        payload = {**data, "csrfmiddlewaretoken": self.csrf}
        return self._timed(kind, "POST", path, data=payload, **kwargs)

    def messages_after(self, response: requests.Response) -> list[tuple[str, str]]:
        """Follow a redirect and read the flash messages it shows: (level, text)."""
        if response.status_code in (301, 302, 303):
            response = self.get(response.headers["Location"], kind="after_redirect")
        return [
            (level, re.sub(r"\s+", " ", text).strip())
            for level, text in re.findall(r'class="message message-(\w+)">(.*?)</p>', response.text, flags=re.S)
        ]


def shared_form(seed: dict[str, Any], *, version: int, title: str, text: str) -> dict[str, Any]:
    """The fields of the shared-part form as the page posts them."""
    data: dict[str, Any] = {
        "title": title,
        "acronym": "",
        "duration_months": "24",
        "planned_start": seed["planned_start"],
        "themes": [str(t) for t in seed["themes"]],
        "version": str(version),
    }
    for code in seed["sections"]:
        data[f"section_{code}"] = f"{text} ({code})"
    return data


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]
