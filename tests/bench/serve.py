#!/usr/bin/env python3
"""make bench: the author's loop of `tebiki serve`, measured.

For each project (the example project, and a generated corpus of
BENCH_SERVE_PAGES pages, 10,000 by default), `tebiki serve --port 0`
runs on a copy; one page gets BENCH_SERVE_EDITS edits (50), each a
paragraph appended (the file written and closed), and the time from the
file written to the live-reload event naming that page on the
Server-Sent Events stream is taken. It prints the median and the 95th
percentile, tebiki's own "rebuilt 1 page in N ms" figures, and the
resident memory of serve's processes once the edits are done. Then the
page's title is changed BENCH_SERVE_RETITLES times (10): a change other
pages show, so a whole rebuild, measured the same way.

On the generated corpus `hugo server` gets the same edits on the same
page of the same text (gencorpus writes both projects); Hugo prints its
rebuild time ("Total in N ms"), which is reported beside tebiki's.

Environment: TEBIKI, HUGO, BENCH_SERVE_EDITS, BENCH_SERVE_PAGES (0: the
example project only), BENCH_SERVE_ARGS (more arguments for serve, e.g.
--no-pdf: without the PDF builds that each edit of a chapter starts in
the background, competing for the cores).

A report, not a test: it exits 0 whatever the figures, non-zero only
when something is broken (no reload event, a server that will not
start).
"""
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEBIKI = os.environ.get("TEBIKI", os.path.join(ROOT, "build", "tebiki"))
HUGO = os.environ.get("HUGO", "hugo")
EDITS = int(os.environ.get("BENCH_SERVE_EDITS", "50"))
RETITLES = int(os.environ.get("BENCH_SERVE_RETITLES", "10"))
PAGES = int(os.environ.get("BENCH_SERVE_PAGES", "10000"))
ARGS = os.environ.get("BENCH_SERVE_ARGS", "").split()
WAIT = 120  # seconds before calling something hung
TARGETS = {"example": 50, "corpus": 100}  # ms, from issue 12
RSS_TARGET_MB = 300


def die(msg):
    print("bench serve: " + msg, file=sys.stderr)
    sys.exit(1)


def pct(values, p):
    v = sorted(values)
    k = max(0, min(len(v) - 1, int(round(p / 100.0 * len(v) + 0.5)) - 1))
    return v[k]


class Log:
    """A child's output, line by line, kept with arrival times."""

    def __init__(self, stream):
        self.lines = []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\n")
            with self.cond:
                self.lines.append((time.perf_counter(), line))
                self.cond.notify_all()

    def wait(self, pattern, start=0, timeout=WAIT):
        """The first line at or after index start matching pattern: (index, time, match)."""
        rx = re.compile(pattern)
        end = time.monotonic() + timeout
        with self.cond:
            i = start
            while True:
                while i < len(self.lines):
                    m = rx.search(self.lines[i][1])
                    if m:
                        return i, self.lines[i][0], m
                    i += 1
                left = end - time.monotonic()
                if left <= 0:
                    return None
                self.cond.wait(left)


