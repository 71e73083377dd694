#!/usr/bin/env python3
"""Every paragraph of the sources, in order, as each PDF reader reads it.

  pdfreaders.py READER PDF HTML...

READER is one of
  poppler      pdftotext
  struct       pdfinfo -struct-text (poppler, the structure tree's order)
  mupdf        mutool draw -F txt
  pdfjs        pdf.js getTextContent (tests/e2e/pdfjs, Node.js)
  gs           Ghostscript's txtwrite
  gs-pdfwrite  pdftotext of the PDF after a Ghostscript pdfwrite round
               trip (what "shrink for e-mail" and print steps do)

Each block of the HTML pages (the site's chapter pages: the oracle)
must appear in the text after the one before it, character for
character: a line break may come between any two characters (with a
hyphen between two Latin letters), a space only where the source has
one. So 「2009 年」 for 「2009年」, 「2 009」 and 「N o.3」 fail; so does a
U+FFFD anywhere. Running heads and page numbers (lines at the top or
bottom of a page made of the title, the chapters' bookmarks and
numbers) are left out first. pdftotext and Ghostscript's txtwrite order
lines by where they are on the page, so the lines of table cells side
by side may interleave: for them table cells are not checked (pdf.js,
MuPDF and the structure tree check them). A block with ruby is checked
in the structure tree only (its RT is left out there): the readings are
drawn above their base, and readers that ignore /ActualText read them
in the line.

Prints nothing and exits 0 when all holds; else what is wrong (at most
20 lines) and exits 1.
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdfcheck import Blocks, fail  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True).stdout.decode("utf-8", "replace")


def struct_text(pdf):
    """The tree's text without ruby readings (an RT's text)."""
    out, rt = [], None
    for ln in run("pdfinfo", "-struct-text", pdf).splitlines():
        depth = len(ln) - len(ln.lstrip())
        if rt is not None and depth <= rt:
            rt = None
        if ln.strip().startswith("RT"):
            rt = depth
        m = re.match(r'\s*"(.*)"$', ln)
        if m and rt is None:
            out.append(m.group(1))
    return "\n".join(out)


def gs_pdfwrite(pdf):
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "gs.pdf")
        run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite",
            "-sOutputFile=" + out, pdf)
        return run("pdftotext", out, "-")


def gs_txtwrite(pdf):
    """A file a page, joined with form feeds as the other readers do."""
    with tempfile.TemporaryDirectory() as d:
        run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=txtwrite",
            "-sOutputFile=" + os.path.join(d, "p%05d.txt"), pdf)
        return "\f".join(open(os.path.join(d, f), encoding="utf-8", errors="replace").read()
                         for f in sorted(os.listdir(d)))


READERS = {
    "poppler": lambda pdf: run("pdftotext", pdf, "-"),
    "struct": struct_text,
    "mupdf": lambda pdf: run("mutool", "draw", "-q", "-F", "txt", "-o", "-", pdf),
    "pdfjs": lambda pdf: run("node", os.path.join(HERE, "pdfjs", "pdfjs.mjs"), "text", pdf),
    "gs": gs_txtwrite,
    "gs-pdfwrite": gs_pdfwrite,
}

FOLIO = re.compile(r"^(?:[0-9]+|[ivxlcdm]+)$")


def furniture_rx(pdf):
    """What running heads and page numbers are made of: the title, the
    top-level bookmarks (the chapters), numbers; a head cut with …."""
    from pypdf import PdfReader
    r = PdfReader(pdf)
    words = [str(r.metadata.title or "")] if r.metadata else []
    words += [o.title for o in r.outline if not isinstance(o, list)]
    parts = set()
    for w in words:
        for piece in [w] + w.split():
            piece = re.sub(r"\s+", "", piece)
            if piece:
                parts.add(re.escape(piece))
                parts.add(re.escape(piece[:2]) + "[^…]*…")	# a head cut to fit
    alt = "|".join(sorted(parts, key=len, reverse=True))
    return re.compile(r"^(?:[0-9]+|[ivxlcdm]+|%s)+$" % alt)


def clean(text, furniture=None):
    """Lines with their spaces made one; page furniture left out: of the
    first four lines of a page, those made of furniture's words; of the
    last four, a page number and what comes after it (MuPDF reads the
    running head last)."""
    pages = [[re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in re.split(r"[\n\r]", pg)]
             for pg in text.split("\f")]
    out = []
    for pg in pages:
        pg = [ln for ln in pg if ln]
        folio = max([i for i in range(max(0, len(pg) - 4), len(pg)) if FOLIO.match(pg[i])],
                    default=len(pg))
        for i, ln in enumerate(pg):
            head = furniture and furniture.match(re.sub(r"[\s\u3000]+", "", ln))
            if furniture and (i == folio or (head and (i < 4 or i > folio))):
                continue
            out.append(ln)
    return "\n".join(out)


LATIN = re.compile(r"[A-Za-z]")
BREAK = r"(?:\n)?"
HYPHEN_BREAK = r"(?:-?\n)?"


def pattern(block):
    """The block's characters; between them a line break, or a space
    where the source has one."""
    out, prev = [], ""
    for ch in block:
        if ch == " ":
            out.append(r"[ \n]?")
            prev = ""
            continue
        if prev:
            out.append(HYPHEN_BREAK if LATIN.match(prev) and LATIN.match(ch) else BREAK)
        out.append("(?:%s|〓)" % re.escape(ch))
        prev = ch
    return "".join(out)


class Cells(Blocks):
    """The blocks, which of them are table cells, which have ruby."""

    def __init__(self, whole):
        super().__init__(whole)
        self.cells, self.rubies, self.tag, self.ruby = [], [], "", False

    def flush(self):
        n = len(self.blocks)
        super().flush()
        if len(self.blocks) > n:
            self.cells.append(self.tag in ("td", "th"))
            self.rubies.append(self.ruby)
        self.ruby = False

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        if tag in self.BLOCK:
            self.tag = tag
        if tag == "ruby":
            self.ruby = True


# Readers that order text by where it is on the page, line by line: the
# lines of table cells side by side may interleave, whatever the PDF.
LAYOUT = {"poppler", "gs", "gs-pdfwrite"}


def check(reader, pdf, htmls):
    raw = READERS[reader](pdf)
    bad = []
    if "\ufffd" in raw:
        at = raw.index("\ufffd")
        bad.append(f"{reader}: U+FFFD in {raw[max(0, at - 30):at + 10]!r}")
    text, pos = clean(raw, furniture_rx(pdf) if reader != "struct" else None), 0
    for f in htmls:
        page = open(f, encoding="utf-8").read()
        p = Cells('<div class="content">' not in page)
        p.feed(page)
        p.flush()
        for block, cell, ruby in zip(p.blocks, p.cells, p.rubies):
            if (cell and reader in LAYOUT) or (ruby and reader != "struct"):
                continue
            b = re.sub(r"[\s\u3000]+", " ", block).strip()
            if not b or b.startswith("対象：") or FOLIO.match(b):
                # whom a block is for: worded from profiles.yaml in the PDF;
                # a number alone (a table's No.) is told from a page
                # number by no reader
                continue
            rx = re.compile(pattern(b))
            m = rx.search(text, pos)
            if m is None:
                loose = re.compile(r"\s*".join("(?:%s|〓)" % re.escape(c) for c in b if c != " "))
                hit = loose.search(text, pos)
                if hit:
                    bad.append(f"{reader}: {os.path.basename(f)}: stray space: "
                               f"{text[hit.start():hit.end()][:120]!r}")
                    pos = hit.end()
                else:
                    where = "missing" if loose.search(text) is None else "out of order"
                    bad.append(f"{reader}: {os.path.basename(f)}: {where}: {b[:80]}")
            else:
                pos = m.end()
    fail(bad)


def main():
    if len(sys.argv) < 4 or sys.argv[1] not in READERS:
        sys.exit(__doc__)
    check(sys.argv[1], sys.argv[2], sys.argv[3:])


if __name__ == "__main__":
    main()
