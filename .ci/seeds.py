"""Checks crosscheck's JSON report on ../shared/seeds against what its README expects."""
import json
import sys

report = json.load(open(sys.argv[1]))
problems = []
if report["errors"]:
    problems.append(f"unexpected errors: {report['errors']}")
meetings = [f for f in report["findings"] if f["rule"] == "xi-putin-meetings"]
if len(meetings) != 1:
    problems.append(f"expected one meeting-count finding, got {len(meetings)}")
else:
    quotes = {(s["path"].rsplit("/", 1)[-1][:3], s["quote"], s["agrees"]) for s in meetings[0]["statements"]}
    for want in [("004", "nearly 30", False), ("004", "about 40", True), ("000", "about 40", True)]:
        if want not in quotes:
            problems.append(f"meeting-count finding lacks {want}: {sorted(quotes)}")
    if any(q == "more than 40" and not agrees for _, q, agrees in quotes):
        problems.append("'more than 40' must not be reported against 'about 40'")
# The seeds README lists what a good run reports; anything else is a false alarm.
expected = {"xi-putin-meetings"}
for f in report["findings"]:
    if f["rule"] not in expected:
        problems.append(f"false alarm: {f['rule']}: {[s['quote'] for s in f['statements']]}")
if problems:
    print("seeds check failed:\n- " + "\n- ".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"seeds check: {len(report['findings'])} finding(s), as the seeds README expects")
