"""CPU seconds used so far by the benchmark's gunicorn workers and their PostgreSQL backends.

Usage: cpu.py GUNICORN_MASTER_PID DB_NAME POSTGRES_URL  ->  prints JSON {"app": {pid: seconds}, "db": {...}}
(user + system time per process; compare two snapshots with delta()).
Measured per URL before and after wrk, this gives CPU time per request, which stays meaningful
when other processes share the machine (latency figures do not).
"""

import json
import os
import sys

import psycopg

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (FileNotFoundError, ProcessLookupError):
                pass
    return found


def backends(database: str, server: str) -> list[int]:
    with psycopg.connect(f"{server}/postgres") as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [database]
        ).fetchall()
    return [pid for (pid,) in rows]


def delta(before: dict, after: dict, kind: str) -> float:
    """CPU seconds used between two snapshots by the processes alive at the second."""
    return sum(seconds - before[kind].get(pid, 0.0) for pid, seconds in after[kind].items())


if __name__ == "__main__":
    master, database, server = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    print(
        json.dumps(
            {
                "app": {str(pid): cpu_seconds(pid) for pid in children(master)},
                "db": {str(pid): cpu_seconds(pid) for pid in backends(database, server)},
            }
        )
    )
