#!/usr/bin/env bash
# End-to-end checks of the notebook tooling: Jupyter install, the runner on a good notebook, on a
# failing one, on a kernel whose first start hangs and on one that never starts, the output checker, and
# the kernel's answers to the stop button and to a failed cell (kernel-protocol.py).
#
#   tools/test/test-runner.sh        (needs Debian's Jupyter: tools/install-jupyter.sh)
#
# Everything is installed under a temporary prefix found through JUPYTER_PATH, so the user's own
# kernels are neither used nor touched. Last line: "N passed, M failed"; exit status 1 if M > 0.
# The choice of kernel and the kernelspecs written are tested in test-install-kernel.sh.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/tools/test"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
export JUPYTER_DATA_DIR="$T/data" JUPYTER_PATH="$T/prefix/share/jupyter"
KERNELS="$JUPYTER_PATH/kernels"
export GAN_TEST_SCRATCH="$T/scratch"   # the failing notebook counts its runs here
mkdir -p "$GAN_TEST_SCRATCH"

runner() { "$PY" "$ROOT/tools/run-notebooks.py" "$@"; }
# the kernel's heap cap: a quarter of the memory (install-kernel.sh's -XX:MaxRAMPercentage=25), as java works it out
QUARTER_MIB="$(java -XX:+UseSerialGC -XX:MaxRAMPercentage=25 -XX:+PrintFlagsFinal -version 2>/dev/null |
  awk '$2 == "MaxHeapSize" {print int($4 / 1048576)}')"
all_dead() { local p; for p in "$@"; do kill -0 "$p" 2>/dev/null && return 1; done; return 0; }
# The text of every output of an executed notebook, one "cell N: TYPE: text" line each.
outputs() {
  "$PY" -c '
import json, sys
for i, c in enumerate(json.load(open(sys.argv[1]))["cells"]):
    for o in c.get("outputs", []):
        text = o.get("text") or "".join("".join(v) for k, v in o.get("data", {}).items() if k.startswith("text/"))
        print("cell %d: %s: %s" % (i, o["output_type"], "".join(text).replace("\n", " | ")))
' "$1"
}

# --- 1. install-jupyter.sh: idempotent and quiet
"$ROOT/tools/install-jupyter.sh" >"$T/ij1.log" 2>&1
"$ROOT/tools/install-jupyter.sh" >"$T/ij2.log" 2>&1
rc=$?
check "install-jupyter.sh is idempotent and quiet" "$T/ij2.log" \
  test "$rc" -eq 0 -a ! -s "$T/ij2.log"

# --- 2. the kernel these tests run: rapaio, as CI has it (tools/test/test-install-kernel.sh tests the
# choice of kernel and what is written for each)
"$ROOT/tools/install-kernel.sh" --kernel rapaio --prefix "$T/prefix" >"$T/ik.log" 2>&1
rc=$?
check "install-kernel.sh --kernel rapaio installs the kernel these tests use" "$T/ik.log" \
  eval '[ $rc -eq 0 ] && has "$KERNELS/java-gan/kernel.json" "org.rapaio.jupyter.kernel.MainApp"'

# --- 4. a good notebook: executes, HTML written, outputs as expected, checker passes
runner --out "$T/out" --html --startup-timeout 20 "$HERE/runner-test.ipynb" >"$T/good.log" 2>&1
rc=$?
out="$T/out/runner-test.ipynb"
check "runner executes runner-test.ipynb, writes .ipynb and .html" "$T/good.log" \
  eval '[ $rc -eq 0 ] && [ -s "$out" ] && [ -s "$T/out/runner-test.html" ] && has "$T/good.log" "rapaio-jupyter-kernel"'
outputs "$out" >"$T/good.txt" 2>&1
check "outputs: 1+1, stream import, cwd, Java 17+, heap cap, project jars + nd4j" "$T/good.txt" \
  eval 'has "$T/good.txt" "cell 1: stream: 2 |" && has "$T/good.txt" "1,4,9,16,25" &&
        has "$T/good.txt" "cwd is notebook folder: true" && grep -Eq "java (1[7-9]|[2-9][0-9])" "$T/good.txt" &&
        [ "$(grep -o "max heap MiB: [0-9]*" "$T/good.txt" | grep -o "[0-9]*$")" -le "$QUARTER_MIB" ] &&
        has "$T/good.txt" "cell 7: execute_result: nd4j .* backend"'
check "updateDisplay replaced the display (cell 5 shows y only)" "$T/good.txt" \
  eval '[ "$(grep "^cell 5:" "$T/good.txt")" = "cell 5: display_data: y" ]'
"$PY" "$ROOT/tools/check-notebook-outputs.py" "$out" >"$T/chk.log" 2>&1
rc=$?
check "check-notebook-outputs passes the executed notebook (2 images)" "$T/chk.log" \
  eval '[ $rc -eq 0 ] && has "$T/chk.log" "2 expected images present"'
