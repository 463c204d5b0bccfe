"""Checks crosscheck's JSON report on ../shared/seeds against what its README expects."""
import json
import sys

report = json.load(open(sys.argv[1]))
problems = []


def short(path):
    return path.rsplit("/", 1)[-1][:3]


if report["errors"]:
    problems.append(f"unexpected errors: {report['errors']}")
by_rule = {}
for f in report["findings"]:
    by_rule.setdefault(f["rule"], []).append(f)

# 1. The meeting count: "nearly 30" (2019, over the past six years) against "about 40".
meetings = by_rule.pop("xi-putin-meetings", [])
if len(meetings) != 1:
    problems.append(f"expected one meeting-count finding, got {len(meetings)}")
else:
    m = meetings[0]
    quotes = {(short(s["path"]), s["quote"], s["agrees"]) for s in m["statements"]}
    for want in [("004", "nearly 30", False), ("004", "about 40", True), ("000", "about 40", True)]:
        if want not in quotes:
            problems.append(f"meeting-count finding lacks {want}: {sorted(quotes)}")
    if any(q == "more than 40" and not agrees for _, q, agrees in quotes):
        problems.append("'more than 40' must not be reported against 'about 40'")
    frames = {s["quote"]: (s["qualifiers"]["frame"] or {}).get("text", "") for s in m["statements"]}
    if "six years" not in frames.get("nearly 30", ""):
        problems.append(f"'nearly 30' should carry its frame 'over the past six years': {frames}")
    said = [s["qualifiers"]["as_of"]["stated"] for s in m["statements"] if s["quote"] == "nearly 30"]
    if said != ["2019"]:
        problems.append(f"'nearly 30' should be read as said in 2019, got {said}")

# 2. The partnership's wording: 001's "not limited to borders" is an unrecognized variant.
wording = by_rule.pop("no-limits-partnership-wording", [])
flagged = sorted((short(s["path"]), s["wording"]) for f in wording for s in f["statements"])
if flagged != [("001", "not limited to borders")] or any(f["kind"] != "unrecognized" for f in wording):
    problems.append(f"expected only 001's 'not limited to borders' as an unrecognized wording, got {flagged}")

# 3. The trade figure whose two halves disagree at 2022's rate.
trade = by_rule.pop("china-russia-trade-2022", [])
if len(trade) != 1 or trade[0]["kind"] != "paired" or trade[0]["severity"] != "error":
    problems.append(f"expected one paired trade finding at error, got {trade}")

# Anything else is a false alarm (the seeds README lists what must stay quiet).
for rule, findings in by_rule.items():
    for f in findings:
        problems.append(f"false alarm: {rule}: {[s['quote'] for s in f['statements']]}")

if problems:
    print("seeds check failed:\n- " + "\n- ".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"seeds check: {len(report['findings'])} findings, as the seeds README expects")
