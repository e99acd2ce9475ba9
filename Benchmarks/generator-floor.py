#!/usr/bin/env python3
"""The least time the guide's shell generators can take at --runs N on this machine: each
distinct generator that `keydocs check` ran N times, run N times again by plain bash, with no
sandbox and nothing read, its runs split over every core as keydocs splits them. Prints the
seconds; `keydocs check` cannot take less for its runs, whatever it does around them.

usage: generator-floor.py KEYDOCS RUNS   (in the guide's folder)
"""
import json
import os
import subprocess
import sys
import time


def fenced_block(path, line):
    """The text of the fenced block whose opening fence is on `line` (1-based)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    opening = lines[line - 1].lstrip()
    fence = opening[: len(opening) - len(opening.lstrip(opening[0]))]
    body = []
    for text in lines[line:]:
        if text.strip().startswith(fence) and text.strip().strip(fence[0]) == "":
            break
        body.append(text)
    return "\n".join(body)


def main():
    keydocs, runs = sys.argv[1], int(sys.argv[2])
    report = subprocess.run([keydocs, "check", "--format", "json", "--runs", str(runs)],
                            capture_output=True, text=True)
    samples = json.loads(report.stdout)["samples"]
    scripts = []
    for sample in samples:
        if f"ran {runs} times" in sample.get("note", ""):
            script = fenced_block(sample["file"], sample["line"])
            if script not in scripts:
                scripts.append(script)
    cores = os.cpu_count() or 1
    loop = 'for ((i = 0; i < $1; i++)); do ( eval "$0" ) >/dev/null 2>&1 </dev/null; done'
    start = time.monotonic()
    workers = []
    for script in scripts:
        for part in range(cores):
            share = runs // cores + (1 if part < runs % cores else 0)
            workers.append((script, share))
    # Every core busy at once, as keydocs keeps them, a script's parts side by side.
    running = []
    for script, share in workers:
        running.append(subprocess.Popen(["bash", "-c", loop, script, str(share)], cwd="/tmp"))
        if len(running) == cores:
            for process in running:
                process.wait()
            running = []
    for process in running:
        process.wait()
    print(f"{time.monotonic() - start:.3f} {len(scripts)}")


main()
