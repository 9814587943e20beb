"""The smoke test of scripts/native-check, run once per executable (the native one, the jar).

Usage: native_smoke.py ROOT WORKDIR RUNS COMMAND...   (COMMAND starts quorch; QUORCH_CONFIG is set)
Prints one JSON object of figures in seconds and MiB (null where a step failed, with the reason in
"errors"); progress goes to stderr. Every process it starts is stopped by PID, the sandbox is
taken down, whatever happens.
"""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT, WORK, RUNS, COMMAND = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
IDLE = 5
LEADER_ROUNDS = 5
KIND = "native" if len(COMMAND) == 1 else "jvm"
PROCS = []
FIG = {"errors": []}


def log(msg):
    print(f"native-check [{KIND}]: {msg}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(workdir, config=None, env=None):
    workdir.mkdir(parents=True, exist_ok=True)
    e = dict(os.environ)
    e.pop("QUORCH_CONFIG", None)
    if config is not None:
        (workdir / "quorch.json").write_text(json.dumps(config))
        e["QUORCH_CONFIG"] = str(workdir / "quorch.json")
    e.update(env or {})
    out = open(workdir / "quorch.log", "ab")
    p = subprocess.Popen(COMMAND, cwd=workdir, env=e, stdout=out, stderr=subprocess.STDOUT)
    p.workdir = workdir
    PROCS.append(p)
    return p


def stop(p, sig=signal.SIGTERM):
    if p.poll() is None:
        p.send_signal(sig)
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def tail(p, n=15):
    try:
        return "".join((p.workdir / "quorch.log").read_text(errors="replace").splitlines(True)[-n:])
    except OSError:
        return ""


def get(url, local=True, timeout=2):
    req = urllib.request.Request(url, headers={"X-Quorch-Local": "true"} if local else {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except (OSError, ValueError):
        return None, b""


def get_json(url, local=True):
    code, body = get(url, local)
    try:
        return code, json.loads(body) if body else None
    except ValueError:
        return code, None


def wait(what, pred, timeout, alive=(), step=0.005):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for p in alive:
            if p.poll() is not None:
                raise RuntimeError(f"{what}: quorch exited ({p.returncode}):\n{tail(p)}")
        v = pred()
        if v:
            return v
        time.sleep(step)
    raise RuntimeError(f"{what}: not within {timeout} s" + "".join("\n" + tail(p, 8) for p in alive[:1]))


def rss_mib(pid, field="VmRSS"):
    """VmRSS by default; RssAnon is the process' own memory, RssFile the pages of files it maps (its executable)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return None


def median(values):
    v = sorted(values)
    return v[(len(v) - 1) // 2] if v else None


def step(name, fn):
    try:
        return fn()
    except Exception as e:  # a failed step is a figure of its own: null, and the reason
        FIG["errors"].append(f"{name}: {e}")
        log(f"{name} FAILED: {e}")
        return None


def startup():
    firsts, rss, anon, files = [], [], [], []
    for i in range(RUNS):
        port = free_port()
        t0 = time.monotonic()
        p = start(WORK / f"start{i}", env={"QUORCH_API_LISTEN_ADDRESS": f"127.0.0.1:{port}"})
        wait("first 200 on /api/health", lambda: get(f"http://127.0.0.1:{port}/api/health", timeout=1)[0] == 200,
             120, alive=[p])
        firsts.append(time.monotonic() - t0)
        time.sleep(IDLE)
        rss.append(rss_mib(p.pid))
        anon.append(rss_mib(p.pid, "RssAnon"))
        files.append(rss_mib(p.pid, "RssFile"))
        stop(p)
        log(f"start {i + 1}: first 200 after {firsts[-1] * 1000:.0f} ms, {rss[-1]:.0f} MiB after {IDLE} s")
    FIG.update(first_200=median(firsts), first_200_all=firsts, idle_rss=median(rss), idle_rss_anon=median(anon),
               idle_rss_file=median(files))


def sandbox(*args, check=True):
    r = subprocess.run([str(ROOT / "scripts/sandbox"), *args], env=SANDBOX_ENV, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    if check and r.returncode != 0:
        raise RuntimeError(f"scripts/sandbox {' '.join(args)}: exit {r.returncode}: {r.stderr[-500:]}")
    return r


def free_base():
    for base in range(26306, 29306, 10):
        if all(subprocess.run(["bash", "-c", f"exec 3<>/dev/tcp/127.0.0.1/{p}"], stderr=subprocess.DEVNULL).returncode
               != 0 for p in range(base, base + 3)):
            return base
    raise RuntimeError("no free sandbox ports")


def leaders(http):
    return [i for i, h in enumerate(http) if h is not None and get(f"http://127.0.0.1:{h}/api/leader-check",
                                                                     timeout=1)[0] == 200]


def valid_instances(h):
    code, body = get_json(f"http://127.0.0.1:{h}/api/all-instances")
    return sum(1 for i in body if i.get("IsLastCheckValid")) if code == 200 and isinstance(body, list) else 0


def raft_group(base):
    raft = [free_port() for _ in range(3)]
    http = [free_port() for _ in range(3)]
    configs = [{
        "ListenAddress": f"127.0.0.1:{http[i]}", "SQLite3DataFile": str(WORK / f"node{i}/q.db"),
        "RaftEnabled": True, "RaftDataDir": str(WORK / f"node{i}/raft"), "RaftBind": f"127.0.0.1:{raft[i]}",
        "RaftNodes": [f"127.0.0.1:{p}" for p in raft],
        "MySQLTopologyUser": "quorch", "MySQLTopologyPassword": "quorch", "MySQLConnectTimeoutSeconds": 1,
        "InstancePollSeconds": 1, "RecoveryPeriodBlockSeconds": 0, "RecoverMasterClusterFilters": ["*"]}
        for i in range(3)]
    nodes = [start(WORK / f"node{i}", configs[i]) for i in range(3)]
    t0 = time.monotonic()
    try:
        first = wait("one leader", lambda: len(leaders(http)) == 1, 60, alive=nodes, step=0.01)
        FIG["raft_first_leader"] = time.monotonic() - t0
        leader = leaders(http)[0]
        follower = (leader + 1) % 3
        log(f"first leader (node {leader}) {FIG['raft_first_leader']:.2f} s after the three processes started")
        time.sleep(IDLE)
        FIG["raft_idle_rss"] = median([rss_mib(p.pid) for p in nodes])

        def discovery():
            t = time.monotonic()
            code, body = get(f"http://127.0.0.1:{http[follower]}/api/discover/127.0.0.1/{base}", local=False, timeout=30)
            if code != 200:
                raise RuntimeError(f"discover through a follower: HTTP {code} {body[:200]!r}")
            wait("all 3 servers valid on every node", lambda: all(valid_instances(h) == 3 for h in http), 60,
                 alive=nodes, step=0.02)
            FIG["discovery"] = time.monotonic() - t
            log(f"discovery: every node sees 3 valid servers {FIG['discovery']:.2f} s after the request")
        step("discovery", discovery)

        def downtime():
            t = time.monotonic()
            code, body = get(f"http://127.0.0.1:{http[follower]}/api/begin-downtime/127.0.0.1/{base + 2}/smoke/check/10m",
                             local=False, timeout=10)
            if code != 200:
                raise RuntimeError(f"begin-downtime through a follower: HTTP {code} {body[:200]!r}")
            has = lambda h: f'"Port":{base + 2}'.encode() in get(f"http://127.0.0.1:{h}/api/downtimed")[1].replace(b" ", b"")
            wait("the downtime on every node", lambda: all(has(h) for h in http), 30, alive=nodes, step=0.002)
            FIG["downtime_everywhere"] = time.monotonic() - t
            log(f"downtime on all three nodes {FIG['downtime_everywhere'] * 1000:.0f} ms after the request")
            get(f"http://127.0.0.1:{http[follower]}/api/end-downtime/127.0.0.1/{base + 2}", local=False, timeout=10)
            wait("the downtime ended on every node", lambda: not any(has(h) for h in http), 30, alive=nodes)
        step("downtime", downtime)

        def failover():
            pid = int(sandbox("pid", str(base)).stdout.strip())
            time.sleep(3)  # recoveries are armed after two poll intervals of uptime; let one more poll pass
            audited = lambda h: any(r.get("IsSuccessful") and (r.get("SuccessorKey") or {}).get("Port")
                                    for r in (get_json(f"http://127.0.0.1:{h}/api/audit-recovery")[1] or []))
            t = time.monotonic()
            os.kill(pid, signal.SIGKILL)
            wait("the failover audited on the leader", lambda: audited(http[leader]), 60, alive=nodes, step=0.01)
            FIG["failover"] = time.monotonic() - t
            wait("the failover audited on every node", lambda: all(audited(h) for h in http), 30, alive=nodes, step=0.01)
            FIG["failover_everywhere"] = time.monotonic() - t
            log(f"failover audited on the leader {FIG['failover']:.2f} s after the primary's SIGKILL, "
                f"on all three after {FIG['failover_everywhere']:.2f} s")
        step("failover", failover)

        def leader_change():
            # several rounds: one election's timing is mostly the randomised election timeout
            changes = []
            current = leader
            for r in range(LEADER_ROUNDS):
                t = time.monotonic()
                nodes[current].send_signal(signal.SIGKILL)
                nodes[current].wait()
                rest = [h if i != current else None for i, h in enumerate(http)]
                wait("a new leader", lambda: len(leaders(rest)) == 1, 30,
                     alive=[p for i, p in enumerate(nodes) if i != current], step=0.01)
                changes.append(time.monotonic() - t)
                log(f"round {r + 1}: new leader {changes[-1] * 1000:.0f} ms after the leader's SIGKILL")
                killed, current = current, leaders(rest)[0]
                if r + 1 < LEADER_ROUNDS:
                    nodes[killed] = start(WORK / f"node{killed}", configs[killed])
                    wait("the killed node back in the group", lambda: get(
                        f"http://127.0.0.1:{http[killed]}/api/raft-health")[0] == 200, 60, alive=nodes)
                    time.sleep(2)
            FIG["leader_change"] = median(changes)
            FIG["leader_change_all"] = changes
        step("leader_change", leader_change)
    finally:
        for p in nodes:
            stop(p)


def main():
    WORK.mkdir(parents=True, exist_ok=True)
    step("startup", startup)
    base = free_base()
    global SANDBOX_ENV
    SANDBOX_ENV = dict(os.environ, SANDBOX_DIR=str(WORK / "sandbox"), SANDBOX_BASE_PORT=str(base))
    try:
        log(f"sandbox: a primary on {base} and 2 replicas")
        if step("sandbox", lambda: sandbox("up", "--replicas", "2")) is not None:
            step("raft", lambda: raft_group(base))
    finally:
        sandbox("down", check=False)


SANDBOX_ENV = None
try:
    main()
finally:
    for proc in PROCS:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
print(json.dumps(FIG))
