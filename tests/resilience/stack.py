"""An isolated production-like stack on loopback, which the fault run breaks.

Its own PostgreSQL cluster and Redis server in a temporary folder, on ports of
their own, so nothing shared is disturbed; gunicorn and a Celery worker (with
beat) under ``tests.resilience.settings`` (production's). Every process runs
in its own process group, so that a kill takes its children with it; ``stop``
tears all of it down, and is safe to call after any failure.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PG_BIN = Path(os.environ.get("RESILIENCE_PG_BIN", "/usr/local/bin"))
REDIS_SERVER = os.environ.get("RESILIENCE_REDIS_SERVER", "/usr/bin/redis-server")
DATABASE = "sb_resilience"


class StackError(RuntimeError):
    pass


def port_free(port: int) -> bool:
    """Nothing listens on the port (a connection is refused)."""
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def port_bindable(port: int) -> bool:
    """A server could bind the port now, as PostgreSQL and Redis do (with
    SO_REUSEADDR). Stricter than ``port_free``: a client connection whose own
    end has this port, open or in TIME_WAIT, refuses nothing but blocks a bind."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def ephemeral_ports() -> range:
    """The ports the kernel hands to outgoing connections: a server port in
    this range can be taken by any client between a stop and a start (CI
    lost a PostgreSQL start to it), so the stack's defaults lie below it."""
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return range(int(low), int(high) + 1)
    except (OSError, ValueError):
        return range(32768, 61000)  # Linux's default


def tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def wait_for_port(port: int, seconds: float, what: str, process=None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not port_free(port):
            return
        if process is not None and process.poll() is not None:
            raise StackError(f"{what} exited at start-up (code {process.returncode})")
        time.sleep(0.2)
    raise StackError(f"{what} did not listen on 127.0.0.1:{port} in {seconds:.0f} s")


def stop_group(process, *, grace: float = 20) -> None:
    """SIGTERM the process's group, SIGKILL it if it has not gone in ``grace``."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    except ProcessLookupError:
        pass


class Stack:
    def __init__(self, workdir: Path, *, web_workers: int = 4, concurrency: int = 2):
        self.dir = workdir
        # Below the ephemeral range (see ``ephemeral_ports``); the faults stop
        # PostgreSQL and Redis and start them again on the same port.
        self.pg_port = int(os.environ.get("RESILIENCE_PG_PORT", "25432"))
        self.redis_port = int(os.environ.get("RESILIENCE_REDIS_PORT", "26379"))
        self.web_port = int(os.environ.get("RESILIENCE_WEB_PORT", "28000"))
        self.web_workers, self.concurrency = web_workers, concurrency
        self.mail_dir = workdir / "mail"
        self.redis = self.web = self.worker = self.static = None
        self.pg_started = False
        self.as_postgres = os.geteuid() == 0  # initdb refuses to run as root
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.resilience.settings",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "EQUALITIES_LINK_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{self.pg_port}/{DATABASE}",
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "CELERY_RESULT_BACKEND": f"redis://127.0.0.1:{self.redis_port}/0",
            "CACHE_URL": f"redis://127.0.0.1:{self.redis_port}/1",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{self.web_port}",
            "LOG_LEVEL": "WARNING",
        }

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def log(self, name: str):
        return open(self.dir / f"{name}.log", "ab")  # noqa: SIM115 -- the child keeps it

    # --- starting -----------------------------------------------------------
    def start(self) -> None:
        for port in (self.pg_port, self.redis_port, self.web_port):
            if not port_bindable(port):
                raise StackError(
                    f"127.0.0.1:{port} is taken: set RESILIENCE_PG_PORT, "
                    "RESILIENCE_REDIS_PORT or RESILIENCE_WEB_PORT"
                )
            if port in ephemeral_ports():
                print(  # noqa: T201 -- a warning for whoever set the port
                    f"warning: {port} is in the ephemeral range; a client "
                    "connection may take it between a fault's stop and start",
                    file=sys.stderr,
                )
        self.mail_dir.mkdir(parents=True, exist_ok=True)
        # collectstatic needs no database: it runs while PostgreSQL starts.
        static = self.static = self.manage_in_background(
            "collectstatic", "--noinput", "-v0"
        )
        self.init_postgres()
        self.start_postgres()
        self.start_redis()
        if os.environ.get("RESILIENCE_MIGRATED_FROM"):
            self.copy_database(os.environ["RESILIENCE_MIGRATED_FROM"])
        self.manage("migrate", "--noinput", "-v0")  # after a copy: nothing to apply
        if static.wait() != 0:
            raise StackError(f"collectstatic failed: see {self.dir}/collectstatic.log")
        self.start_web()
        self.start_worker()

    def copy_database(self, source_url: str) -> None:
        """Fill the new database from one already migrated by the same code
        (the test suite's template) instead of migrating from scratch: a
        second instead of a minute of CPU."""
        target = f"postgres://postgres@127.0.0.1:{self.pg_port}/{DATABASE}"
        with self.log("copy_database") as out:
            dump = subprocess.Popen(  # noqa: S603
                ["pg_dump", "--no-owner", "--no-privileges", source_url],  # noqa: S607
                stdout=subprocess.PIPE,
                stderr=out,
            )
            load = subprocess.run(  # noqa: S603
                ["psql", "-q", "-v", "ON_ERROR_STOP=1", target],  # noqa: S607
                stdin=dump.stdout,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=300,
            )
            dump.stdout.close()
            if dump.wait(timeout=300) != 0 or load.returncode != 0:
                raise StackError(f"copying {source_url} failed: see copy_database.log")

    def _pg(self, *args, check=True, timeout=120):
        """Run a PostgreSQL program (as postgres when we are root). Its output
        goes to a file: a server it starts keeps the descriptors open."""
        command = [str(PG_BIN / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        with self.log("pg_ctl") as out:
            return subprocess.run(  # noqa: S603
                command,
                check=check,
                timeout=timeout,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def init_postgres(self) -> None:
        data = self.dir / "pg"
        data.mkdir()
        if self.as_postgres:
            shutil.chown(self.dir, "postgres")
            shutil.chown(data, "postgres")
        self._pg(
            "initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"
        )

    def _pg_ctl(self, action: str, *extra) -> None:
        options = (
            f"-p {self.pg_port} -c listen_addresses=127.0.0.1 "
            f"-k {self.dir} -c max_connections=60"
        )
        self._pg(
            "pg_ctl", "-D", str(self.dir / "pg"), "-o", options,
            "-l", str(self.dir / "postgres.log"), "-w", "-t", "60", *extra, action,
        )  # fmt: skip

    def start_postgres(self) -> None:
        try:
            self._pg_ctl("start")
        except subprocess.CalledProcessError as exc:
            raise StackError(
                f"PostgreSQL did not start:\n{tail(self.dir / 'postgres.log')}"
                f"\n{tail(self.dir / 'pg_ctl.log')}"
            ) from exc
        self.pg_started = True
        if not getattr(self, "_created", False):
            import psycopg

            url = f"postgres://postgres@127.0.0.1:{self.pg_port}/postgres"
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{DATABASE}"')
            self._created = True

    def restart_postgres(self) -> None:
        """Stop PostgreSQL (fast: open sessions are ended) and start it again."""
        self._pg_ctl("restart", "-m", "fast")

    def start_redis(self) -> None:
        """Redis with an append-only file, so a stop and start keeps the queue,
        as a production broker configured for durability does."""
        data = self.dir / "redis"
        data.mkdir(exist_ok=True)
        self.redis = subprocess.Popen(  # noqa: S603
            [
                REDIS_SERVER,
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(data),
                "--appendonly",
                "yes",
                "--appendfsync",
                "everysec",
                "--save",
                "",
                "--daemonize",
                "no",
            ],  # fmt: skip
            stdout=self.log("redis"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for_port(self.redis_port, 30, "redis-server", self.redis)

    def stop_redis(self) -> None:
        """Stop Redis as its service manager would (SIGTERM: the file is synced)."""
        stop_group(self.redis)
        self.redis = None

    def start_web(self) -> None:
        self.web = subprocess.Popen(  # noqa: S603
            [
                str(BIN / "gunicorn"),
                "consult.wsgi",
                "--bind",
                f"127.0.0.1:{self.web_port}",
                "--workers",
                str(self.web_workers),
                "--timeout",
                "60",
                "--graceful-timeout",
                "10",
                "--backlog",
                "2048",
                "--log-level",
                "warning",
            ],  # fmt: skip
            cwd=ROOT,
            env=self.env,
            stdout=self.log("gunicorn"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for_port(self.web_port, 120, "gunicorn", self.web)

    def start_worker(self) -> None:
        self.worker = subprocess.Popen(  # noqa: S603
            [
                str(BIN / "celery"),
                "-A",
                "consult",
                "worker",
                "--beat",
                f"--concurrency={self.concurrency}",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--schedule",
                str(self.dir / "beat-schedule"),
                "-n",
                f"resilience-{os.getpid()}@%h",
            ],  # fmt: skip
            cwd=ROOT,
            env=self.env,
            stdout=self.log("worker"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill_worker(self) -> None:
        """SIGKILL the worker, its pool and beat: nothing is acknowledged."""
        os.killpg(self.worker.pid, signal.SIGKILL)
        self.worker.wait(timeout=30)

    def manage(self, *args) -> str:
        return subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def manage_in_background(self, *args) -> subprocess.Popen:
        return subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            stdout=self.log(args[0]),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    # --- stopping -----------------------------------------------------------
    def stop(self) -> None:
        """Everything down, whatever state it is in. Never raises."""
        for process in (self.worker, self.web, self.redis, self.static):
            try:
                stop_group(process)
            except Exception:  # noqa: BLE001, S110 -- keep tearing down
                pass
        if self.pg_started:
            self._pg(
                "pg_ctl", "-D", str(self.dir / "pg"), "-m", "immediate", "stop",
                check=False,
            )  # fmt: skip
