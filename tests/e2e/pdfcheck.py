#!/usr/bin/env python3
"""Checks on a PDF tebiki wrote, with poppler (pdftotext) and qpdf.

  pdfcheck.py fonts PDF            every font embedded and subset
  pdfcheck.py text PDF HTML...     every block of the HTML files (the
                                   chapters' site pages, their <div
                                   class="content">, or tebiki render
                                   output), in order, in the PDF's body
  pdfcheck.py structtext PDF HTML...
                                   the same, in the text of the structure
                                   tree (pdfinfo -struct-text)
  pdfcheck.py kinsoku PDF          no line starts with a not_start_strict
                                   or ends with a not_end character
  pdfcheck.py bbox PDF             no word outside the text area (hanging
                                   、。 and the blank of a line's last 」
                                   aside), running heads and folios
                                   in their bands
  pdfcheck.py gaps PDF [PAGE]      from PAGE on, in the text area, on every
                                   line of text of 10 pt or less, no gap
                                   between two words (poppler splits a
                                   line into words where a gap is wider
                                   than a tenth of the text size) wider
                                   than half an em: no letter-spaced
                                   (loose) lines; for paragraphs and
                                   lists (tables and code have columns)
  pdfcheck.py links PDF            prints the link annotations: GoTo or URI
  pdfcheck.py outline PDF          prints the bookmarks, one a line, two
                                   spaces of indent per level, with the
                                   page each opens ("1 はじめに @3")
  pdfcheck.py sources PDF          no page's text starts with a figure's
                                   出典 (its source, kept with the figure)
  pdfcheck.py sheet PDF            the check sheet's categories (項目) and
                                   answer headers broken, if at all, where
                                   a phrase ends: 重要情報|について,
                                   実施して|いる, 一部実施|している, わから|ない
  pdfcheck.py heads PDF            every running head reads the publication
                                   (with or without its subtitle) and the
                                   chapter at the top of the page (with or
                                   without a closing （…）), each whole or
                                   cut with 「…」, never cut silently

Prints nothing and exits 0 when the check passes; otherwise prints what
is wrong (at most 20 lines) and exits 1. The text area is the default
style's (A4, margins 25/22/28/28 mm) unless PDFCHECK_AREA="l t r b" in
points is given.
"""
import html.parser
import json
import os
import re
import subprocess
import sys

MM = 72 / 25.4
# /work/shared beside the repository (/work/main) or beside a worktree
# (/work/wt/NAME)
KINSOKU = next((p for p in (os.path.join(os.path.dirname(__file__), up, "shared/typography/kinsoku_tables.txt")
                            for up in ("../../..", "../../../..")) if os.path.exists(p)),
               "../../../shared/typography/kinsoku_tables.txt")


def area(page_w, page_h):
    if os.environ.get("PDFCHECK_AREA"):
        l, t, r, b = (float(v) for v in os.environ["PDFCHECK_AREA"].split())
        return l, t, page_w - r, page_h - b
    return 28 * MM, 25 * MM, page_w - 28 * MM, page_h - 22 * MM


def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True).stdout.decode("utf-8", "replace")


def qpdf_json(pdf):
    return json.loads(run("qpdf", "--json", pdf))


def page_size(pdf):
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", run("pdfinfo", pdf))
    return float(m.group(1)), float(m.group(2))


def first_body_page(pdf):
    """The first page labelled with an arabic number (after the cover
    and the table of contents), 1-based."""
    for label in qpdf_json(pdf).get("pagelabels", []):
        if label.get("label", {}).get("/S") == "/D":
            return label["index"] + 1
    return 1


def body_text(pdf, raw, first=1):
    w, h = page_size(pdf)
    l, t, r, b = area(w, h)
    args = ["pdftotext", "-f", str(first), "-x", "0", "-y", str(int(t - 1)), "-W", str(int(w)),
            "-H", str(int(b - t + 2))]
    if raw:
        args.append("-raw")
    return run(*args, pdf, "-")


def fail(lines):
    for line in lines[:20]:
        print(line)
    if len(lines) > 20:
        print(f"... and {len(lines) - 20} more")
    sys.exit(1 if lines else 0)


def check_fonts(pdf):
    bad = []
    rows = run("pdffonts", pdf).splitlines()[2:]
    if not rows:
        bad.append(f"{pdf}: no fonts")
    for row in rows:
        cols = row.split()
        # name type... encoding emb sub uni object ID
        emb, sub = cols[-5], cols[-4]
        if emb != "yes" or sub != "yes" or "+" not in cols[0]:
            bad.append(f"{pdf}: font not embedded as a subset: {row}")
    fail(bad)


