#!/usr/bin/env python3
"""Builds the huge inputs of docs/reliability.md, to time crosscheck on them by hand.

    python3 benches/hostile_inputs.py DIR

writes into DIR:
  stmts10000.txt ... stmts80000.txt  one article with 10,000 to 80,000 claim sentences
  numbers1000000.txt                 one line of a million numbers
  oneline10.txt, oneline20.txt       10 and 20 MB of prose on one line, no full stop
  files100000/                       100,000 small articles stating one claim

then, for example:
  for n in 10000 20000 40000 80000; do
    /usr/bin/time -f "$n: %e s %M KB" crosscheck extract DIR/stmts$n.txt --format json --published 2023-03-17 >/dev/null
  done
  /usr/bin/time -f "%e s %M KB" crosscheck check DIR/files100000 --no-config --format compact >/dev/null

Time must grow linearly (2x the input, about 2x the time). The text is synthetic on purpose:
these are worst cases for the engine's bookkeeping, not samples of news.
"""
import os
import random
import sys


def main(out):
    random.seed(1)
    os.makedirs(out, exist_ok=True)
    for n in (10_000, 20_000, 40_000, 80_000):
        with open(os.path.join(out, f"stmts{n}.txt"), "w") as f:
            for _ in range(n):
                f.write(
                    f"Xi Jinping and Vladimir Putin have met {random.randint(20, 50)} times, "
                    f"officials said. Trade reached ${random.randint(100, 200)} billion.\n"
                )
    with open(os.path.join(out, "numbers1000000.txt"), "w") as f:
        f.write(" ".join(str(random.randint(1, 99_999)) for _ in range(1_000_000)) + "\n")
    words = (
        "the ministers met in Moscow on Monday and discussed trade worth about 40 billion "
        "dollars while officials said relations were strong"
    ).split()
    for mb in (10, 20):
        with open(os.path.join(out, f"oneline{mb}.txt"), "w") as f:
            size = 0
            while size < mb * 1_000_000:
                chunk = " ".join(random.choice(words) for _ in range(1000)) + " "
                f.write(chunk)
                size += len(chunk)
            f.write("\n")
    files = os.path.join(out, "files100000")
    os.makedirs(files, exist_ok=True)
    for i in range(100_000):
        value = random.choice([30, 40, "about 40", "nearly 30", "more than 40"])
        with open(os.path.join(files, f"a{i:06}.txt"), "w") as f:
            f.write(
                f"Xi Jinping and Vladimir Putin have met {value} times since 2012, "
                "an official said.\n"
            )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
