#!/usr/bin/env bash
# Checks of the ./gan launcher's memory limits: real ./gan processes under a fake cgroup limit (a
# 2 GB container, as a Binder pod), an unlimited cgroup of v2 and of v1, and options given by hand.
# A stand-in `java` first on PATH records the options the launcher starts the JVM with, then runs the
# real java, so the refusals come from the JVM those options made.
#
#   tools/test/test-launcher.sh        (needs the built jars: mvn package, or any ./gan command)
#
# Last line: "N passed, M failed"; exit 1 if M > 0.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
T="$(mktemp -d)"; [ -z "${GAN_TEST_KEEP:-}" ] || echo "keeping $T"
trap '[ -n "${GAN_TEST_KEEP:-}" ] || rm -rf "$T"' EXIT
REAL_JAVA="$(command -v java)"
unset GAN_JAVA_OPTS GAN_JAVACPP_CACHE_DIR GAN_CGROUP_MEMORY_FILE
mkdir -p "$T/bin"
cat >"$T/bin/java" <<EOF
#!/usr/bin/env bash
# the launch of the command line (not the launcher's version check): one option a line
case " \$* " in *" io.gannotebooks.cli.Main "*) printf '%s\n' "\$@" >"$T/java.args" ;; esac
exec "$REAL_JAVA" "\$@"
EOF
chmod +x "$T/bin/java"

# gan LOG ARGS...: ./gan with the stand-in java; stdout+stderr in LOG, the status in rc
gan() {
  local log="$1"; shift
  rm -f "$T/java.args"
  PATH="$T/bin:$PATH" GAN_CACHE_DIR="$T/cache" "$ROOT/gan" "$@" >"$log" 2>&1
  rc=$?
}
arg() { grep -qx -- "$1" "$T/java.args" 2>/dev/null; }
mib() { echo $(($1 / 1048576)); }
one_gan_line() { [ "$(grep -c '^gan: ' "$1")" -eq 1 ] && ! grep -q $'^\tat ' "$1"; }

# --- 1. a 2 GB container (cgroup v2's memory.max) ------------------------------------------------------
echo 2000000000 >"$T/memory.max"
export GAN_CGROUP_MEMORY_FILE="$T/memory.max"
gan "$T/c128.log" train --batch 128 --iterations 1 --out "$T/run128"
check "2 GB container: the JVM gets a quarter for its heap and three quarters for the process, below the limit" "$T/c128.log" \
  eval 'arg "-Xmx$(mib 500000000)m" && arg "-Dorg.bytedeco.javacpp.maxphysicalbytes=$(mib 1500000000)M" &&
        arg "-Dgan.memory.limit=2000000000" && arg "-Dgan.memory.source=container"'
fits="$(sed -n 's/.*use --batch \([0-9]*\) or less.*/\1/p' "$T/c128.log")"
check "2 GB container: batch 128 is refused in one line that names the container's limit and a batch that fits" "$T/c128.log" \
  eval '[ $rc -eq 2 ] && one_gan_line "$T/c128.log" &&
        grep -q "^gan: batch 128 needs about 2\.[0-9] GB of memory, more than the 1\.5 GB this process may use (this container allows 2\.0 GB); use --batch [0-9]* or less" "$T/c128.log" &&
        [ "${fits:-0}" -ge 16 ] && [ "$fits" -lt 128 ] && ! [ -e "$T/run128" ]'
gan "$T/c64.log" train --batch 64 --iterations 1 --out "$T/run64"
check "2 GB container: batch 64 (1.6 GB) is refused too, before it could get the container killed" "$T/c64.log" \
  eval '[ $rc -eq 2 ] && one_gan_line "$T/c64.log" && grep -q "^gan: batch 64 needs about 1\.6 GB" "$T/c64.log"'
gan "$T/c16.log" train --batch 16 --iterations 1 --sample-every 1 --out "$T/run16"
check "2 GB container: batch 16 (the quick profile's) trains" "$T/c16.log" \
  eval '[ $rc -eq 0 ] && [ -s "$T/run16/history.csv" ] && arg "-Xmx$(mib 500000000)m"'

# --- 2. no limit in the cgroup: the machine's memory ----------------------------------------------------
physical=$(( $(awk '/^MemTotal:/ {print $2}' /proc/meminfo) * 1024 ))
machine_gb="$(awk -v b="$physical" 'BEGIN {printf "%.1f", b / 1e9}')"
for unlimited in max 9223372036854771712; do   # v2's word, v1's number
  echo "$unlimited" >"$T/memory.max"
  gan "$T/m-$unlimited.log" train --batch 4096 --iterations 1 --out "$T/run-m"
  check "cgroup limit '$unlimited' is no limit: sized from the machine's ${machine_gb} GB, and the refusal says so" "$T/m-$unlimited.log" \
    eval 'arg "-Xmx$(mib $((physical / 4)))m" && arg "-Dorg.bytedeco.javacpp.maxphysicalbytes=$(mib $((physical / 4 * 3)))M" &&
          arg "-Dgan.memory.source=machine" && [ $rc -eq 2 ] && one_gan_line "$T/m-$unlimited.log" &&
          grep -q "this process may use (this machine has $machine_gb GB); " "$T/m-$unlimited.log"'
done

# --- 3. options given by hand win; the figures still come along --------------------------------------------
echo 2000000000 >"$T/memory.max"
GAN_JAVA_OPTS="-Xmx300m -Dorg.bytedeco.javacpp.maxphysicalbytes=1000M" GAN_JAVACPP_CACHE_DIR="$T/javacpp" \
  gan "$T/own.log" train --batch 128 --iterations 1 --out "$T/run-own"
check "GAN_JAVA_OPTS replaces the sizes, GAN_JAVACPP_CACHE_DIR moves JavaCPP's cache, the refusal names both limits" "$T/own.log" \
  eval 'arg -Xmx300m && arg "-Dorg.bytedeco.javacpp.maxphysicalbytes=1000M" && ! arg "-Xmx$(mib 500000000)m" &&
        arg "-Dorg.bytedeco.javacpp.cachedir=$T/javacpp" && arg "-Dgan.memory.source=container" && [ $rc -eq 2 ] &&
        grep -q "more than the 1\.0 GB this process may use (this container allows 2\.0 GB)" "$T/own.log"'

# --- 4. the machine's own cgroup files, without a fake --------------------------------------------------
unset GAN_CGROUP_MEMORY_FILE
gan "$T/real.log" version
limit="$(sed -n 's/^-Dgan.memory.limit=//p' "$T/java.args" 2>/dev/null)"
check "without a fake: a limit found from /proc/self/cgroup or /proc/meminfo, at most the machine's memory" "$T/real.log" \
  eval '[ $rc -eq 0 ] && [ -n "$limit" ] && [ "$limit" -le "$physical" ] && [ "$limit" -gt 0 ]'

summary