class Blocks(html.parser.HTMLParser):
    BLOCK = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "pre", "blockquote",
             "dd", "dt", "div", "ul", "ol", "table", "tr"}

    def __init__(self, whole):
        super().__init__(convert_charrefs=True)
        self.blocks, self.cur, self.skip = [], [], 0
        # a site page: only its <div class="content">; tebiki render: all
        self.depth = 1 if whole else 0
        self.divs = []

    def flush(self):
        text = "".join(self.cur)
        self.cur = []
        if norm(text):
            self.blocks.append(text)

    def handle_starttag(self, tag, attrs):
        if tag == "div" and (self.depth or ("class", "content") in attrs):
            self.depth += 1
        if tag == "div":
            # a block for the site only (::: only format=html) is not in the PDF
            site_only = ("data-format", "html") in attrs
            self.divs.append(site_only)
            self.skip += site_only
        if tag in ("script", "style", "rt", "rp"):
            self.skip += 1	# a ruby's reading is not the PDF's text
        if tag in self.BLOCK:
            self.flush()

    def handle_endtag(self, tag):
        if tag in ("script", "style", "rt", "rp"):
            self.skip -= 1
        if tag == "div" and self.divs:
            self.skip -= self.divs.pop()
        if tag in self.BLOCK:
            self.flush()
        if tag == "div" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.skip and self.depth:
            self.cur.append(data)


def norm(s):
    return re.sub(r"[\s\u00a0\u3000]+", "", s)


def pattern(block):
    """A regex for a block: each character, or 〓 (what tebiki draws for
    a character none of its fonts has)."""
    return "".join("(?:%s|〓)" % re.escape(ch) for ch in block)


def struct_text(pdf):
    """The text of the structure tree in its order (pdfinfo -struct-text),
    from the first chapter (a Part) on: artifacts are not in it."""
    out = run("pdfinfo", "-struct-text", pdf)
    at = out.find("\n  Part")
    lines = out[at if at >= 0 else 0:].splitlines()
    text, rt = [], None	# the indent of an RT (a ruby's reading) being skipped
    for ln in lines:
        indent = len(ln) - len(ln.lstrip())
        if rt is not None and indent > rt:
            continue
        rt = indent if ln.strip() == "RT" else None
        m = re.match(r'\s*"(.*)"$', ln)
        if m:
            text.append(m.group(1))
    return "".join(text)


def check_text(pdf, htmls, struct=False):
    text = norm(struct_text(pdf) if struct else body_text(pdf, True, first_body_page(pdf)))
    bad, pos = [], 0
    for f in htmls:
        page = open(f, encoding="utf-8").read()
        p = Blocks('<div class="content">' not in page)
        p.feed(page)
        p.flush()
        for block in p.blocks:
            b = norm(block)
            if b.startswith("対象："):
                continue	# whom a block is for: worded from profiles.yaml in the PDF
            m = re.compile(pattern(b)).search(text, pos)
            if m is None:
                where = "missing" if re.search(pattern(b), text) is None else "out of order"
                bad.append(f"{os.path.basename(f)}: {where}: {b[:80]}")
            else:
                pos = m.end()
    fail(bad)


def kinsoku_sets():
    sets = {}
    for line in open(KINSOKU, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        name, *cps = line.split()
        sets[name] = {chr(int(c, 16)) for c in cps}
    return sets


def check_kinsoku(pdf):
    sets = kinsoku_sets()
    bad = []
    for n, line in enumerate(body_text(pdf, False).splitlines(), 1):
        s = line.strip()
        if not s:
            continue
        if s[0] in sets["not_start_strict"]:
            bad.append(f"{pdf}: line {n} starts with {s[0]!r}: {s[:60]}")
        if s[-1] in sets["not_end"]:
            bad.append(f"{pdf}: line {n} ends with {s[-1]!r}: {s[-60:]}")
    fail(bad)


WORD = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">|'
                  r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)</word>')


# Fullwidth closing brackets (JLReq cl-02) and middle dots (cl-05):
# glyph on the left, blank on the right.
CLOSING_BLANK = set("）〕］｝〉》」』】〙〗〟｠・：；")


