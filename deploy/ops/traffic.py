#!/usr/bin/python3
"""Steady, realistic traffic against a MockFactory deployment, for deploy/soak.sh and deploy/rolling-restart.sh.

  traffic.py soak  --seconds N  [--rate OPS_PER_S]   auth, environment lifecycles of every type, S3 reads and
                                                     writes, SSE watchers; latency per operation and errors
  traffic.py churn --seconds N                       environments created and destroyed and S3 objects written while
                                                     services restart; every command retried with the same
                                                     Idempotency-Key until it has a definite answer, then checked:
                                                     each applied exactly once, none left in a transitional state

The report (JSON, --report FILE) names each operation's count, errors, p50 and p99 in ms, and for churn the
environments that are stuck, doubled or missing. Python's standard library and Debian's python3-boto3 only.
"""
import argparse, json, random, ssl, string, threading, time, urllib.error, urllib.request, uuid

TYPES = ["redis", "postgresql", "postgresql_pgvector", "postgis", "elasticmq", "aws_s3"]
TRANSITIONAL = {"provisioning", "starting", "stopping", "destroying"}
RETRIABLE = {0, 429, 502, 503, 504}


class Api:
    """The REST API over TLS (the deployment's CA), one bearer token per simulated user."""

    def __init__(self, base, ca):
        self.base = base.rstrip("/")
        self.tls = ssl.create_default_context(cafile=ca) if ca else None

    def call(self, method, path, body=None, token=None, headers=None, timeout=90):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", "Bearer " + token)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=timeout, context=self.tls) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, None
        except (urllib.error.URLError, OSError, ValueError):
            return 0, None

    def until_definite(self, method, path, body=None, token=None, headers=None, deadline_s=120):
        """Retries what a restart can answer (no connection, 429, 502–504) with the same request, as a client should."""
        deadline = time.time() + deadline_s
        while True:
            status, answer = self.call(method, path, body, token, headers)
            if status not in RETRIABLE or time.time() > deadline:
                return status, answer
            time.sleep(1)


def create_environment(api, token, name, services, key):
    """POST with an Idempotency-Key, retried until definite; a 202 (not running within the gateway's wait, as when a
    service restarts) is followed until the environment runs or fails. Returns 201 and the environment once running."""
    status, env = api.until_definite("POST", "/api/v1/environments", {"name": name, "services": services}, token,
                                     {"Idempotency-Key": key})
    if status != 202 or not env:
        return status, env
    deadline = time.time() + 180
    while time.time() < deadline:
        got, current = api.until_definite("GET", "/api/v1/environments/" + env["id"], token=token, headers={"Cache-Control": "no-cache"})
        if got == 200 and current["status"] == "running":
            return 201, current
        if got == 200 and current["status"] == "failed":
            return 500, current
        time.sleep(1)
    return 202, env


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.ops = {}

    def record(self, op, started, ok):
        with self.lock:
            entry = self.ops.setdefault(op, {"ms": [], "errors": 0})
            entry["ms"].append((time.time() - started) * 1000)
            entry["errors"] += 0 if ok else 1

    def report(self):
        out, total, errors = {}, 0, 0
        for op, entry in sorted(self.ops.items()):
            ms = sorted(entry["ms"])
            pick = lambda q: round(ms[min(len(ms) - 1, int(q * len(ms)))], 1) if ms else None
            out[op] = {"count": len(ms), "errors": entry["errors"], "p50_ms": pick(0.5), "p99_ms": pick(0.99)}
            total += len(ms)
            errors += entry["errors"]
        return {"operations": out, "total": total, "errors": errors, "error_rate": round(errors / total, 4) if total else 0}


def new_user(api, stats):
    email = "traffic-%s@example.com" % uuid.uuid4().hex[:12]
    password = "Traffic-" + "".join(random.choice(string.ascii_letters) for _ in range(12)) + "-9"
    started = time.time()
    status, body = api.until_definite("POST", "/api/v1/auth/register", {"email": email, "password": password, "full_name": "Traffic"})
    stats.record("register", started, status == 201)
    if status != 201:
        raise SystemExit("cannot register a traffic user: %s" % status)
    return email, password, body["access_token"]


def s3_client(credentials, ca):
    import boto3
    from botocore.config import Config
    s3 = credentials["services"]["aws_s3"]
    return boto3.client("s3", endpoint_url=s3["endpoint"], aws_access_key_id=s3["access_key_id"],
                        aws_secret_access_key=s3["secret_access_key"], region_name=s3.get("region") or "us-east-1",
                        verify=ca or True, config=Config(retries={"max_attempts": 5, "mode": "standard"}, s3={"addressing_style": "path"}))


