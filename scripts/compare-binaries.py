#!/usr/bin/env python3
"""Whole-process wall time of several boardpack binaries (or settings) on the same command,
run alternately so that the shared machine's changing load affects them alike.

    N=100 scripts/compare-binaries.py OLD NEW -- export seed.md --today 2026-02-15 -o /tmp/o.pdf

A variant is a binary, or NAME=VALUE,...@BINARY to run it with environment settings.
Prints mean, median, 25th percentile and minimum per variant, in milliseconds.
"""
import os
import statistics
import subprocess
import sys
import time

if "--" not in sys.argv:
    sys.exit(__doc__)
runs = int(os.environ.get("N", "40"))
split = sys.argv.index("--")
variants, args = sys.argv[1:split], sys.argv[split + 1:]


def parse(variant):
    env = dict(os.environ)
    if "@" not in variant:
        return variant, env
    settings, binary = variant.split("@", 1)
    for setting in settings.split(","):
        name, value = setting.split("=", 1)
        env[name] = value
    return binary, env


specs = {v: parse(v) for v in variants}
times = {v: [] for v in variants}
with open(os.devnull, "w") as devnull:
    def run(variant):
        binary, env = specs[variant]
        start = time.perf_counter()
        subprocess.run([binary] + args, stdout=devnull, stderr=devnull, env=env, check=False)
        return (time.perf_counter() - start) * 1e3

    for variant in variants:  # warm the page cache
        for _ in range(3):
            run(variant)
    for i in range(runs):
        for variant in variants if i % 2 == 0 else variants[::-1]:
            times[variant].append(run(variant))
for variant in variants:
    t = sorted(times[variant])
    print(f"{variant:<40} mean {statistics.mean(t):6.1f}  median {t[len(t) // 2]:6.1f}"
          f"  p25 {t[len(t) // 4]:6.1f}  min {t[0]:6.1f}  ({runs} runs)")
