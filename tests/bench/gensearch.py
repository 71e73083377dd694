#!/usr/bin/env python3
"""gensearch N DIR ROOT: a tebiki project of N Japanese pages for the
search benchmark (tests/bench/search.sh), written to DIR.

The text is real: sentences and headings of the example project under
ROOT/content, drawn with a fixed seed, so the same N gives the same
bytes. Pages go into ten sections; about one page in five has a block
for one industry or size (::: only), and one in ten is for one industry
in its front matter, so the index carries audiences as a real site's
would. The site uses the default theme (its search page and index).
"""
import os
import random
import re
import sys

SECTIONS = ["基本的対策", "従業員の対策", "組織の対策", "パスワード", "メール",
            "端末と機器", "ネットワーク", "クラウド", "事故対応", "資料集"]


def text_of(line):
    """Markdown inline syntax out: links, emphasis, code marks."""
    line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)
    line = re.sub(r"[*_`]+", "", line)
    return line.strip()


def harvest(root):
    sentences, headings, industries, sizes = [], [], [], []
    for d, _, files in sorted(os.walk(os.path.join(root, "content"))):
        for f in sorted(files):
            if not f.endswith(".md"):
                continue
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                body = fh.read()
            if body.startswith("---\n"):
                body = body.split("\n---\n", 1)[-1]
            fence = False
            for line in body.splitlines():
                if line.startswith("```"):
                    fence = not fence
                    continue
                if fence or not line.strip() or line.startswith(("|", ":::", "<", ">")):
                    continue
                if line.startswith("## ") or line.startswith("### "):
                    h = text_of(line.lstrip("# ").split("{#")[0])
                    if h:
                        headings.append(h)
                    continue
                line = re.sub(r"^\s*([-*]|\d+\.)\s+(\[[ x]\]\s+)?", "", line)
                for s in re.split(r"(?<=。)", text_of(line)):
                    if len(s) >= 8 and not s.startswith("#"):
                        sentences.append(s)
    with open(os.path.join(root, "content", "profiles.yaml"), encoding="utf-8") as fh:
        profiles = fh.read()
    axis = None
    for line in profiles.splitlines():
        if re.match(r"^(size|industry):", line):
            axis = line[:-1]
        m = re.match(r"^\s*- id: (\S+)", line)
        if m and axis:
            (sizes if axis == "size" else industries).append(m.group(1))
    return sentences, headings, profiles, industries, sizes


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: gensearch.py N DIR ROOT")
    n, out, root = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    sentences, headings, profiles, industries, sizes = harvest(root)
    rng = random.Random(20260127)
    os.makedirs(os.path.join(out, "content"), exist_ok=True)
    with open(os.path.join(out, "site.yaml"), "w", encoding="utf-8") as fh:
        fh.write("title: 検索ベンチマーク\nlanguage: ja\n")
    with open(os.path.join(out, "content", "profiles.yaml"), "w", encoding="utf-8") as fh:
        fh.write(profiles)
    with open(os.path.join(out, "content", "_index.md"), "w", encoding="utf-8") as fh:
        fh.write("---\ntitle: 検索ベンチマーク\n---\n\n生成したページです。\n")
    for s, title in enumerate(SECTIONS):
        d = os.path.join(out, "content", "s%02d" % s)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "_index.md"), "w", encoding="utf-8") as fh:
            fh.write("---\ntitle: %s\norder: %d\n---\n\n%s\n" % (title, s + 1, rng.choice(sentences)))

    def para(k):
        return "\n".join(rng.choice(sentences) for _ in range(k)) + "\n\n"

    total = 0
    for i in range(n):
        fm = "---\ntitle: \"%s（%05d）\"\norder: %d\n" % (rng.choice(headings), i, i // 10 + 1)
        if rng.random() < 0.1:
            fm += "industries: [%s]\n" % rng.choice(industries)
        body = fm + "---\n\n" + para(rng.randint(2, 3))
        for _ in range(rng.randint(2, 4)):
            body += "## %s\n\n" % rng.choice(headings)
            body += para(rng.randint(2, 5))
            if rng.random() < 0.2:
                key, ids = rng.choice([("industry", industries), ("size", sizes)])
                body += "::: only %s=%s\n%s:::\n\n" % (key, rng.choice(ids), para(rng.randint(1, 3)))
        total += len(body.encode("utf-8"))
        with open(os.path.join(out, "content", "s%02d" % (i % 10), "p%05d.md" % i), "w",
                  encoding="utf-8") as fh:
            fh.write(body)
    print("gensearch: %d pages from %d sentences, %.1f KB a page on average"
          % (n, len(sentences), total / n / 1024), file=sys.stderr)


main()