def timed(stats, op, action):
    started = time.time()
    try:
        ok = action()
    except Exception:  # a failed call is an error of this operation, counted, never the end of the run
        ok = False
    stats.record(op, started, bool(ok))
    return ok


def lifecycle_worker(api, stats, token, stop_at, pace):
    """Create (every type in turn), read, stop, start, destroy: each a synchronous call, as a test suite makes them."""
    kind = 0
    while time.time() < stop_at:
        service = TYPES[kind % len(TYPES)]
        kind += 1
        started = time.time()
        status, env = create_environment(api, token, "soak-" + service, {service: {}}, uuid.uuid4().hex)
        stats.record("create_" + service, started, status == 201)
        if status != 201:
            time.sleep(pace)
            continue
        path = "/api/v1/environments/" + env["id"]
        watcher = threading.Thread(target=watch_events, args=(api, stats, token, path), daemon=True)
        watcher.start()
        timed(stats, "get", lambda: api.call("GET", path, token=token)[0] == 200)
        timed(stats, "stop", lambda: api.until_definite("POST", path + "/stop", token=token)[0] == 200)
        timed(stats, "start", lambda: api.until_definite("POST", path + "/start", token=token)[0] == 200)
        timed(stats, "destroy", lambda: api.until_definite("DELETE", path, token=token)[0] == 200)
        watcher.join(timeout=15)
        time.sleep(pace)


def watch_events(api, stats, token, path):
    """An SSE watcher for the environment's life: it must see the stream open and end with the destroy."""
    request = urllib.request.Request(api.base + path + "/events", headers={"Accept": "text/event-stream", "Authorization": "Bearer " + token})
    started = time.time()
    seen = False
    try:
        with urllib.request.urlopen(request, timeout=120, context=api.tls) as stream:
            for line in stream:
                seen = seen or line.startswith(b"data:")
                if b"EnvironmentDestroyed" in line:
                    break
    except Exception:
        pass
    stats.record("sse_watch", started, seen)


def s3_worker(api, stats, token, ca, stop_at, pace):
    status, env = create_environment(api, token, "soak-s3", {"aws_s3": {}}, uuid.uuid4().hex)
    if status != 201:
        stats.record("s3_setup", time.time(), False)
        return
    _, credentials = api.until_definite("GET", "/api/v1/environments/%s/credentials" % env["id"], token=token)
    s3 = s3_client(credentials, ca)
    s3.create_bucket(Bucket="soak")
    body = random.randbytes(65536)
    n = 0
    while time.time() < stop_at:
        key = "object-%d" % (n % 200)
        n += 1
        timed(stats, "s3_put_64k", lambda: s3.put_object(Bucket="soak", Key=key, Body=body)["ResponseMetadata"]["HTTPStatusCode"] == 200)
        timed(stats, "s3_get_64k", lambda: s3.get_object(Bucket="soak", Key=key)["Body"].read() == body)
        if n % 50 == 0:
            timed(stats, "s3_list", lambda: "Contents" in s3.list_objects_v2(Bucket="soak", MaxKeys=100))
        time.sleep(pace)
    api.until_definite("DELETE", "/api/v1/environments/" + env["id"], token=token)


def auth_worker(api, stats, stop_at, pace):
    """Sign-ins every 20 s: the edge allows 5 a minute per client address (all of this traffic is one address)."""
    email, password, token = new_user(api, stats)
    last_login = 0.0
    while time.time() < stop_at:
        if time.time() - last_login >= 20:
            last_login = time.time()
            timed(stats, "login", lambda: api.call("POST", "/api/v1/auth/login", {"email": email, "password": password})[0] == 200)
        timed(stats, "me", lambda: api.call("GET", "/api/v1/auth/me", token=token)[0] == 200)
        timed(stats, "limits", lambda: api.call("GET", "/api/v1/account/limits", token=token)[0] == 200)
        time.sleep(pace)


def soak(args, api, stats):
    stop_at = time.time() + args.seconds
    # Beginner users: 5 running environments and 120 requests a minute each, so the load is spread over users
    workers = [threading.Thread(target=auth_worker, args=(api, stats, stop_at, 5.0 / args.rate))]
    for _ in range(2):
        workers.append(threading.Thread(target=lifecycle_worker, args=(api, stats, new_user(api, stats)[2], stop_at, 2.0 / args.rate)))
    workers.append(threading.Thread(target=s3_worker, args=(api, stats, new_user(api, stats)[2], args.ca, stop_at, 2.0 / args.rate)))
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return {}


