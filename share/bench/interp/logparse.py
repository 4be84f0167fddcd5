# Log-line parsing: split, startswith, 'in', replace, upper, float(), and a regex capture.
import re
import time

LEVELS = ["INFO", "WARN", "ERROR", "DEBUG"]
USERS = ["alice", "bob", "carol", "dave", "eve"]
PATHS = ["/api/v1/items", "/api/v2/users", "/static/app.js", "/health", "/api/v1/orders"]


def make_lines(n):
    lines = []
    x = 12345
    for i in range(1, n + 1):
        x = (x * 1103515245 + 12345) % 2147483648
        level = LEVELS[x % 4]
        user = USERS[x % 5]
        path = PATHS[(x // 7) % 5]
        latency = (x % 100_000) / 1000
        status = 500 if (x // 11) % 3 == 0 else 200
        lines.append(f"2024-01-15 12:{i % 60:02d}:00 {level} user={user} latency={latency}ms path={path} status={status}")
    return lines


def analyze(lines):
    errors = 0
    api = 0
    total_latency = 0.0
    status_sum = 0
    users = {}
    pathlen = 0
    for line in lines:
        fields = line.split(" ")
        level = fields[2]
        if level.startswith("ERR"):
            errors += 1
        if "/api/" in line:
            api += 1
        user = fields[3].replace("user=", "").upper()
        users[user] = users.get(user, 0) + 1
        lat = fields[4]
        total_latency += float(lat[8:-2])
        path = fields[5][5:].replace("/", "_")
        pathlen += len(path)
        m = re.search(r"status=(\d+)", line)
        if m is not None:
            status_sum += int(m.group(1))
    return errors * 1_000_000 + api * 1000 + round(total_latency) + status_sum + pathlen + users["ALICE"]


lines = make_lines(20_000)
for run in range(3):
    t0 = time.perf_counter()
    r = analyze(lines)
    t = time.perf_counter() - t0
    print("result", r)
    print("elapsed", t)