def sse(host, port):
    """The reload events of serve's /__tebiki/events, as a Log of data lines."""
    s = socket.create_connection((host, port), timeout=WAIT)
    s.sendall(b"GET /__tebiki/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
    s.settimeout(None)
    return s, Log(s.makefile("rb"))


def rss_kb(pid):
    """Resident memory of pid and every process under it."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open("/proc/%d/status" % p) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            with open("/proc/%d/task/%d/children" % (p, p)) as f:
                todo += [int(x) for x in f.read().split()]
        except OSError:
            pass
    return total


def append(path, i):
    with open(path, "a", encoding="utf-8") as f:
        f.write("\nベンチマークの編集 %d 回目の段落です。\n" % i)


def retitle(path, i):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"(?m)^title: .*$", 'title: "改題 %d"' % i, text, count=1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def edits(log, events, path, url_path, n, edit, name):
    """n edits of one kind: the edit->reload latencies and tebiki's own figures."""
    lat, own = [], []
    for i in range(n):
        nev, nlog = len(events.lines), len(log.lines)
        edit(path, i)
        t0 = time.perf_counter()
        got = events.wait(r'^data: \[.*"%s"' % re.escape(url_path), nev)
        if got is None:
            die("%s: no reload event for %s after edit %d" % (name, url_path, i))
        lat.append((got[1] - t0) * 1000)
        r = log.wait(r": rebuilt ([0-9]+) pages? in ([0-9]+) ms", nlog, 10)
        if r:
            own.append(float(r[2].group(2)))
        time.sleep(0.3)  # an author does not save 50 times a second
    return lat, own


def bench_tebiki(name, project, page):
    url_path = re.sub(r"\.md$", ".html", page)
    proc = subprocess.Popen([TEBIKI, "serve", "-C", project, "--port", "0"] + ARGS,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    log = Log(proc.stdout)
    conn = None
    try:
        got = log.wait(r"^tebiki: serving .* at http://([0-9.]+):([0-9]+)/")
        if got is None:
            die("%s: tebiki serve did not start: %s" % (name, "\n".join(l for _, l in log.lines[-5:])))
        host, port = got[2].group(1), int(got[2].group(2))
        conn, events = sse(host, port)
        events.wait(r"^event: ")  # the stream is open
        # the first build's PDFs and the fast path's templates: settle first
        time.sleep(3)
        path = os.path.join(project, "content", page)
        lat, own = edits(log, events, path, url_path, EDITS, append, name)
        time.sleep(1)
        rss = rss_kb(proc.pid)
        relat, reown = edits(log, events, path, url_path, RETITLES, retitle, name)
    finally:
        if conn:
            conn.close()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return lat, own, rss, relat, reown


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def bench_hugo(project, page):
    """Hugo's own rebuild time ("Total in N ms") for the same edits."""
    if shutil.which(HUGO) is None:
        return None
    proc = subprocess.Popen([HUGO, "server", "-s", project, "--bind", "127.0.0.1",
                             "--port", str(free_port()), "--disableLiveReload"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    log = Log(proc.stdout)
    try:
        if log.wait(r"Web Server is available", 0, 600) is None:
            print("  hugo server did not start: %s" % "\n".join(l for _, l in log.lines[-5:]))
            return None
        time.sleep(1)
        totals = []
        for n_edits, edit in ((EDITS, append), (RETITLES, retitle)):
            t = []
            for i in range(n_edits):
                n = len(log.lines)
                edit(os.path.join(project, "content", page), i)
                got = log.wait(r"Total in ([0-9.]+) ?ms", n)
                if got is None:
                    print("  hugo: no rebuild after edit %d" % i)
                    return None
                t.append(float(got[2].group(1)))
                time.sleep(0.3)
            totals.append(t)
        return totals
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def report(name, page, lat, own, rss, target, relat, reown):
    print("%s (%s), %d edits:" % (name, page, len(lat)))
    print("  edit -> reload event: median %.1f ms, p95 %.1f ms (target < %d ms)"
          % (statistics.median(lat), pct(lat, 95), target))
    if own:
        print("  tebiki's own rebuild line: median %.1f ms, p95 %.1f ms"
              % (statistics.median(own), pct(own, 95)))
    print("  serve's resident memory after the edits: %.1f MB" % (rss / 1024.0))
    if relat:
        print("  %d title edits (a whole rebuild) -> reload event: median %.1f ms, p95 %.1f ms"
              % (len(relat), statistics.median(relat), pct(relat, 95)))
    if reown:
        print("  tebiki's own rebuild line for them: median %.1f ms, p95 %.1f ms"
              % (statistics.median(reown), pct(reown, 95)))


def main():
    if not os.access(TEBIKI, os.X_OK):
        die("%s: no tebiki binary (make build/tebiki)" % TEBIKI)
    work = tempfile.mkdtemp(prefix="tebiki-bench-serve.")
    try:
        ex = os.path.join(work, "example")
        os.mkdir(ex)
        for part in ("site.yaml", "content", "lua", "themes"):
            src = os.path.join(ROOT, part)
            if os.path.isdir(src):
                shutil.copytree(src, os.path.join(ex, part), symlinks=True)
            elif os.path.exists(src):
                shutil.copy(src, ex)
        page = "lessons/phishing.md"
        lat, own, rss, relat, reown = bench_tebiki("example", ex, page)
        report("example project%s" % (" (serve %s)" % " ".join(ARGS) if ARGS else ""),
               page, lat, own, rss, TARGETS["example"], relat, reown)
        if PAGES <= 0:
            return

        gen = os.path.join(work, "gencorpus")
        subprocess.check_call([os.environ.get("CC", "cc"), "-O2", "-o", gen,
                               os.path.join(ROOT, "tests", "bench", "gencorpus.c")])
        corpus = os.path.join(work, "corpus")
        subprocess.check_call([gen, str(PAGES), corpus], stderr=subprocess.DEVNULL)
        page = "s03/p00013.md" if PAGES > 13 else "s00/p00000.md"
        lat, own, rss, relat, reown = bench_tebiki("corpus", os.path.join(corpus, "tebiki"), page)
        report("generated corpus of %d pages" % PAGES, page, lat, own, rss, TARGETS["corpus"],
               relat, reown)
        print("  steady-state memory target: < %d MB" % RSS_TARGET_MB)
        totals = bench_hugo(os.path.join(corpus, "hugo"), page)
        if totals:
            t, ret = totals
            print("  hugo server, same edits (its \"Total in\"): median %.1f ms, p95 %.1f ms"
                  % (statistics.median(t), pct(t, 95)))
            med = statistics.median(lat)
            print("  ratio, tebiki edit->reload / hugo rebuild (median): %.2f"
                  % (med / statistics.median(t) if statistics.median(t) else 0))
            if ret and relat:
                print("  hugo server, same title edits: median %.1f ms, p95 %.1f ms; ratio %.2f"
                      % (statistics.median(ret), pct(ret, 95),
                         statistics.median(relat) / statistics.median(ret)
                         if statistics.median(ret) else 0))
        else:
            print("  hugo server: not measured")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