def churn(args, api, stats):
    """Creates and destroys while services restart; the record of what was asked is checked against what exists."""
    _, _, token = new_user(api, stats)
    stop_at = time.time() + args.seconds
    asked = []  # (name, id or None, destroyed?)
    written = []  # S3 objects whose PUT succeeded
    s3 = None
    n = 0
    while time.time() < stop_at:
        n += 1
        name = "churn-%d" % n
        service = "aws_s3" if n % 3 == 0 else "redis"
        started = time.time()
        status, env = create_environment(api, token, name, {service: {}}, "churn-%s-%d" % (args.run, n))
        stats.record("create", started, status == 201)
        if status != 201:
            # Not known to be running: recorded with its id (if any) so the check below finds where it ended
            asked.append((name, env["id"] if env else None, False))
            continue
        if service == "aws_s3" and s3 is None:
            _, credentials = api.until_definite("GET", "/api/v1/environments/%s/credentials" % env["id"], token=token)
            s3 = (s3_client(credentials, args.ca), env["id"])
            s3[0].create_bucket(Bucket="churn")
        if s3 and timed(stats, "s3_put", lambda: s3[0].put_object(Bucket="churn", Key=name, Body=name.encode())["ResponseMetadata"]["HTTPStatusCode"] == 200):
            written.append(name)
        keep = s3 is not None and env["id"] == s3[1]
        if not keep:
            started = time.time()
            status, _ = api.until_definite("DELETE", "/api/v1/environments/" + env["id"], token=token)
            stats.record("destroy", started, status == 200)
        asked.append((name, env["id"], not keep))
    # Settled: every environment asked for exists once, in the state its last command left it
    time.sleep(5)
    listed, cursor = [], None
    while True:
        status, page = api.until_definite("GET", "/api/v1/environments?limit=100" + ("&cursor=" + cursor if cursor else ""), token=token,
                                          headers={"Cache-Control": "no-cache"})
        listed += page["items"] if page else []
        cursor = page.get("next_cursor") if page else None
        if not cursor:
            break
    by_name = {}
    for env in listed:
        by_name.setdefault(env["name"], []).append(env)
    problems = {"doubled": [], "stuck": [], "wrong_state": [], "unanswered": []}
    for name, env_id, destroyed in asked:
        if env_id is None:
            problems["unanswered"].append(name)
            continue
        if len(by_name.get(name, [])) > 1:
            problems["doubled"].append(name)
        states = [e["status"] for e in by_name.get(name, [])]
        if any(s in TRANSITIONAL for s in states):
            problems["stuck"].append("%s:%s" % (name, ",".join(states)))
        elif destroyed and any(s != "destroyed" for s in states):
            problems["wrong_state"].append("%s:%s" % (name, ",".join(states)))
        elif not destroyed and states != ["running"]:
            problems["wrong_state"].append("%s:%s" % (name, ",".join(states)))
    if s3:
        keys = {o["Key"] for o in s3[0].list_objects_v2(Bucket="churn", MaxKeys=1000).get("Contents", [])}
        problems["s3_missing"] = [n for n in written if n not in keys][:20]
        api.until_definite("DELETE", "/api/v1/environments/" + s3[1], token=token)
    return {"asked": len(asked), "listed": len(listed), "s3_written": len(written), "problems": problems}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["soak", "churn"])
    parser.add_argument("--api", default="https://localhost")
    parser.add_argument("--ca", default=None)
    parser.add_argument("--seconds", type=int, default=180)
    parser.add_argument("--rate", type=float, default=4.0, help="roughly the operations per second of each worker kind")
    parser.add_argument("--run", default=uuid.uuid4().hex[:8])
    parser.add_argument("--report", default="-")
    args = parser.parse_args()
    api, stats = Api(args.api, args.ca), Stats()
    extra = soak(args, api, stats) if args.mode == "soak" else churn(args, api, stats)
    report = dict(stats.report(), **extra, mode=args.mode, seconds=args.seconds)
    text = json.dumps(report, indent=2)
    if args.report == "-":
        print(text)
    else:
        open(args.report, "w").write(text + "\n")


if __name__ == "__main__":
    main()
