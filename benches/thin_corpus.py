#!/usr/bin/env python3
"""Copies a set built by ../shared/bench/make_corpus.py, keeping the planted claim sentence
in one article of every K and taking it out of the others: an archive where, as in a real
one, most articles say nothing the rules check.

Usage: thin_corpus.py SRC OUT K"""
import os, re, shutil, sys

src, out, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
claim = re.compile(r" ?Xi Jinping and Vladimir Putin have met [^.]*? times since 2013, "
                   r"and trade reached \$\d+ billion last year\.")
os.makedirs(out, exist_ok=True)
kept = size = 0
for i, name in enumerate(sorted(os.listdir(src))):
    if not name.endswith(".txt"):
        shutil.copy(os.path.join(src, name), os.path.join(out, name))
        continue
    with open(os.path.join(src, name), encoding="utf-8") as f:
        text = f.read()
    if i % k:
        text = claim.sub("", text)
    else:
        kept += 1
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write(text)
    size += len(text.encode())
print(f"{kept} of {i + 1} files keep the claim; {size / 1e6:.1f} MB in {out}")
