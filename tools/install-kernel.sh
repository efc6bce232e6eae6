#!/usr/bin/env bash
# Installs the Jupyter kernelspec `java-gan` ("Java (GAN notebooks)") with this project's jars on the
# classpath, so notebooks need no magics (%maven, %jars) and run under either Java kernel.
#
#   tools/install-kernel.sh [--user | --sys-prefix | --prefix DIR] [--kernel auto|ijava|rapaio]
#
# Kernel choice (--kernel auto, the default):
#   1. IJava 1.3.0, the kernel users and Binder know. It is only a GitHub release zip, not on Maven
#      Central, so it is taken from $IJAVA_ZIP or downloaded (10 s limit), and installed ONLY if its
#      SHA-256 matches a value we were given: $IJAVA_SHA256 or tools/ijava-1.3.0.sha256. No checksum
#      is pinned in this repository because nobody here could download the zip to compute it; whoever
#      first fetches it on a trusted network must verify it and commit tools/ijava-1.3.0.sha256.
#   2. Otherwise rapaio-jupyter-kernel 3.0.1 from Maven Central (reached through mvn).
# --kernel ijava fails instead of falling back; --kernel rapaio skips the IJava attempt.
# GAN_KERNEL_JVM_OPTS replaces the kernel's JVM options. Re-run after moving the project: the
# kernelspec holds its absolute path.
set -euo pipefail

# The kernel runs cells inside its own JVM (both kernels use jshell's in-process execution), so these
# JVM options are the limits notebook code runs under. Binder gives 2 GB for everything, the Jupyter
# server (~150 MB) included. Java objects need little (the arrays live off-heap), so the heap is 512 MB;
# maxphysicalbytes caps the whole process RSS at 1600 MB, so an oversized batch fails as an
# OutOfMemoryError in its cell instead of the container being killed. Training at the quick profile's
# batch 16 peaks near 1 GB (the library collects garbage every iteration). Measured: a 1400 MB cap with
# batch 32 sat at the limit, and JavaCPP's collect-and-wait on every allocation made training 4x slower.
# SerialGC: the smallest footprint, and Binder's CPU share is small anyway.
# Headless: servers have no display; BufferedImage and chart rendering do not need one.
JVM_OPTS="${GAN_KERNEL_JVM_OPTS:--Xmx512m -Dorg.bytedeco.javacpp.maxphysicalbytes=1600M -XX:+UseSerialGC -Djava.awt.headless=true}"

KERNEL_NAME=java-gan
DISPLAY_NAME="Java (GAN notebooks)"
IJAVA_VERSION=1.3.0
IJAVA_URL="https://github.com/SpencerPark/IJava/releases/download/v${IJAVA_VERSION}/ijava-${IJAVA_VERSION}.zip"
RAPAIO_ARTIFACT=io.github.padreati:rapaio-jupyter-kernel:3.0.1
RAPAIO_MAIN=org.rapaio.jupyter.kernel.MainApp

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/tools"

where=(--user)
choice=auto
while [ $# -gt 0 ]; do
  case "$1" in
    --user) where=(--user) ;;
    --sys-prefix) where=(--sys-prefix) ;;
    --prefix) [ $# -ge 2 ] || { echo "install-kernel: --prefix needs a directory" >&2; exit 2; }
              where=(--prefix "$2"); shift ;;
    --kernel) [ $# -ge 2 ] || { echo "install-kernel: --kernel needs auto|ijava|rapaio" >&2; exit 2; }
              choice="$2"; shift ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-kernel: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
case "$choice" in auto|ijava|rapaio) ;; *) echo "install-kernel: --kernel auto|ijava|rapaio" >&2; exit 2 ;; esac

say() { echo "install-kernel: $*"; }
die() { echo "install-kernel: $*" >&2; exit 1; }

# --- Java 17+: the library is compiled for release 17 and rapaio needs 17. The absolute path goes into
# kernel.json so the kernel does not depend on the PATH of whoever starts Jupyter.
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="$(command -v java || true)"; fi
[ -n "$JAVA" ] || die "no java found (install a JDK 17)"
java_major="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[ "${java_major:-0}" -ge 17 ] 2>/dev/null || die "$JAVA is Java ${java_major:-?}; the kernel needs Java 17 or newer"

