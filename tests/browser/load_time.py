#!/usr/bin/env python3
"""How long the HTML report of a large archive takes to open in headless Chromium.

    python3 tests/browser/load_time.py [--articles 10000] [--crosscheck target/release/crosscheck]

Writes a synthetic set of small articles (meeting counts, a trade figure, a visit's length;
a few in every hundred disagree) with a manifest into a temporary folder, renders its report
with `crosscheck check --format html -o`, opens it with tests/browser/drive.py, and prints
the file's size and the page's timings: DOMContentLoaded, load, and two frames after load
(laid out and painted), in milliseconds from navigation.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import drive  # noqa: E402

COUNTS = ["about 40", "some 40", "more than 40", "at least 40", "roughly 40"]


def article(n):
    """The text of synthetic article `n`."""
    count = COUNTS[n % len(COUNTS)]
    if n % 97 == 0:
        count = "nearly 60"
    lines = [
        f"Report {n} on the summit",
        f"Xi and Putin have met {count} times since 2012, officials in both capitals say.",
        "The talks covered energy, grain and the war in Ukraine.",
    ]
    if n % 3 == 0:
        figure = "$240 billion" if n % 89 == 0 else "$190 billion"
        lines.append(f"Trade between China and Russia hit a record high of {figure} last year.")
    if n % 5 == 0:
        length = "four-day" if n % 83 == 0 else "three-day"
        lines.append(f"Xi is on a {length} state visit to Moscow.")
    return "\n".join(lines) + "\n"


def write_set(folder, n):
    """Writes `n` articles and their manifest into `folder`."""
    entries = []
    for i in range(n):
        name = f"{i:05}.txt"
        with open(os.path.join(folder, name), "w") as f:
            f.write(article(i))
        day = 1 + i % 28
        entries.append(f"  - path: {name}\n    source: Desk {i % 400} wire {i}\n    published: 2023-03-{day:02}\n")
    with open(os.path.join(folder, "sources.yaml"), "w") as f:
        f.write("articles:\n" + "".join(entries))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--crosscheck", default="target/release/crosscheck")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="crosscheck-load-") as tmp:
        folder = os.path.join(tmp, "set")
        os.mkdir(folder)
        write_set(folder, args.articles)
        page = os.path.join(tmp, "report.html")
        start = time.monotonic()
        code = subprocess.run([args.crosscheck, "check", folder, "--format", "html", "-o", page]).returncode
        if code > 1:
            sys.exit(f"crosscheck exited {code}")
        rendered = (time.monotonic() - start) * 1000
        print(f"{args.articles} articles: report {os.path.getsize(page) / 1e6:.1f} MB, "
              f"checked and rendered in {rendered:.0f} ms")
        for run in range(args.runs):
            report = drive.run({"chromium": args.chromium, "url": f"file://{page}", "steps": [
                {"eval": "document.querySelectorAll('#claims tbody tr').length"},
                {"eval": "document.querySelectorAll('#claims td').length"},
            ]})
            rows, cells = report["results"]
            print(f"run {run + 1}: {json.dumps(report['timing'])} ({rows} rows, {cells} cells; "
                  f"{len(report['requests'])} request, {len(report['errors'])} errors)")


if __name__ == "__main__":
    main()