"$PY" "$ROOT/tools/check-notebook-outputs.py" "$HERE/runner-test.ipynb" >"$T/chk0.log" 2>&1
rc=$?
check "check-notebook-outputs fails an unexecuted notebook (missing images)" "$T/chk0.log" \
  eval '[ $rc -ne 0 ] && has "$T/chk0.log" "expect-image but has no image/png"'

# --- 5. a failing cell: the run fails at once, error shown, cell ran once, later cells never ran
runner --out "$T/out" --startup-timeout 20 "$HERE/failing.ipynb" >"$T/bad.log" 2>&1
rc=$?
check "failing cell fails the run with its error" "$T/bad.log" \
  eval '[ $rc -ne 0 ] && has "$T/bad.log" "FAILED in cell 2" && has "$T/bad.log" "RuntimeException: boom"'
check "failing cell ran exactly once, later cells never" "$T/bad.log" \
  eval '[ "$(cat "$GAN_TEST_SCRATCH/boom-count" 2>/dev/null)" = "x" ] && ! [ -e "$GAN_TEST_SCRATCH/after-boom" ]'
"$PY" "$ROOT/tools/check-notebook-outputs.py" "$T/out/failing.ipynb" >"$T/chk2.log" 2>&1
rc=$?
check "failed notebook is written with its error, and the checker rejects it" "$T/chk2.log" \
  eval '[ $rc -ne 0 ] && has "$T/chk2.log" "EvalException: boom"'

# --- 5b. the kernel's fixes at the protocol level (tools/test/kernel-protocol.py): the stop button ends the cell
# only once its code has returned, its output in the cell, and aborts the cells queued behind it; so does a
# failed cell (stop_on_error); a restart while a cell runs ends the kernel
"$PY" "$HERE/kernel-protocol.py" >"$T/proto.log" 2>"$T/proto-kernel.log"
rc=$?
check "kernel protocol: stop button, stop_on_error, restart mid-cell ($(grep -c '^ok' "$T/proto.log") checks)" "$T/proto.log" \
  eval '[ $rc -eq 0 ] && has "$T/proto.log" "all passed"'

# --- 6. kernels that hang at start: the start is retried, cells still run once
# Fake kernelspecs around the real one: hang-once sleeps on its first start (like rapaio's start-up
# race), then runs the real kernel; hang-always never starts. Each start records its pid.
cat >"$T/hang-kernel.sh" <<'EOF'
#!/usr/bin/env bash
# usage: hang-kernel.sh STATE_DIR once|always REAL_KERNEL_ARGV...
state=$1 mode=$2; shift 2
echo $$ >>"$state/starts"
if [ "$mode" = always ] || [ ! -e "$state/hung" ]; then touch "$state/hung"; exec sleep 100; fi
exec "$@"
EOF
chmod +x "$T/hang-kernel.sh"
"$PY" - "$KERNELS" "$T" <<'EOF'
import json, os, sys
kernels, tmp = sys.argv[1], sys.argv[2]
real = json.load(open(os.path.join(kernels, "java-gan", "kernel.json")))
argv = [a.replace("{resource_dir}", os.path.join(kernels, "java-gan")) for a in real["argv"]]
for mode in ("once", "always"):
    state = os.path.join(tmp, "hang-" + mode)
    os.makedirs(state)
    os.makedirs(os.path.join(kernels, "hang-" + mode))
    spec = dict(real, display_name="hang-" + mode, argv=[os.path.join(tmp, "hang-kernel.sh"), state, mode] + argv)
    json.dump(spec, open(os.path.join(kernels, "hang-" + mode, "kernel.json"), "w"))
EOF
rm -f "$GAN_TEST_SCRATCH/boom-count"
runner --out "$T/out-hang" --kernel hang-once --startup-timeout 5 "$HERE/failing.ipynb" >"$T/hang.log" 2>&1
rc=$?
starts=$(wc -l <"$T/hang-once/starts")
check "hung start is killed and retried ($starts starts)" "$T/hang.log" \
  eval '[ $starts -ge 2 ] && has "$T/hang.log" "kernel start 1/4 failed" && has "$T/hang.log" "kernel up in .* (attempt [2-4])" &&
        all_dead $(cat "$T/hang-once/starts")'
check "after a retried start the failing cell still ran exactly once" "$T/hang.log" \
  eval '[ $rc -ne 0 ] && has "$T/hang.log" "RuntimeException: boom" && [ "$(cat "$GAN_TEST_SCRATCH/boom-count" 2>/dev/null)" = "x" ]'
start=$(date +%s)
runner --out "$T/out-hang" --kernel hang-always --startup-timeout 3 --attempts 2 "$HERE/runner-test.ipynb" >"$T/never.log" 2>&1
rc=$? secs=$(( $(date +%s) - start ))
check "a kernel that never starts fails after 2 attempts (${secs} s), no process left" "$T/never.log" \
  eval '[ $rc -ne 0 ] && has "$T/never.log" "did not start in 2 attempts" && [ $secs -lt 30 ] &&
        [ "$(wc -l <"$T/hang-always/starts")" -eq 2 ] && all_dead $(cat "$T/hang-always/starts")'

summary
