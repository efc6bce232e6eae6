# Shared by the tool tests (sourced): counters, check, small JSON and grep helpers, the summary.

PY=/usr/bin/python3            # Debian's python: the one with nbclient and jupyter_client
passed=0 failed=0 skipped=0
ok() { passed=$((passed + 1)); echo "ok   - $1"; }
fail() { failed=$((failed + 1)); echo "FAIL - $1"; [ -n "${2:-}" ] && sed 's/^/       /' "$2" | tail -n 25; }
skip() { skipped=$((skipped + 1)); echo "skip - $1"; }
# check NAME LOGFILE CONDITION...: runs CONDITION; success is a pass, otherwise LOGFILE's tail is shown.
check() { local name="$1" log="$2"; shift 2; if "$@"; then ok "$name"; else fail "$name" "$log"; fi; }
has() { grep -q -- "$2" "$1"; }
# json FILE EXPR: prints a Python expression over the JSON in FILE, bound to d.
json() { "$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }
# Last line of every test file: "N passed, M failed[, K skipped]"; the status is 1 if M > 0.
summary() {
  local s=""
  [ "$skipped" -eq 0 ] || s=", $skipped skipped"
  echo "$passed passed, $failed failed$s"
  [ "$failed" -eq 0 ]
}
