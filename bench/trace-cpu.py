#!/usr/bin/env python3
"""Where a trace's work went: methods by their share of the thread time spent in managed code.

dotnet-trace's sampled thread time counts every thread, waiting or not; its speedscope form ends each stack with
CPU_TIME (in managed code) or UNMANAGED_CODE_TIME (blocked in a native wait, or native code), which this keeps apart.
A thread in managed code that the OS has preempted still counts (on two busy cores, spin-waits look large).
Usage: bench/trace-cpu.py TRACE.nettrace|TRACE.speedscope.json [TOP] [FILTER]  (FILTER: keep stacks naming it)
A bench --trace DIR run leaves otp.nettrace and captcha.nettrace in DIR.
"""
import collections
import json
import os
import subprocess
import sys

path = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 80
only = sys.argv[3] if len(sys.argv) > 3 else None
if path.endswith(".nettrace"):
    base = path[: -len(".nettrace")]
    subprocess.run(["dotnet-trace", "convert", "--format", "speedscope", path, "-o", base], check=True, stdout=subprocess.DEVNULL)
    path = base + ".speedscope.json"
trace = json.load(open(path))
frames = [f["name"] for f in trace["shared"]["frames"]]

inclusive, exclusive, total = collections.Counter(), collections.Counter(), 0.0
for profile in trace["profiles"]:
    stack, last = [], None
    for event in profile["events"]:  # evented: a frame opens and closes; the time between events is the open stack's
        if last is not None and len(stack) > 1 and frames[stack[-1]] == "CPU_TIME":
            names = [frames[i] for i in stack[:-1]]
            if only is None or any(only in n for n in names):
                weight = event["at"] - last
                total += weight
                exclusive[names[-1]] += weight
                for name in set(names):
                    inclusive[name] += weight
        last = event["at"]
        if event["type"] == "O":
            stack.append(event["frame"])
        else:
            stack.pop()

print(f"{os.path.basename(path)}: {total / 1000:.1f} s of thread time in managed code (speedscope's CPU_TIME)" + (f" in stacks naming {only}" if only else ""))
print("--- inclusive")
for name, weight in inclusive.most_common(top):
    if not name.startswith(("Thread (", "Process", "(Non-Activities)", "Threads")):
        print(f"{100 * weight / total:5.1f}%  {name[:160]}")
print("--- exclusive")
for name, weight in exclusive.most_common(30):
    print(f"{100 * weight / total:5.1f}%  {name[:160]}")
