#!/usr/bin/env python3
"""Times `crosscheck check` and `rg` side by side on the same article sets, in one run.

Usage: vs_rg.py CROSSCHECK PREFILTER SET [SET...]

For each SET (a folder of articles, such as ../shared/bench/make_corpus.py builds), runs
`rg -c -f PREFILTER --no-unicode SET` and `CROSSCHECK check --no-config --format json SET`
three times each, alternating, and prints the median wall time, the CPU time and the peak
memory of each, the throughput, and the ratio. The sets are read once before timing, so
both tools find them in the page cache. Needs GNU time (/usr/bin/time) and rg.
"""
import os, statistics, subprocess, sys, tempfile


def size(folder):
    return sum(
        os.path.getsize(os.path.join(root, f))
        for root, _, files in os.walk(folder)
        for f in files
        if f.endswith((".txt", ".md"))
    )


def timed(cmd):
    """(wall seconds, cpu seconds, peak KiB) of one run of `cmd`."""
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(
            ["/usr/bin/time", "-o", out.name, "-f", "%e %U %S %M", *cmd],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        wall, user, system, peak = out.read().split()[-4:]
    return float(wall), float(user) + float(system), int(peak)


def main():
    crosscheck, prefilter, sets = sys.argv[1], sys.argv[2], sys.argv[3:]
    print(f"{'set':<28} {'tool':<10} {'wall s':>7} {'cpu s':>7} {'peak MiB':>9} {'MB/s':>7}")
    for folder in sets:
        subprocess.run(["cat", *[os.path.join(folder, f) for f in os.listdir(folder)]],
                       stdout=subprocess.DEVNULL, check=False)
        mb = size(folder) / 1e6
        tools = {
            "rg": ["rg", "-c", "-f", prefilter, "--no-unicode", folder],
            "crosscheck": [crosscheck, "check", "--no-config", "--format", "json", folder],
        }
        runs = {name: [] for name in tools}
        for _ in range(3):
            for name, cmd in tools.items():
                runs[name].append(timed(cmd))
        walls = {}
        for name, rs in runs.items():
            wall = statistics.median(r[0] for r in rs)
            cpu = statistics.median(r[1] for r in rs)
            peak = max(r[2] for r in rs) / 1024
            walls[name] = wall
            label = f"{os.path.basename(folder.rstrip('/'))} ({mb:.1f} MB)"
            print(f"{label:<28} {name:<10} {wall:>7.2f} {cpu:>7.2f} {peak:>9.0f} {mb / wall:>7.1f}")
        print(f"{'':<28} crosscheck takes {walls['crosscheck'] / walls['rg']:.1f}x rg's time")


if __name__ == "__main__":
    main()
