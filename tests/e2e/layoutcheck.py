#!/usr/bin/env python3
"""Checks on a layout dump (tebiki render --dump=layout, or tebiki check
--dump-layout=ID for a project's publication).

  layoutcheck.py lines DUMP
      every line of text (each 'break' operation and the text drawn on
      its baseline before it): no gap widened by more than half an em, no line left short
      of the measure because it would have needed more, and no last line
      of a paragraph or heading with fewer than two characters besides
      its punctuation (table cells and code aside). Prints one '#' line
      with what it measured.

Prints the problems (at most 20) and exits 1, or exits 0.
"""
import re
import sys

MAX_ADD = 0.5
PUNCT = set("、。，．・：；？！「」『』（）［］〔〕｛｝〈〉《》【】〘〙〖〗〝〟｟｠"
            ".,;:!?()[]{}\"'’”‘“ 　-")

TEXT = re.compile(r'^  text ([\d.-]+) ([\d.-]+) .*?"(.*)"$')
BREAK = re.compile(r'^  break ([\d.-]+) ([\d.-]+) (\w+)(.*)$')


def lines_of(path):
    """(page, text, why, added, flags) for every line."""
    page, pending = 0, []
    for raw in open(path, encoding="utf-8"):
        raw = raw.rstrip("\n")
        if raw.startswith("page "):
            page = int(raw.split()[1])
            continue
        m = TEXT.match(raw)
        if m:
            pending.append((float(m.group(2)), m.group(3)))
            continue
        m = BREAK.match(raw)
        if not m:
            continue
        y = float(m.group(2))
        text = "".join(s for (ty, s) in pending if abs(ty - y) < 0.01)
        pending = []
        rest = m.group(4).split()
        added = next((float(r[1:]) for r in rest if r.startswith("+")), 0.0)
        yield page, text, m.group(3), added, set(r for r in rest if r[0].isalpha())


def letters(text):
    return sum(1 for ch in text if ch not in PUNCT)


def check_lines(path):
    bad = []
    n = last = 0
    worst = 0.0
    prev_ends = True	# the previous line ended its paragraph
    for page, text, why, added, flags in lines_of(path):
        n += 1
        where = f"{path}: page {page}: {text[:50]!r}"
        worst = max(worst, added)
        if added > MAX_ADD + 0.005:
            bad.append(f"{where}: a gap widened by {added:.2f} em")
        if "short" in flags and added > 0:
            # it would have needed more than half an em a gap (a line
            # of a URL alone, with nothing to widen, is only short)
            bad.append(f"{where}: loose: stops short of the measure ({why})")
        ends = why in ("end", "hard")
        if ends and not prev_ends and not flags & {"cell", "code"}:
            last += 1
            if letters(text) < 2:
                bad.append(f"{where}: the last line of a paragraph has {letters(text)} character(s)")
        prev_ends = ends
    print(f"# {n} lines; the most any gap was widened: {worst:.2f} em; "
          f"{last} last lines of paragraphs checked")
    return bad


def main():
    if len(sys.argv) != 3 or sys.argv[1] != "lines":
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    bad = check_lines(sys.argv[2])
    for line in bad[:20]:
        print(line)
    if len(bad) > 20:
        print(f"... and {len(bad) - 20} more")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
