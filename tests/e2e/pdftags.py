#!/usr/bin/env python3
"""What makes a tebiki PDF a tagged PDF (PDF/UA-1), checked with pypdf.

  pdftags.py PDF...

For each file: the header says PDF 1.7 and the trailer has an /ID; the
catalog has /MarkInfo /Marked true, /Lang, /ViewerPreferences
/DisplayDocTitle true, a /StructTreeRoot and XMP metadata with dc:title
and pdfuaid:part 1; every text, path and image operator of every page's
content stream is inside marked content that is an /Artifact or has an
MCID; every MCID is in the parent tree, whose element lists it among its
kids; every structure element is reachable from the root; a page with
annotations has /Tabs /S and every annotation a /StructParent, a link
its /Contents; a Figure has /Alt; a form field's widget has /TU (its own
or its field's).

Prints nothing and exits 0 when all holds; else prints what is wrong
(at most 20 lines) and exits 1.
"""
import sys

from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject, IndirectObject, NameObject

PAINT = {b"Tj", b"TJ", b"'", b'"', b"m", b"l", b"c", b"v", b"y", b"h", b"re", b"S", b"s",
         b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"n", b"Do", b"sh", b"BI"}


def res(o):
    return o.get_object() if isinstance(o, IndirectObject) else o


def check_streams(reader, problems):
    """Every painting operator in marked content; returns {page: set(MCID)}."""
    mcids = {}
    for p, page in enumerate(reader.pages):
        contents = page.get_contents()
        if contents is None:
            continue
        stack, seen = [], set()
        for operands, op in ContentStream(contents, reader).operations:
            if op in (b"BDC", b"BMC"):
                tag = operands[0]
                props = operands[1] if op == b"BDC" and len(operands) > 1 else None
                mcid = props.get("/MCID") if isinstance(props, DictionaryObject) else None
                if mcid is not None:
                    if int(mcid) in seen:
                        problems.append(f"page {p + 1}: MCID {mcid} used twice")
                    seen.add(int(mcid))
                stack.append((tag, mcid))
            elif op == b"EMC":
                if not stack:
                    problems.append(f"page {p + 1}: EMC without BDC")
                else:
                    stack.pop()
            elif op in PAINT:
                if not any(t == "/Artifact" or m is not None for t, m in stack):
                    problems.append(f"page {p + 1}: {op.decode()} outside marked content")
                    break
        if stack:
            problems.append(f"page {p + 1}: marked content left open")
        mcids[p] = seen
    return mcids


def walk_tree(root, problems):
    """The structure elements reachable from the root, and the MCIDs
    their kids name, as {(page object id, MCID): element}."""
    elems, named, seen = [], {}, set()
    todo = [(res(root.get("/K")), None)]
    while todo:
        k, parent = todo.pop()
        if isinstance(k, list):
            todo.extend((res(x), parent) for x in k)
            continue
        if isinstance(k, int):
            pg = parent.raw_get("/Pg") if parent is not None and "/Pg" in parent else None
            named[(pg.idnum if pg is not None else None, k)] = parent
            continue
        if not isinstance(k, DictionaryObject):
            continue
        kind = k.get("/Type")
        if kind == "/MCR":
            named[(k.raw_get("/Pg").idnum, int(k["/MCID"]))] = parent
            continue
        if kind == "/OBJR":
            continue
        if id(k) in seen:
            continue
        seen.add(id(k))
        elems.append(k)
        if "/K" in k:
            todo.append((res(k["/K"]), k))
    return elems, named


def check(path):
    problems = []
    with open(path, "rb") as f:
        head = f.read(9)
    if head != b"%PDF-1.7\n" and not head.startswith(b"%PDF-1.7"):
        problems.append(f"header {head!r}, not %PDF-1.7")
    reader = PdfReader(path)
    if "/ID" not in reader.trailer:
        problems.append("no /ID in the trailer")
    cat = reader.trailer["/Root"]
    mark = res(cat.get("/MarkInfo", {}))
    if not mark or not mark.get("/Marked"):
        problems.append("no /MarkInfo /Marked true")
    if not cat.get("/Lang"):
        problems.append("no /Lang")
    vp = res(cat.get("/ViewerPreferences", {}))
    if not vp or not vp.get("/DisplayDocTitle"):
        problems.append("no /ViewerPreferences /DisplayDocTitle true")
    meta = res(cat.get("/Metadata"))
    xmp = meta.get_data().decode("utf-8", "replace") if meta is not None else ""
    if "<pdfuaid:part>1</pdfuaid:part>" not in xmp or "<dc:title>" not in xmp:
        problems.append("XMP metadata without dc:title and pdfuaid:part 1")
    root = res(cat.get("/StructTreeRoot"))
    if root is None:
        problems.append("no /StructTreeRoot")
        return problems
    mcids = check_streams(reader, problems)
    elems, named = walk_tree(root, problems)
    # every MCID of every page is in the tree and the parent tree
    nums = res(res(root["/ParentTree"]).get("/Nums", []))
    parents = {int(nums[i]): res(nums[i + 1]) for i in range(0, len(nums), 2)}
    for p, page in enumerate(reader.pages):
        ref = page.indirect_reference
        if mcids.get(p) and "/StructParents" not in page:
            problems.append(f"page {p + 1}: no /StructParents")
            continue
        arr = parents.get(int(page.get("/StructParents", -1)), [])
        for m in sorted(mcids.get(p, ())):
            if (ref.idnum, m) not in named:
                problems.append(f"page {p + 1}: MCID {m} is in no structure element")
            elif m >= len(arr) or res(arr[m]) is not named[(ref.idnum, m)]:
                problems.append(f"page {p + 1}: MCID {m} not in the parent tree")
        annots = res(page.get("/Annots", []))
        if annots and page.get("/Tabs") != "/S":
            problems.append(f"page {p + 1}: annotations but no /Tabs /S")
        for a in annots:
            a = res(a)
            if "/StructParent" not in a:
                problems.append(f"page {p + 1}: a {a.get('/Subtype')} annotation without /StructParent")
            elif res(parents.get(int(a["/StructParent"]))) is None:
                problems.append(f"page {p + 1}: /StructParent {a['/StructParent']} not in the parent tree")
            if a.get("/Subtype") == "/Link" and not a.get("/Contents"):
                problems.append(f"page {p + 1}: a link without /Contents")
            if a.get("/Subtype") == "/Widget":
                field = a if "/T" in a else res(a.get("/Parent", {}))
                if not a.get("/TU") and not field.get("/TU"):
                    problems.append(f"page {p + 1}: a form field without /TU")
    for e in elems:
        if e.get("/S") == "/Figure" and not e.get("/Alt"):
            problems.append("a Figure without /Alt")
    return problems


def main():
    bad = []
    for path in sys.argv[1:]:
        bad.extend(f"{path}: {p}" for p in check(path))
    for line in bad[:20]:
        print(line)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