# --- the project's jars
if [ ! -f "$ROOT/target/gan-notebooks.jar" ] || [ ! -d "$ROOT/target/lib" ]; then
  say "building the project jars (mvn package)"
  (cd "$ROOT" && mvn -q -B -DskipTests package) || die "mvn package failed"
fi

PY="$(command -v python3 || echo /usr/bin/python3)"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$KERNEL_NAME"
spec="$stage/$KERNEL_NAME"

# Writes kernel.json from the variables below (json.dump does the quoting).
write_spec() { # argv-json env-json
  KJ_ARGV="$1" KJ_ENV="$2" KJ_NAME="$DISPLAY_NAME" "$PY" - "$spec/kernel.json" <<'PYEOF'
import json, os, sys
spec = {"argv": json.loads(os.environ["KJ_ARGV"]), "display_name": os.environ["KJ_NAME"],
        "language": "java", "interrupt_mode": "message", "env": json.loads(os.environ["KJ_ENV"])}
with open(sys.argv[1], "w") as f:
    json.dump(spec, f, indent=2)
    f.write("\n")
PYEOF
}
json_list() { "$PY" -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "$@"; }
json_env() { "$PY" -c 'import json,sys; print(json.dumps(dict(a.split("=",1) for a in sys.argv[1:])))' "$@"; }
read -r -a jvm_opts <<<"$JVM_OPTS"

