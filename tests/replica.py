"""Two throwaway PostgreSQL clusters of our own on loopback, a primary and its streaming
replica (made with `pg_basebackup -R`, as docs/operations.md « Réplique PostgreSQL » says),
for tests/operations/test_replica.py. The system's cluster on port 5432 is never touched.

Both log every statement (`log_statement = all`) with the database's name in front, so that
a test can tell which cluster served what. PostgreSQL refuses to run as root: under root,
its programs run as the `postgres` user, on folders it owns.
"""

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
import pytest

from tests.server import free_port

START_TIMEOUT = 60  # seconds for a cluster to accept connections
LOG_PREFIX = "@@"  # log_line_prefix: "@@<database>@@ "
SLOT = "nec_test_replica"


def server_binaries():
    """The folder of PostgreSQL's server programs (the newest installed), or None."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_basebackup"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    if candidates:
        return candidates[-1].parent
    found = shutil.which("pg_basebackup")
    return Path(found).parent if found else None


def skip_without_server_binaries():
    """Skip, saying what to install, when PostgreSQL's server programs are missing (with
    NEC_REQUIRE_ALL=1 the skip is a failure, tests/conftest.py)."""
    folder = server_binaries()
    needed = ("initdb", "pg_ctl", "pg_basebackup", "postgres")
    if folder is None or not all((folder / name).exists() for name in needed):
        pytest.skip(
            "The replica tests need PostgreSQL's server programs (initdb, pg_ctl, "
            "pg_basebackup, postgres): apt-get install postgresql."
        )
    return folder


def as_postgres():
    """The command prefix that runs a PostgreSQL program as an allowed user."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def give_to_postgres(path):
    if os.geteuid() == 0:
        shutil.chown(path, "postgres", "postgres")


class Cluster:
    """One PostgreSQL cluster: its folder, port and log."""

    def __init__(self, binaries, root, name, port):
        self.binaries = binaries
        self.root = Path(root)
        self.name = name
        self.datadir = self.root / name
        self.port = port
        self.log_path = self.root / f"{name}.log"

    def program(self, name, *args, timeout=120):
        result = subprocess.run(  # noqa: S603 - PostgreSQL's own programs
            [*as_postgres(), str(self.binaries / name), *map(str, args)],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"{name} failed:\n{result.stdout}{result.stderr}\n{self.log_tail()}")
        return result.stdout

    def start(self):
        self.program(
            "pg_ctl", "-D", self.datadir, "-l", self.log_path, "-w", "-t", START_TIMEOUT, "start"
        )
        self.wait_until_ready()

    def stop(self, mode="fast"):
        """Stop it (`immediate`: as a crash would, in-flight queries cut)."""
        if (self.datadir / "postmaster.pid").exists():
            self.program("pg_ctl", "-D", self.datadir, "-m", mode, "-w", "stop")

    def wait_until_ready(self):
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                self.execute("SELECT 1")
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def url(self, database):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def execute(self, sql, params=None, database="postgres"):
        """Run one statement as the superuser; its rows (None when it returns none)."""
        with psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            user="postgres",
            dbname=database,
            autocommit=True,
            connect_timeout=5,
        ) as connection:
            cursor = connection.execute(sql, params)
            return cursor.fetchall() if cursor.description else None

    def log_mark(self):
        """Where the log ends now: statements_since(mark) reads what comes after."""
        return self.log_path.stat().st_size

    def statements_since(self, mark, database):
        """The statements run in `database` since `mark`, in the order they were logged."""
        with open(self.log_path, "rb") as log:
            log.seek(mark)
            text = log.read().decode("utf-8", errors="replace")
        statements = []
        current = None
        for line in text.splitlines():
            if line.startswith(LOG_PREFIX):
                current = None
                owner, _, message = line[len(LOG_PREFIX) :].partition(f"{LOG_PREFIX} ")
                if owner == database and "statement: " in message:
                    current = [message.split("statement: ", 1)[1]]
                    statements.append(current)
            elif current is not None:  # a statement written on several lines
                current.append(line.strip())
        return [" ".join(parts) for parts in statements]

    def log_tail(self, size=3000):
        try:
            return self.log_path.read_text(errors="replace")[-size:]
        except OSError:
            return ""


PRIMARY_SETTINGS = """
listen_addresses = '127.0.0.1'
port = {port}
unix_socket_directories = '{root}'
max_connections = 60
shared_buffers = 32MB
wal_level = replica
max_wal_senders = 4
max_replication_slots = 4
hot_standby = on
# Throwaway clusters: no need to survive a power cut.
fsync = off
log_statement = 'all'
log_line_prefix = '{prefix}%d{prefix} '
"""

HBA = """
local all all trust
local replication all trust
host all all 127.0.0.1/32 trust
host replication all 127.0.0.1/32 trust
"""


@contextlib.contextmanager
def primary_and_replica():
    """(primary, replica): a primary cluster and its streaming replica, both started, on
    free ports; stopped and removed however the block ends."""
    binaries = skip_without_server_binaries()
    root = Path(tempfile.mkdtemp(prefix="nec-replica-"))
    root.chmod(0o755)
    give_to_postgres(root)
    primary = Cluster(binaries, root, "primary", free_port())
    replica = Cluster(binaries, root, "replica", free_port())
    try:
        primary.program(
            "initdb", "-D", primary.datadir, "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--locale=C.UTF-8",
        )  # fmt: skip
        with open(primary.datadir / "postgresql.conf", "a") as conf:
            conf.write(PRIMARY_SETTINGS.format(port=primary.port, root=root, prefix=LOG_PREFIX))
        (primary.datadir / "pg_hba.conf").write_text(HBA)
        primary.start()
        # The replica as an operator makes it: a base backup that writes its own
        # primary_conninfo and standby.signal (-R), with a slot that keeps the WAL it has
        # not received yet while it is down.
        primary.program(
            "pg_basebackup", "-h", "127.0.0.1", "-p", primary.port, "-U", "postgres",
            "-D", replica.datadir, "-R", "-X", "stream", "-c", "fast", "-C", "-S", SLOT,
        )  # fmt: skip
        with open(replica.datadir / "postgresql.auto.conf", "a") as conf:
            conf.write(f"port = {replica.port}\nhot_standby = on\n")
        replica.start()
        assert replica.execute("SELECT pg_is_in_recovery()") == [(True,)]
        yield primary, replica
    finally:
        for cluster in (replica, primary):
            with contextlib.suppress(Exception):
                cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


def wait_for_replay(primary, replica, timeout=30):
    """Until the replica has replayed everything the primary has written so far."""
    (target,) = primary.execute("SELECT pg_current_wal_lsn()::text")[0]
    deadline = time.monotonic() + timeout
    while not replica.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])[0][0]:
        if time.monotonic() > deadline:
            raise AssertionError(f"the replica did not replay up to {target} in {timeout} s")
        time.sleep(0.05)
