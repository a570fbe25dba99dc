"""Page through an API list by its `next` links and sample the resident memory of the gunicorn workers.

    python bench/api/paging_memory.py URL GUNICORN_MASTER_PID [MAX_PAGES]

Prints a Markdown table: pages read, items, and the workers' summed RSS (MiB) at the start, the maximum and at the
end, read from /proc/<pid>/status every 25 pages. Flat memory means: the maximum stays within a few MiB of the start.
"""

import json
import pathlib
import sys
import time
import urllib.request


def workers(master: int) -> list[int]:
    children = pathlib.Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def rss_mib(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def main() -> None:
    url, master = sys.argv[1], int(sys.argv[2])
    max_pages = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    pids = workers(master)
    start = rss_mib(pids)
    samples, pages, items, began = [start], 0, 0, time.monotonic()
    while url and (not max_pages or pages < max_pages):
        with urllib.request.urlopen(url, timeout=30) as response:
            body = json.load(response)
        pages += 1
        items += len(body["items"])
        url = body["next"]
        if pages % 25 == 0:
            samples.append(rss_mib(pids))
    samples.append(rss_mib(pids))
    seconds = time.monotonic() - began
    print("| pages | items | seconds | RSS start MiB | RSS max MiB | RSS end MiB |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    print(f"| {pages} | {items} | {seconds:.0f} | {start:.1f} | {max(samples):.1f} | {samples[-1]:.1f} |")


if __name__ == "__main__":
    main()
