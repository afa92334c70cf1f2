#!/usr/bin/env python3
"""Extract plain text from the public quality-test data into one JSON-lines cache file.

vanetik/CV/*.docx -> word/document.xml paragraphs (python zipfile, no dependencies);
livecareer-sample/<CATEGORY>/*.pdf -> `pdftotext -layout` (Debian package poppler-utils), with the
first non-empty line (the resume's own headline) stripped, as SOURCES.md asks.

Usage: extract_text.py <shared-data-dir> <out.jsonl>
"""
import json, os, re, subprocess, sys, zipfile
from xml.etree import ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

def docx_text(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for node in p.iter():
            if node.tag == W + "t" and node.text:
                parts.append(node.text)
            elif node.tag == W + "tab":
                parts.append("\t")
            elif node.tag == W + "br":
                parts.append("\n")
        paras.append("".join(parts))
    return "\n".join(paras)

def pdf_text(path):
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, check=True).stdout.decode("utf-8", "replace")
    lines = out.splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines[1:])  # strip the headline

def main():
    data, out = sys.argv[1], sys.argv[2]
    rows = []
    cv = os.path.join(data, "vanetik", "CV")
    for name in sorted(os.listdir(cv), key=lambda n: int(re.sub(r"\D", "", n) or 0)):
        if name.endswith(".docx"):
            rows.append({"set": "vanetik", "id": int(name.split(".")[0]), "text": docx_text(os.path.join(cv, name))})
    lc = os.path.join(data, "livecareer-sample")
    for cat in sorted(os.listdir(lc)):
        d = os.path.join(lc, cat)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith(".pdf"):
                rows.append({"set": "livecareer", "category": cat, "id": name[:-4], "text": pdf_text(os.path.join(d, name))})
    with open(out, "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    print(f"wrote {len(rows)} documents to {out}")

if __name__ == "__main__":
    main()