# --- (a) IJava, only when verified
try_ijava() {
  local zip expected actual jar
  expected="${IJAVA_SHA256:-}"
  if [ -z "$expected" ] && [ -f "$TOOLS/ijava-$IJAVA_VERSION.sha256" ]; then
    expected="$(awk 'NF{print $1; exit}' "$TOOLS/ijava-$IJAVA_VERSION.sha256")"
  fi
  if [ -n "${IJAVA_ZIP:-}" ]; then
    zip="$IJAVA_ZIP"
    [ -f "$zip" ] || { say "IJAVA_ZIP=$zip does not exist"; return 1; }
  else
    zip="$stage/ijava.zip"
    # Short limits: where GitHub is unreachable this must fail in seconds, not minutes.
    if ! curl -fsSL --connect-timeout 5 --max-time 10 -o "$zip" "$IJAVA_URL" 2>/dev/null; then
      say "IJava download failed (GitHub unreachable?), using rapaio"
      return 1
    fi
  fi
  if [ -z "$expected" ]; then
    say "refusing unverified IJava zip: set IJAVA_SHA256 or write tools/ijava-$IJAVA_VERSION.sha256; using rapaio"
    return 1
  fi
  actual="$(sha256sum "$zip" | awk '{print $1}')"
  if [ "${actual,,}" != "${expected,,}" ]; then
    say "IJava zip SHA-256 $actual does not match the expected $expected; refusing it"
    return 1
  fi
  jar="$(unzip -Z1 "$zip" | grep -E "(^|/)ijava-$IJAVA_VERSION\.jar$" | head -n1 || true)"
  [ -n "$jar" ] || { say "no ijava-$IJAVA_VERSION.jar inside $zip"; return 1; }
  unzip -q -j -o "$zip" "$jar" -d "$spec" || return 1
  # {resource_dir} is expanded by jupyter_client to wherever the kernelspec finally lands.
  write_spec "$(json_list "$JAVA" "${jvm_opts[@]}" -jar "{resource_dir}/ijava-$IJAVA_VERSION.jar" "{connection_file}")" \
             "$(json_env "IJAVA_CLASSPATH=$ROOT/target/gan-notebooks.jar:$ROOT/target/lib/*" "IJAVA_TIMEOUT=-1")" || return 1
  KERNEL_USED="IJava $IJAVA_VERSION"
}

# --- (b) rapaio from Maven Central
install_rapaio() {
  local dir="$ROOT/target/kernel" jar
  jar="$dir/rapaio-jupyter-kernel-3.0.1.jar"
  if [ ! -f "$jar" ]; then
    (cd "$ROOT" && mvn -q -B dependency:copy -Dartifact="$RAPAIO_ARTIFACT" -DoutputDirectory="$dir") \
      || die "could not fetch $RAPAIO_ARTIFACT from Maven Central"
  fi
  # Copied into the kernelspec so `mvn clean` does not break an installed kernel.
  cp "$jar" "$spec/"
  local cp="{resource_dir}/$(basename "$jar")"
  # 3.0.1 hangs at start-up in ~1 start of 5 (a race in its LoopThread, see the fix's javadoc). A
  # corrected class ahead of its jar cures that for users in Jupyter too, not only for our runner,
  # which retries starts anyway. Without javac (a JRE only) the kernel still works, minus the fix.
  local fix="$TOOLS/kernel/rapaio-fix" javac="${JAVA%/java}/javac"
  [ -x "$javac" ] || javac="$(command -v javac || true)"
  if [ -n "$javac" ] && "$javac" --release 17 -nowarn -d "$stage/fix" \
       "$fix/org/rapaio/jupyter/kernel/channels/LoopThread.java" 2>"$stage/javac.log" \
     && (cd "$stage/fix" && "${javac%/javac}/jar" cf "$spec/rapaio-startup-fix.jar" org 2>>"$stage/javac.log"); then
    cp="{resource_dir}/rapaio-startup-fix.jar:$cp"
  else
    say "warning: could not build the start-up fix (no JDK?); the kernel may hang at start-up now and then"
    cat "$stage/javac.log" >&2 2>/dev/null || true
  fi
  # Its own installer would write an empty RJK_CLASSPATH, hence this hand-written spec. RJK_CLASSPATH is
  # ';'-separated with globs; RJK_TIMEOUT_MILLIS=-1 removes its per-cell time limit (training cells
  # run for minutes). No --add-opens: the jar is Java 17 bytecode, and nd4j loads in it on 17 as is.
  write_spec "$(json_list "$JAVA" "${jvm_opts[@]}" -cp "$cp" "$RAPAIO_MAIN" "{connection_file}")" \
             "$(json_env "RJK_CLASSPATH=$ROOT/target/gan-notebooks.jar;$ROOT/target/lib/*" "RJK_TIMEOUT_MILLIS=-1")"
  KERNEL_USED="rapaio-jupyter-kernel 3.0.1"
}

KERNEL_USED=
case "$choice" in
  ijava) try_ijava || die "IJava could not be installed (see above)" ;;
  rapaio) install_rapaio ;;
  auto) try_ijava || { rm -f "$spec"/*; install_rapaio; } ;;
esac

# --- install the spec where Jupyter looks. `jupyter kernelspec` knows --user/--sys-prefix/--prefix
# for whichever Jupyter is on PATH (Binder's conda one); Debian ships that subcommand only in
# jupyter-client, so fall back to the module, then to a plain copy for --user.
install_spec() {
  if jupyter kernelspec --version >/dev/null 2>&1; then
    jupyter kernelspec install --replace --name "$KERNEL_NAME" "${where[@]}" "$spec" >/dev/null 2>&1 && return 0
  fi
  local p
  for p in "$(command -v python3 || true)" /usr/bin/python3; do
    [ -n "$p" ] && "$p" -c 'import jupyter_client' 2>/dev/null || continue
    "$p" -m jupyter_client.kernelspecapp install --replace --name "$KERNEL_NAME" "${where[@]}" "$spec" >/dev/null 2>&1 && return 0
  done
  if [ "${where[0]}" = --user ]; then
    local data
    data="$(jupyter --data-dir 2>/dev/null || echo "${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}")"
    rm -rf "$data/kernels/$KERNEL_NAME"
    mkdir -p "$data/kernels"
    cp -r "$spec" "$data/kernels/$KERNEL_NAME"
    return 0
  fi
  return 1
}
install_spec || die "could not install the kernelspec (is Jupyter installed? try tools/install-jupyter.sh)"
say "installed kernel $KERNEL_NAME ($KERNEL_USED, ${where[*]}) with classpath $ROOT/target"
