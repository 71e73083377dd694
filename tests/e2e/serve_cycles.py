#!/usr/bin/env python3
"""Drives `tebiki serve`: N edit-rebuild cycles of one page, each waited
for as its reload event on the server's event stream; prints the
resident memory of the server and of its build process, in KiB, after
cycle FIRST and after the last one:  FIRST_SERVER FIRST_BUILD LAST_SERVER LAST_BUILD

    serve_cycles.py URL PID FILE N FIRST [title]

Each edit appends a line to the page's text (the fast path), or with
"title" gives the page a new title as well (a whole rebuild: other pages
may show it).
"""
import re
import socket
import sys
import time
from urllib.parse import urlparse


def rss(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def children(pid):
    with open(f"/proc/{pid}/task/{pid}/children") as f:
        return [int(x) for x in f.read().split()]


def main():
    url, pid, path, n, first = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    retitle = sys.argv[6:] == ["title"]
    u = urlparse(url)
    s = socket.create_connection((u.hostname, u.port), timeout=600)
    s.sendall(f"GET /__tebiki/events HTTP/1.1\r\nHost: {u.netloc}\r\n\r\n".encode())
    stream = s.makefile("rb")
    text = open(path, encoding="utf-8").read()
    samples = []

    def next_reload():
        for line in stream:
            if line.startswith(b"event: reload"):
                return
        raise SystemExit("the event stream ended")

    for i in range(1, n + 1):
        with open(path, "w", encoding="utf-8") as f:
            if retitle:  # the text too: the home page's title may show nowhere
                f.write(re.sub(r"(?m)^title: .*$", f"title: 題 {i}", text, count=1)
                        + f"\n題の編集 {i}\n")
            else:
                f.write(text + f"\n編集 {i}\n")
        next_reload()
        if i == first or i == n:
            time.sleep(0.2)  # let the build process return to its loop
            builder = children(pid)[0]
            samples += [rss(pid), rss(builder)]
    print(*samples)


main()