def check_bbox(pdf):
    bad, page, tol = [], 0, 1.0
    sets = kinsoku_sets()
    for m in WORD.finditer(run("pdftotext", "-bbox", pdf, "-")):
        if m.group(1):
            page += 1
            l, t, r, b = area(float(m.group(1)), float(m.group(2)))
            ph = float(m.group(2))
            continue
        x0, y0, x1, y1 = (float(m.group(i)) for i in range(3, 7))
        word = html.unescape(m.group(7))
        head = y1 <= t + tol and y0 >= t - 30
        foot = y0 >= b - tol and y1 <= ph - (ph - b) / 4
        if head or foot:
            continue	# running head, folio
        # hanging 、。 and the blank after a closing bracket that line
        # adjustment takes first (JLReq 3.8.2) may pass the measure
        right = r + (11 if word and word[-1] in sets["hang"] else
                     5.5 if word and word[-1] in CLOSING_BLANK else 0)
        if x0 < l - tol or x1 > right + tol or y0 < t - tol or y1 > b + tol:
            bad.append(f"{pdf}: page {page}: {word!r} at ({x0:.1f}, {y0:.1f})-({x1:.1f}, {y1:.1f}) "
                       f"is outside ({l:.1f}, {t:.1f})-({r:.1f}, {b:.1f})")
    fail(bad)


def check_gaps(pdf, first=1, size=10.5):
    """Words of text no bigger than size pt, from page first, grouped into
    lines by their vertical centres."""
    bad, page, words = [], 0, []

    def flush():
        words.sort(key=lambda w: (w[0], w[1]))
        line = []
        for wd in words + [None]:
            if wd and line and abs(wd[0] - line[-1][0]) < 3:
                line.append(wd)
                continue
            line.sort(key=lambda w: w[1])
            for a, b in zip(line, line[1:]):
                em = max(a[3], b[3])	# 5% for poppler's rounded widths
                if b[1] - a[2] > em * 0.55:
                    bad.append(f"{pdf}: page {page}: {b[1] - a[2]:.1f} pt ({(b[1] - a[2]) / em:.2f} em) "
                               f"between {a[4][-12:]!r} and {b[4][:12]!r}")
            line = [wd] if wd else []
        words.clear()

    for m in WORD.finditer(run("pdftotext", "-f", str(first), "-bbox", pdf, "-")):
        if m.group(1):
            flush()
            page += 1
            l, t, r, b = area(float(m.group(1)), float(m.group(2)))
            continue
        x0, y0, x1, y1 = (float(m.group(i)) for i in range(3, 7))
        if y0 < t - 1 or y1 > b + 1 or y1 - y0 > size:
            continue	# running head, folio, heading
        words.append(((y0 + y1) / 2, x0, x1, y1 - y0, html.unescape(m.group(7))))
    flush()
    fail(bad)


def check_sources(pdf):
    bad = []
    for n, page in enumerate(body_text(pdf, True).split("\f"), 1):
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        if lines and lines[0].startswith("出典"):
            bad.append(f"{pdf}: page {n} starts with {lines[0][:40]!r}")
    fail(bad)


def good_join(a, b):
    """May a label break between a (ending a line) and b (the next)?"""
    kanji = lambda c: "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or c == "々"
    kata = lambda c: "\u30a1" <= c <= "\u30fc" and c != "・"
    hira = lambda c: "\u3041" <= c <= "\u309f"
    x, y = a[-1], b[0]
    return (x in "てで" and y == "い") or ((kanji(x) or kata(x)) and hira(y)) or b == "ない"


