#!/usr/bin/env python3
"""Checks the links of a built site: linkcheck.py SITEDIR

Prints one problem a line and exits 1 when there is any:
- an internal href/src (relative, #fragment and ?query stripped,
  percent-decoded) that does not name an existing file in the site,
- a #fragment into an .html page that names no id="…" there (the
  fragment percent-decoded, compared with the id as written),
- a site-absolute (/x) or empty link: the site must work from any folder,
- an absolute URL (http:, https:, //) in a src= or in <link href=>, or in
  a url(…)/@import of a stylesheet: the site makes no external requests.
Plain <a href="https://…"> links are fine.
Standard library only.
"""
import html.parser
import os
import re
import sys
import urllib.parse

SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
EXTERNAL = re.compile(r"^(https?:)?//", re.I)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]*)|@import\s+['"]([^'"]*)""", re.I)


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []  # (line, tag, attr, value)
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids.add(value)
            if name in ("href", "src"):
                self.links.append((self.getpos()[0], tag, name, value or ""))

    handle_startendtag = handle_starttag


def parse(path, cache):
    if path not in cache:
        p = Page()
        with open(path, encoding="utf-8") as f:
            p.feed(f.read())
        p.close()
        cache[path] = p
    return cache[path]


def main():
    if len(sys.argv) != 2:
        print("usage: linkcheck.py SITEDIR", file=sys.stderr)
        return 2
    site = os.path.realpath(sys.argv[1])
    problems = []
    cache = {}
    files = []
    for d, dirs, names in os.walk(site):
        dirs.sort()
        for n in sorted(names):
            files.append(os.path.join(d, n))
    for path in files:
        rel = os.path.relpath(path, site)
        if path.endswith(".css"):
            with open(path, encoding="utf-8") as f:
                for i, line in enumerate(f, 1):
                    for m in CSS_URL.finditer(line):
                        u = m.group(1) or m.group(2) or ""
                        if EXTERNAL.match(u):
                            problems.append(f"{rel}:{i}: external resource in a stylesheet: {u}")
            continue
        if not path.endswith(".html"):
            continue
        try:
            page = parse(path, cache)
        except (UnicodeDecodeError, OSError) as e:
            problems.append(f"{rel}: cannot read: {e}")
            continue
        for line, tag, attr, url in page.links:
            where = f"{rel}:{line}: <{tag} {attr}=\"{url}\">"
            if attr == "src" or (tag == "link" and attr == "href"):
                if EXTERNAL.match(url):
                    problems.append(f"{where}: external resource (the site must make no external requests)")
                    continue
            if EXTERNAL.match(url) or SCHEME.match(url):
                continue  # a link out (https:, mailto:, …)
            if url == "":
                problems.append(f"{where}: empty link")
                continue
            if url.startswith("/"):
                problems.append(f"{where}: site-absolute link (breaks outside the server root)")
                continue
            target, _, frag = url.partition("#")
            target = target.partition("?")[0]
            if target:
                dest = os.path.normpath(
                    os.path.join(os.path.dirname(path), urllib.parse.unquote(target)))
                if dest != site and not dest.startswith(site + os.sep):
                    problems.append(f"{where}: leaves the site")
                    continue
                if os.path.isdir(dest):
                    dest = os.path.join(dest, "index.html")
                if not os.path.isfile(dest):
                    problems.append(f"{where}: no such file {os.path.relpath(dest, site)}")
                    continue
            else:
                dest = path
            if frag and dest.endswith(".html"):
                want = urllib.parse.unquote(frag)
                try:
                    ids = parse(dest, cache).ids
                except (UnicodeDecodeError, OSError):
                    ids = set()
                if want not in ids:
                    problems.append(f"{where}: no id=\"{want}\" in {os.path.relpath(dest, site)}")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
