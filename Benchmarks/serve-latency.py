#!/usr/bin/env python3
"""Serve's latency after an edit: starts `keydocs serve` on a guide, then N times appends a
unique line to one page and asks for that page over HTTP until the line is there; prints the
median and each time in seconds. The page is put back as it was at the end.

usage: serve-latency.py KEYDOCS GUIDE_FOLDER PAGE_FILE URL_PATH RUNS [serve options...]
"""
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request


def main():
    keydocs, guide, page, url_path, runs = sys.argv[1:6]
    extra = sys.argv[6:]
    serve = subprocess.Popen([keydocs, "serve", "--port", "0", "--quiet"] + extra, cwd=guide,
                             stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    port = None
    # The address comes first, then the first build's findings and its summary line.
    for line in serve.stderr:
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if found:
            port = int(found.group(1))
        if port and line.startswith("keydocs: ") and ("rebuilt" in line or "build failed" in line):
            break
    if port is None:
        sys.exit("serve did not start")
    # Findings of later builds are read and dropped, so that serve never blocks on a full pipe.
    import threading
    threading.Thread(target=lambda: [None for _ in serve.stderr], daemon=True).start()
    path = os.path.join(guide, page)
    with open(path, encoding="utf-8") as f:
        original = f.read()
    times = []
    try:
        for i in range(int(runs)):
            marker = "latency-marker-%d-%d" % (os.getpid(), i)
            start = time.monotonic()
            with open(path, "w", encoding="utf-8") as f:
                f.write(original + "\n\n" + marker + "\n")
            while True:
                try:
                    body = urllib.request.urlopen("http://127.0.0.1:%d/%s" % (port, url_path), timeout=5).read().decode()
                except OSError:
                    body = ""
                if marker in body:
                    break
                if time.monotonic() - start > 30:
                    sys.exit("the edit did not show within 30 s")
                time.sleep(0.002)
            times.append(time.monotonic() - start)
            time.sleep(0.2)
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        serve.send_signal(signal.SIGINT)
        serve.wait(timeout=30)
    print("%.3f %s" % (statistics.median(times), " ".join("%.3f" % t for t in times)))


main()