def check_sheet(pdf):
    bad, pages = [], []
    for m in WORD.finditer(run("pdftotext", "-bbox", pdf, "-")):
        if m.group(1):
            pages.append([])
            continue
        x0, y0, x1, y1 = (float(m.group(i)) for i in range(3, 7))
        pages[-1].append((x0, y0, x1, y1, html.unescape(m.group(7))))
    for n, words in enumerate(pages, 1):
        heads = {w[4]: w for w in words if w[4] in ("項目", "内容")}
        if len(heads) < 2 or abs(heads["項目"][1] - heads["内容"][1]) > 1:
            continue
        cx, qx, hy = heads["項目"][0], heads["内容"][0], heads["項目"][1]
        # answer headers: the words right of 内容 around the header's line
        groups = []
        for w in sorted((w for w in words if w[0] > qx + 20 and abs(w[1] - hy) < 15),
                        key=lambda w: w[1]):
            for g in groups:	# a column: words whose extents overlap
                if w[0] < max(v[2] for v in g) and w[2] > min(v[0] for v in g):
                    g.append(w)
                    break
            else:
                groups.append([w])
        # categories: the words that start the 項目 column below the header
        cat = sorted((w for w in words if abs(w[0] - cx) < 1 and w[1] > hy + 5),
                     key=lambda w: w[1])
        run_ = []
        for w in cat:
            if run_ and w[1] - run_[-1][1] > (w[3] - w[1]) * 1.8:
                groups.append(run_)
                run_ = []
            run_.append(w)
        if run_:
            groups.append(run_)
        for g in groups:
            g = sorted(g, key=lambda w: w[1])
            for a, b in zip(g, g[1:]):
                if not good_join(a[4], b[4]):
                    bad.append(f"{pdf}: page {n}: {a[4]!r} | {b[4]!r} breaks inside a word")
    fail(bad)


def check_heads(pdf):
    info = run("pdfinfo", pdf)
    title = re.search(r"^Title:\s*(.*)$", info, re.M).group(1)
    sub = re.search(r"^Subject:\s*(.*)$", info, re.M)
    sub = sub.group(1) if sub else ""
    squash = lambda s: re.sub(r"\s+", "", s)
    book = title[:-len(sub)] if sub and title.endswith(sub) else title
    lefts = {squash(title), squash(book)}
    data = qpdf_json(pdf)
    rights = set()
    for o in data.get("outlines", []):
        t = squash(o["title"])
        rights.add(t)
        rights.add(re.sub(r"（[^（]*）$", "", t))

    def cut_ok(s, whole):
        return s in whole or (s.endswith("…") and any(w.startswith(s[:-1]) for w in whole))

    def ok(h):
        for i in range(1, len(h) + 1):
            if cut_ok(h[:i], lefts) and (i == len(h) or cut_ok(h[i:], rights)):
                return True
        return False

    bad, page, words = [], 0, []
    first = first_body_page(pdf)

    def flush():
        if page >= first and page > 1 and words:
            h = squash("".join(words))
            if not ok(h):
                bad.append(f"{pdf}: page {page}: running head {h!r}")

    for m in WORD.finditer(run("pdftotext", "-bbox", pdf, "-")):
        if m.group(1):
            flush()
            page, words = page + 1, []
            t = area(float(m.group(1)), float(m.group(2)))[1]
            continue
        y0, y1 = float(m.group(4)), float(m.group(6))
        if y1 <= t + 1 and y0 >= t - 30:
            words.append(html.unescape(m.group(7)))
    flush()
    fail(bad)


def objects(data):
    """qpdf --json (version 2) objects: {"obj:3 0 R": value}."""
    return {k[4:]: v.get("value", v.get("stream", {}).get("dict"))
            for k, v in data["qpdf"][1].items() if k.startswith("obj:")}


def check_links(pdf):
    objs = objects(qpdf_json(pdf))
    for obj in objs.values():
        if isinstance(obj, dict) and obj.get("/Subtype") == "/Link":
            if "/Dest" in obj:
                print("goto")
            else:
                a = obj.get("/A", {})
                if isinstance(a, str):
                    a = objs.get(a, {})
                print("uri", str(a.get("/URI", "?")).removeprefix("u:"))


def check_outline(pdf):
    def walk(items, depth):
        for it in items:
            print("%s%s @%s" % ("  " * depth, it.get("title", ""), it.get("destpageposfrom1", "?")))
            walk(it.get("kids", []), depth + 1)
    walk(qpdf_json(pdf).get("outlines", []), 0)


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        sys.exit(2)
    cmd, pdf = sys.argv[1], sys.argv[2]
    {"fonts": lambda: check_fonts(pdf), "text": lambda: check_text(pdf, sys.argv[3:]),
     "structtext": lambda: check_text(pdf, sys.argv[3:], True),
     "kinsoku": lambda: check_kinsoku(pdf), "bbox": lambda: check_bbox(pdf),
     "gaps": lambda: check_gaps(pdf, int(sys.argv[3]) if len(sys.argv) > 3 else 1),
     "links": lambda: check_links(pdf), "heads": lambda: check_heads(pdf),
     "outline": lambda: check_outline(pdf),
     "sources": lambda: check_sources(pdf), "sheet": lambda: check_sheet(pdf)}[cmd]()


if __name__ == "__main__":
    main()
