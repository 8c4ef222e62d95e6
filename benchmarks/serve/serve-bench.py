#!/usr/bin/env python3
"""Times `sim serve` over HTTP as a page uses it (benchmarks/README.md, "sim serve").

    python3 benchmarks/serve/serve-bench.py [--sim PATH] [--experiment FILE] [--lever NAME] [--first N] [--point N] [--futures N] [--memory N]

Starts the server (a Release build of sim by default) on a free loopback port, then
  0. first: the first N requests after the server starts, each timed with the server's CPU time (JIT warm-up);
  1. point: N requests that each move the lever to a new value (one run plus the cached baseline);
  2. futures: N requests with 100 futures each, again each with a new value (the baseline's futures are cached
     by a first, untimed request);
  3. memory: N more requests (on --memory-experiment if given: memory is the server's, not the model's), mixed
     as a page sends them: mostly moved levers, every 7th with 10 futures, every 11th a preset, every 13th with an
     intervention at a new time (a new compiled variant each, so the variant cache fills and evicts), sampling the
     server's resident memory every N/10.
Prints medians and 90th percentiles of the client-side time (request sent to answer read) and of the server's
own elapsedMs, the server's CPU time per request (user + system, all threads: on a busy machine the closest
figure to the time on a quiet one), and the resident memory samples. Standard library only.
"""
import argparse, json, os, re, statistics, subprocess, sys, time, urllib.error, urllib.request

def post(url, body):
    data = json.dumps(body).encode()
    req = urllib.request.Request(url + "/api/run", data=data, headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(req) as r:
        answer = json.loads(r.read())
    return (time.perf_counter() - start) * 1000, answer["elapsedMs"]

def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")

def cpu_ms(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")

def phase(name, pid, requests):
    before = cpu_ms(pid)
    samples = [r() for r in requests]
    summary(name, samples)
    print(f"  server CPU time {(cpu_ms(pid) - before) / len(samples):.1f} ms per request")
    return samples

def summary(name, samples):
    client = sorted(s[0] for s in samples)
    server = sorted(s[1] for s in samples)
    p90 = lambda xs: xs[int(0.9 * (len(xs) - 1))]
    print(f"{name}: n={len(samples)}  client median {statistics.median(client):.1f} ms, p90 {p90(client):.1f} ms;"
          f"  server median {statistics.median(server):.1f} ms, p90 {p90(server):.1f} ms")

def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    p = argparse.ArgumentParser()
    p.add_argument("--sim", default=os.path.join(root, "engine/Simulation.Cli/bin/Release/net10.0/sim"))
    p.add_argument("--experiment", default=os.path.join(root, "scenarios/hospital-to-community.json"))
    p.add_argument("--lever", default="UCR capacity per 100k")
    p.add_argument("--low", type=float, default=80)
    p.add_argument("--high", type=float, default=250)
    p.add_argument("--first", type=int, default=20, help="time the first N point requests after the server starts, one by one")
    p.add_argument("--point", type=int, default=200)
    p.add_argument("--futures", type=int, default=20)
    p.add_argument("--memory", type=int, default=10000)
    p.add_argument("--memory-experiment", default=None)
    p.add_argument("--memory-every", type=int, default=0, help="sample resident memory every N requests (default: memory / 10)")
    a = p.parse_args()

    server = subprocess.Popen([a.sim, "serve", a.experiment, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        m = re.match(r"serving (http://\S+?)/? ", line)
        if not m:
            sys.exit(f"sim serve did not start: {line}{server.stderr.read()}")
        url = m.group(1)
        print(f"server {url} (pid {server.pid}), resident {rss_mb(server.pid):.0f} MB after start; {server.stderr.readline().strip()}")
        k = [0]
        def value():  # a new value each time, so no answer can come from a cache
            k[0] += 1
            return a.low + (a.high - a.low) * ((k[0] * 0.6180339887) % 1.0)
        if a.first:  # each request's own server CPU time (all threads: also what the runtime compiles meanwhile)
            firsts = []
            for _ in range(a.first):
                before = cpu_ms(server.pid)
                client, _ = post(url, {"inputs": {a.lever: value()}})
                firsts.append((client, cpu_ms(server.pid) - before))
            print(f"first {a.first} point requests: client median {statistics.median(f[0] for f in firsts):.1f} ms (first {firsts[0][0]:.0f} ms);"
                  f"  server CPU median {statistics.median(f[1] for f in firsts):.0f} ms, mean {statistics.mean(f[1] for f in firsts):.1f} ms")
        for _ in range(5 if a.point or a.futures else 0):
            post(url, {"inputs": {a.lever: value()}})
        if a.point:
            phase("point (1 run + cached baseline)", server.pid, [lambda: post(url, {"inputs": {a.lever: value()}})] * a.point)
        if a.futures:
            first = post(url, {"inputs": {a.lever: value()}, "futures": 100})
            print(f"first futures request (also runs the baseline's 100 futures, then cached): client {first[0]:.0f} ms, server {first[1]:.0f} ms")
            phase("100 futures (+ point run)", server.pid, [lambda: post(url, {"inputs": {a.lever: value()}, "futures": 100})] * a.futures)
    finally:
        server.terminate()
        server.wait()
    if a.memory:
        memory(a, a.memory_experiment or a.experiment)

def memory(a, experiment):
    server = subprocess.Popen([a.sim, "serve", experiment, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = re.match(r"serving (http://\S+?)/? ", server.stdout.readline()).group(1)
        with urllib.request.urlopen(url + "/api/inputs") as r:
            inputs = [i for g in json.loads(r.read())["groups"] for i in g["inputs"] if i["settable"] and "elements" not in i]
        with urllib.request.urlopen(url + "/api/scenarios") as r:
            presets = [s["name"] for s in json.loads(r.read())["scenarios"]]
        with urllib.request.urlopen(url + "/api/experiment") as r:
            time_ = json.loads(r.read())["time"]
        print(f"memory run on {os.path.basename(experiment)}: resident {rss_mb(server.pid):.0f} MB after start", flush=True)
        every = a.memory_every or max(1, a.memory // 10)
        samples, began, stopped = [], time.perf_counter(), 0
        for i in range(1, a.memory + 1):
            lever = inputs[i % len(inputs)]
            value = lever["value"] * (0.5 + (i * 0.6180339887) % 1.0)
            body = {"inputs": {lever["name"]: value}}
            if i % 7 == 0: body["futures"] = 10
            if i % 11 == 0: body["scenario"] = presets[i % len(presets)]
            if i % 13 == 0:
                at = time_["start"] + (time_["stop"] - time_["start"]) * ((i * 0.7548776662) % 1.0)
                at = time_["start"] + round((at - time_["start"]) / time_["dt"]) * time_["dt"]
                body["interventions"] = [{"input": lever["name"], "at": at, "set": lever["value"]}]
            try:
                samples.append(post(url, body))
            except urllib.error.HTTPError as e:  # 503: the server stopped runs over its time limit (a loaded machine); it goes on serving
                if e.code != 503:
                    raise
                stopped += 1
            if i % every == 0:
                print(f"  after {i:>6} requests ({time.perf_counter() - began:.0f} s, server CPU {cpu_ms(server.pid) / 1000:.0f} s): resident {rss_mb(server.pid):.0f} MB", flush=True)
        summary(f"memory run ({a.memory} mixed requests in {time.perf_counter() - began:.0f} s, {stopped} stopped at the run-time limit)", samples)
    finally:
        server.terminate()
        server.wait()

if __name__ == "__main__":
    main()
