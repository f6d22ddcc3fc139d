# Shared helpers of the wrk benchmarks (scripts/bench-http, scripts/bench-oauth). Source it after
# setting BENCH_NAME (used in messages), then call `bench_init`: it creates $WORK, registers the
# clean-up that kills every server in PIDS on exit, and reads the common settings:
#   THREADS CONNECTIONS DURATION WARMUP ROUNDS SKIP_BUILD LOCK SCRATCH ROOT
# (BENCH_THREADS [1], BENCH_CONNECTIONS [64], BENCH_DURATION [10s], BENCH_WARMUP [3s],
#  BENCH_ROUNDS [3], BENCH_SKIP_BUILD [0], BENCH_LOCK [/tmp/gatehouse-build.lock]).

section() { printf '\n== %s (%s)\n' "$1" "$(date +%H:%M:%S)" >&2; }
die() {
    echo "$BENCH_NAME: $*" >&2
    exit 1
}

bench_init() {
    ROOT=$(pwd)
    THREADS=${BENCH_THREADS:-1}
    CONNECTIONS=${BENCH_CONNECTIONS:-64}
    DURATION=${BENCH_DURATION:-10s}
    WARMUP=${BENCH_WARMUP:-3s}
    ROUNDS=${BENCH_ROUNDS:-3}
    SKIP_BUILD=${BENCH_SKIP_BUILD:-0}
    LOCK=${BENCH_LOCK-/tmp/gatehouse-build.lock}
    SCRATCH="$ROOT/.build-bench"
    WORK=$(mktemp -d "/tmp/$BENCH_NAME.XXXXXX")
    PIDS=()
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
}

# --- servers are always killed on exit -------------------------------------------------------
bench_cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}

# bench_tools [EXTRA_PACKAGE...]: installs wrk, python3 and flock (and the extras) when missing.
bench_tools() {
    local missing=()
    command -v wrk > /dev/null || missing+=(wrk)
    command -v python3 > /dev/null || missing+=(python3)
    command -v flock > /dev/null || missing+=(util-linux)
    missing+=("$@")
    if ((${#missing[@]})); then
        section "installing ${missing[*]}"
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo=sudo
        $sudo apt-get update >&2
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}" >&2
    fi
    command -v swift > /dev/null || die "swift is not on PATH (Swift 6.3 is required)"
}

# --- lock: held for the build and the measurements (fd 9, closed for every child server) ------
bench_lock() {
    if [ -n "$LOCK" ]; then
        exec 9> "$LOCK"
        echo "$BENCH_NAME: waiting for $LOCK" >&2
        timeout 3600 flock 9 || die "could not take $LOCK within an hour"
    fi
}

# bench_build EXECUTABLE...: release build of the Benchmarks/ package into .build-bench (unless
# BENCH_SKIP_BUILD=1); sets BIN and checks that every EXECUTABLE is there.
bench_build() {
    local exe
    if [ "$SKIP_BUILD" != 1 ]; then
        section "build (release, Benchmarks/ → .build-bench)"
        (cd Benchmarks && timeout 3600 swift build -c release --scratch-path "$SCRATCH") >&2
    fi
    BIN=$(cd Benchmarks && swift build -c release --scratch-path "$SCRATCH" --show-bin-path)
    for exe in "$@"; do
        [ -x "$BIN/$exe" ] || die "$BIN/$exe is missing (build first)"
    done
}

# --- helpers ---------------------------------------------------------------------------------
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_hello PORT OUTFILE [TIMEOUT_S] [STRICT]: waits until 127.0.0.1:PORT answers GET /hello with
# 200 and the 13-byte "Hello, world!" (STRICT=1, the default: also `text/plain; charset=utf-8` and
# content-length 13). Writes the status line and headers to OUTFILE; fails after TIMEOUT_S [20].
wait_hello() {
    python3 - "$1" "${3:-20}" "${4:-1}" > "$2" 2>&1 << 'EOF'
import socket, sys, time
port, limit, strict = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3] == "1"
deadline = time.time() + limit
while True:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(b"GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            data = b""
            while b"\r\n\r\n" not in data or len(data.split(b"\r\n\r\n", 1)[1]) < 13:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
        if b"\r\n\r\n" in data:
            break
    except OSError:
        pass
    if time.time() > deadline:
        sys.exit("server did not start")
    time.sleep(0.1)
head, body = data.split(b"\r\n\r\n", 1)
lines = head.decode().split("\r\n")
headers = {l.split(":", 1)[0].lower(): l.split(":", 1)[1].strip() for l in lines[1:]}
ok = lines[0].startswith("HTTP/1.1 200") and body == b"Hello, world!"
if strict:
    ok = (ok and headers.get("content-type") == "text/plain; charset=utf-8"
          and headers.get("content-length") == "13")
print(" | ".join(lines))
sys.exit(0 if ok else "unexpected response: " + repr(data))
EOF
}

stop_server() {
    local pid=$1
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

seconds_of() { # "10s" / "1m" / "10" → seconds
    local d=$1
    case $d in
    *m) echo $((${d%m} * 60)) ;;
    *s) echo "${d%s}" ;;
    *) echo "$d" ;;
    esac
}

# run_wrk PORT DURATION OUTFILE [PATH] [LUA_SCRIPT]: wrk -t$THREADS -c$CONNECTIONS -dDURATION
# --latency on http://127.0.0.1:PORT/PATH (default /hello), bounded in time.
run_wrk() {
    local limit=$(($(seconds_of "$2") + 30)) script=()
    [ -z "${5:-}" ] || script=(-s "$5")
    timeout "$limit" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency "${script[@]}" \
        "http://127.0.0.1:$1${4:-/hello}" > "$3" 9>&-
}

# Parses a wrk report: prints "REQ_PER_SEC P99_MS ERRORS" (errors: non-2xx/3xx + socket errors).
parse_wrk() {
    python3 - "$1" << 'EOF'
import re, sys
text = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
m = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
p99 = float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]
errors = 0
for pattern in (r"Non-2xx or 3xx responses:\s+(\d+)", r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"):
    e = re.search(pattern, text)
    if e:
        errors += sum(int(g) for g in e.groups())
print(f"{rps:.0f} {p99:.3f} {errors}")
EOF
}

# Requests completed by a wrk run.
wrk_requests() { sed -n 's/^ *\([0-9][0-9]*\) requests in .*/\1/p' "$1"; }

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# ratio_line LABEL VALUE BASE TARGET [NOTE]: "LABEL  VALUE/BASE  target >= T  MET|NOT MET".
ratio_line() {
    [ -n "$2" ] && [ -n "$3" ] || return 0
    awk -v a="$2" -v b="$3" -v t="$4" -v n="$1" -v note="${5:-}" 'BEGIN {
        r = a / b; printf "%-48s %8.3fx   target >= %sx   %s%s\n", n, r, t, (r >= t ? "MET" : "NOT MET"), note }'
}
