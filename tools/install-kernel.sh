#!/usr/bin/env bash
# Installs the Jupyter kernelspec `java-gan` ("Java (GAN notebooks)") with this project's jars on the
# classpath, so notebooks need no magics (%maven, %jars) and run under any of the Java kernels below.
#
#   tools/install-kernel.sh [--user | --sys-prefix | --prefix DIR] [--kernel auto|ijava|rapaio]
#                           [--jar PATH | --zip PATH]
#
# Where, when not given: into the active environment, as --sys-prefix would (the first of $CONDA_PREFIX,
# $VIRTUAL_ENV and Binder's $NB_PYTHON_PREFIX that has a jupyter), else --user. A course lab that mounts
# a persistent home over the image's keeps a kernel installed in its environment.
#
# Which kernel (--kernel auto, the default), first found wins:
#   1. the IJava or JJava you hand over: --jar PATH (the kernel jar; JJava's jjava-launcher.jar is
#      taken from beside it) or --zip PATH (a release zip). Used as given: you chose it.
#   2. $IJAVA_ZIP, an IJava release zip, only if its SHA-256 matches $IJAVA_SHA256 or
#      tools/ijava-1.3.0.sha256.
#   3. an IJava or JJava already installed as a kernelspec, e.g. conda-forge's `ijava` (environment.yml):
#      found through `jupyter kernelspec list --json`, recognised by the classes in its jar.
#   4. IJava 1.3.0 downloaded from GitHub (10 s limit), only when a checksum is pinned as in 2; none is
#      committed, because nobody here could download the zip to compute one.
#   5. rapaio-jupyter-kernel 3.0.1 from Maven Central (through mvn): what CI runs.
# The kernel's jars are copied into the kernelspec, so it does not depend on where they came from.
# --kernel ijava fails instead of falling back to 5; --kernel rapaio goes straight to 5.
# GAN_KERNEL_JVM_OPTS replaces the kernel's JVM options; GAN_JAVACPP_CACHE_DIR (an absolute path) puts
# JavaCPP's unpacked native libraries there instead of ~/.javacpp/cache. Re-run after moving the
# project: the kernelspec holds its absolute path.
set -euo pipefail

# The kernel runs cells inside its own JVM (all three kernels use jshell's in-process execution), so
# these JVM options are the limits notebook code runs under. They follow ./gan's rule, a quarter of the
# memory for the heap and three quarters for the whole process, but are worked out by the JVM when the
# kernel starts, from the memory it finds then (the container's limit inside one: Binder's 2 GB pod
# gets a 512 MB heap), not from the machine the kernel was installed on (Binder installs at image build).
# MaxRAMPercentage sizes the heap; JavaCPP reads a maxphysicalbytes in % as a multiple of the heap
# (Runtime.maxMemory(), with SerialGC 3 % below -Xmx: 300 % is about 72 % of the memory). Past that
# cap an oversized batch fails as an OutOfMemoryError in its cell instead of the container being
# killed. Training at the quick profile's batch 16 peaks near 1 GB (the library collects garbage every
# iteration). Measured: a 1400 MB cap with batch 32 sat at the limit, and JavaCPP's collect-and-wait
# on every allocation made training 4x slower. SerialGC: the smallest
# footprint, and Binder's CPU share is small anyway. Headless: servers have no display; BufferedImage
# and chart rendering do not need one.
JVM_OPTS="${GAN_KERNEL_JVM_OPTS:--XX:MaxRAMPercentage=25 -Dorg.bytedeco.javacpp.maxphysicalbytes=300% -XX:+UseSerialGC -Djava.awt.headless=true}"
if [ -n "${GAN_JAVACPP_CACHE_DIR:-}" ]; then
  case "$GAN_JAVACPP_CACHE_DIR" in /*) ;; *) echo "install-kernel: GAN_JAVACPP_CACHE_DIR must be an absolute path" >&2; exit 2 ;; esac
  JVM_OPTS+=" -Dorg.bytedeco.javacpp.cachedir=$GAN_JAVACPP_CACHE_DIR"
fi

KERNEL_NAME=java-gan
DISPLAY_NAME="Java (GAN notebooks)"
IJAVA_VERSION=1.3.0
IJAVA_URL="https://github.com/SpencerPark/IJava/releases/download/v${IJAVA_VERSION}/ijava-${IJAVA_VERSION}.zip"
RAPAIO_ARTIFACT=io.github.padreati:rapaio-jupyter-kernel:3.0.1
RAPAIO_MAIN=org.rapaio.jupyter.kernel.MainApp

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/tools"

say() { echo "install-kernel: $*"; }
die() { echo "install-kernel: $*" >&2; exit 1; }
usage() { echo "install-kernel: $*" >&2; exit 2; }

where=()   # none given: see "Where" above
choice=auto
given_jar= given_zip=
while [ $# -gt 0 ]; do
  case "$1" in
    --user) where=(--user) ;;
    --sys-prefix) where=(--sys-prefix) ;;
    --prefix) [ $# -ge 2 ] || usage "--prefix needs a directory"
              where=(--prefix "$2"); shift ;;
    --kernel) [ $# -ge 2 ] || usage "--kernel needs auto|ijava|rapaio"
              choice="$2"; shift ;;
    --jar) [ $# -ge 2 ] || usage "--jar needs the path of an IJava or JJava kernel jar"
           given_jar="$2"; shift ;;
    --zip) [ $# -ge 2 ] || usage "--zip needs the path of an IJava or JJava release zip"
           given_zip="$2"; shift ;;
    -h|--help) sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) usage "unknown argument $1" ;;
  esac
  shift
done
case "$choice" in auto|ijava|rapaio) ;; *) usage "--kernel auto|ijava|rapaio" ;; esac
where_why=""
if [ ${#where[@]} -eq 0 ]; then
  for prefix in "${CONDA_PREFIX:-}" "${VIRTUAL_ENV:-}" "${NB_PYTHON_PREFIX:-}"; do
    if [ -n "$prefix" ] && [ -x "$prefix/bin/jupyter" ]; then
      # --prefix of the environment is where --sys-prefix of its jupyter puts it, whichever jupyter installs it
      where=(--prefix "$prefix") where_why="the active environment, as --sys-prefix"
      break
    fi
  done
  [ ${#where[@]} -gt 0 ] || where=(--user)
fi
[ -z "$given_jar" ] || [ -z "$given_zip" ] || usage "give --jar or --zip, not both"
[ "$choice" != rapaio ] || [ -z "$given_jar$given_zip" ] || usage "--kernel rapaio does not take --jar/--zip"

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
CLASSPATH_JARS=("$ROOT/target/gan-notebooks.jar" "$ROOT/target/lib/*")

PY="$(command -v python3 || echo /usr/bin/python3)"
java_kernels() { "$PY" "$TOOLS/kernel/java_kernels.py" "$@"; }
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$KERNEL_NAME"
spec="$stage/$KERNEL_NAME"

# ============================ kernel.json, one writer per kernel family ============================
# Writes $spec/kernel.json (json.dump does the quoting). argv and env as JSON.
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
joined() { local IFS="$1"; shift; echo "$*"; }   # joined SEP WORDS...
read -r -a jvm_opts <<<"$JVM_OPTS"
# {resource_dir} is expanded by jupyter_client to wherever the kernelspec finally lands.

# IJava (1.3.0, and the 1.4.0 fork conda-forge packages) reads IJAVA_CLASSPATH (':'-separated, globs
# allowed) and IJAVA_TIMEOUT (-1: no limit per statement; training cells run for minutes). It has no
# variable for JVM options: they go on the command line before -jar, as its README says.
write_ijava_spec() { # kernel-jar-name
  write_spec "$(json_list "$JAVA" "${jvm_opts[@]}" -jar "{resource_dir}/$1" "{connection_file}")" \
             "$(json_env "IJAVA_CLASSPATH=$(joined : "${CLASSPATH_JARS[@]}")" "IJAVA_TIMEOUT=-1")"
}

# JJava reads JJAVA_CLASSPATH and JJAVA_TIMEOUT (from 1.0-a6 it ignores the IJAVA_* names). From 1.0-a4
# its kernel.json starts jjava-launcher.jar (1.0-M3's started a launcher.py), which starts the kernel
# jar in a second JVM as
# `java $JJAVA_JVM_OPTS --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED -jar KERNEL CONNECTION_FILE`: the
# cells run in that second JVM, so the limits go into JJAVA_JVM_OPTS (split on spaces), and PATH starts
# with our JDK's bin directory (the real one, not /usr/bin) because the launcher runs the first `java`
# on PATH (jupyter_client expands ${PATH} from its own environment). The launcher itself needs little
# memory. Without a launcher jar (older JJava) the kernel jar is started directly, with the options.
write_jjava_spec() { # kernel-jar-name launcher-jar-name|""
  local env=("JJAVA_CLASSPATH=$(joined : "${CLASSPATH_JARS[@]}")" "JJAVA_TIMEOUT=-1")
  if [ -n "$2" ]; then
    write_spec "$(json_list "$JAVA" -Xmx64m -XX:+UseSerialGC -jar "{resource_dir}/$2" "{resource_dir}/$1" "{connection_file}")" \
               "$(json_env "${env[@]}" "JJAVA_JVM_OPTS=${jvm_opts[*]}" "PATH=$(dirname "$(readlink -f "$JAVA")"):\${PATH}")"
  else
    write_spec "$(json_list "$JAVA" "${jvm_opts[@]}" --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED \
                            -jar "{resource_dir}/$1" "{connection_file}")" \
               "$(json_env "${env[@]}")"
  fi
}

# rapaio reads RJK_CLASSPATH (';'-separated, globs allowed) and RJK_TIMEOUT_MILLIS (-1: no limit). Its
# own installer would write an empty RJK_CLASSPATH, hence this hand-written spec. No --add-opens: the
# jar is Java 17 bytecode, and nd4j loads in it on 17 as is.
write_rapaio_spec() { # kernel classpath, ':'-separated
  write_spec "$(json_list "$JAVA" "${jvm_opts[@]}" -cp "$1" "$RAPAIO_MAIN" "{connection_file}")" \
             "$(json_env "RJK_CLASSPATH=$(joined ';' "${CLASSPATH_JARS[@]}")" "RJK_TIMEOUT_MILLIS=-1")"
}

# ====================================== where kernels come from ======================================
KERNEL_USED= WHY=
not_used=()   # one reason per source that was tried and gave nothing, shown when falling back
reasons() { local r out=""; for r in "${not_used[@]}"; do out+="${out:+; }$r"; done; echo "$out"; }

# Copies an IJava/JJava kernel jar (and JJava's launcher) into the spec and writes its kernel.json.
# $1 family, $2 kernel jar, $3 launcher jar or "".
take_java_kernel() {
  local fam="$1" jar="$2" launcher="$3"
  cp "$jar" "$spec/" || return 1
  if [ "$fam" = ijava ]; then
    write_ijava_spec "$(basename "$jar")" || return 1
    KERNEL_USED="IJava ($(basename "$jar"))"
  else
    [ -z "$launcher" ] || cp "$launcher" "$spec/" || return 1
    write_jjava_spec "$(basename "$jar")" "${launcher:+$(basename "$launcher")}" || return 1
    KERNEL_USED="JJava ($(basename "$jar")${launcher:+ + $(basename "$launcher")})"
  fi
}

# Unpacks a release zip and takes the kernel jar inside it. $1 zip, $2 what to call it in messages.
take_zip() {
  local zip="$1" what="$2" hit fam jar launcher
  rm -rf "$stage/unzip"
  "$PY" -m zipfile -e "$zip" "$stage/unzip" 2>/dev/null || { not_used+=("$what is not a readable zip"); return 1; }
  hit="$(java_kernels in-dir "$stage/unzip")" || { not_used+=("$what holds no IJava or JJava kernel jar"); return 1; }
  IFS=$'\t' read -r fam jar launcher <<<"$hit"
  take_java_kernel "$fam" "$jar" "$launcher"
}

# 1. what the user handed over
from_user() {
  if [ -n "$given_jar" ]; then
    [ -f "$given_jar" ] || die "--jar $given_jar: no such file"
    local fam launcher=
    fam="$(java_kernels family "$given_jar")"
    case "$fam" in
      ijava) ;;
      jjava) for launcher in "$(dirname "$given_jar")"/*.jar ""; do
               [ -z "$launcher" ] || [ "$(java_kernels family "$launcher")" = jjava-launcher ] && break
             done ;;
      *) die "--jar $given_jar is not an IJava or JJava kernel jar (no IJava/JJava main class inside)" ;;
    esac
    take_java_kernel "$fam" "$given_jar" "$launcher" || die "could not copy $given_jar"
    WHY="you gave it: --jar $given_jar"
  else
    [ -f "$given_zip" ] || die "--zip $given_zip: no such file"
    take_zip "$given_zip" "--zip $given_zip" || die "${not_used[-1]}"
    WHY="you gave it: --zip $given_zip"
  fi
}

pinned_ijava_sha256() {
  if [ -n "${IJAVA_SHA256:-}" ]; then echo "$IJAVA_SHA256"
  elif [ -f "$TOOLS/ijava-$IJAVA_VERSION.sha256" ]; then awk 'NF{print $1; exit}' "$TOOLS/ijava-$IJAVA_VERSION.sha256"
  fi
}

# 2. and 4. an IJava release zip: from $IJAVA_ZIP or downloaded, installed ONLY if its SHA-256 matches.
from_ijava_zip() { # local-zip-or-""
  local zip="$1" expected actual
  expected="$(pinned_ijava_sha256)"
  if [ -n "$zip" ] && [ ! -f "$zip" ]; then
    not_used+=("IJAVA_ZIP=$zip does not exist")
    return 1
  elif [ -z "$zip" ]; then
    if [ -z "$expected" ]; then
      not_used+=("no IJava $IJAVA_VERSION checksum pinned (IJAVA_SHA256 or tools/ijava-$IJAVA_VERSION.sha256), so no download")
      return 1
    fi
    zip="$stage/ijava.zip"
    # Short limits: where GitHub is unreachable this must fail in seconds, not minutes.
    if ! curl -fsSL --connect-timeout 5 --max-time 10 -o "$zip" "$IJAVA_URL" 2>/dev/null; then
      not_used+=("the IJava download failed (GitHub unreachable?)")
      return 1
    fi
  fi
  if [ -z "$expected" ]; then
    not_used+=("refusing the unverified IJava zip $zip: set IJAVA_SHA256 or write tools/ijava-$IJAVA_VERSION.sha256")
    return 1
  fi
  actual="$(sha256sum "$zip" | awk '{print $1}')"
  if [ "${actual,,}" != "${expected,,}" ]; then
    not_used+=("refusing the IJava zip $zip: its SHA-256 $actual does not match the expected $expected")
    return 1
  fi
  take_zip "$zip" "the IJava zip $zip" || return 1
  WHY="IJava zip $zip, whose SHA-256 matches the pinned one"
}

# Prints `jupyter kernelspec list --json` from the Jupyter on PATH (conda's, when one is active),
# else from a python3 with jupyter_client (Debian's), which looks in the same places.
list_kernelspecs() {
  local out p
  if out="$(jupyter kernelspec list --json 2>/dev/null)"; then echo "$out"; return 0; fi
  for p in "$(command -v python3 || true)" /usr/bin/python3; do
    if [ -n "$p" ] && out="$("$p" -m jupyter_client.kernelspecapp list --json 2>/dev/null)"; then
      echo "$out"; return 0
    fi
  done
  return 1
}

# 3. an IJava or JJava kernelspec already installed (conda-forge's `ijava` installs one named "java")
from_installed() {
  local listing hit name fam jar launcher dir
  if ! listing="$(list_kernelspecs)"; then
    not_used+=("no Jupyter found to list the installed kernelspecs")
    return 1
  fi
  if ! hit="$(java_kernels installed "$KERNEL_NAME" <<<"$listing" | head -n1)" || [ -z "$hit" ]; then
    not_used+=("no IJava or JJava kernelspec installed (jupyter kernelspec list)")
    return 1
  fi
  IFS=$'\t' read -r name fam jar dir launcher <<<"$hit"
  take_java_kernel "$fam" "$jar" "$launcher" || return 1
  WHY="found installed as kernelspec '$name' ($dir)"
}

# 5. rapaio from Maven Central
from_maven_central() {
  local dir="$ROOT/target/kernel" jar
  jar="$dir/rapaio-jupyter-kernel-3.0.1.jar"
  if [ ! -f "$jar" ]; then
    (cd "$ROOT" && mvn -q -B dependency:copy -Dartifact="$RAPAIO_ARTIFACT" -DoutputDirectory="$dir") \
      || die "could not fetch $RAPAIO_ARTIFACT from Maven Central"
  fi
  # Copied into the kernelspec so `mvn clean` does not break an installed kernel.
  cp "$jar" "$spec/"
  local cp="{resource_dir}/$(basename "$jar")"
  # Corrected classes of 3.0.1, compiled against its jar and put ahead of it (tools/README.md lists them, each
  # class's javadoc says why): a start-up hang in ~1 start of 5 (LoopThread), the stop button ending the cell
  # before its code had stopped (RapaioExecutionControl, Channels), and stop_on_error ignored, so a Run All went
  # on after a failed cell (ShellChannel). They serve users in Jupyter too, not only our runner. Without javac
  # (a JRE only) the kernel still works, minus the fixes.
  local fix="$TOOLS/kernel/rapaio-fix" javac="${JAVA%/java}/javac" sources
  [ -x "$javac" ] || javac="$(command -v javac || true)"
  mapfile -t sources < <(find "$fix" -name '*.java' | sort)
  if [ -n "$javac" ] && "$javac" --release 17 -nowarn -cp "$jar" -d "$stage/fix" "${sources[@]}" 2>"$stage/javac.log" \
     && (cd "$stage/fix" && "${javac%/javac}/jar" cf "$spec/rapaio-fix.jar" org 2>>"$stage/javac.log"); then
    cp="{resource_dir}/rapaio-fix.jar:$cp"
  else
    say "warning: could not build the kernel fixes (no JDK?); the kernel may hang at start-up now and then, and its stop button ends a cell before its code has stopped"
    cat "$stage/javac.log" >&2 2>/dev/null || true
  fi
  write_rapaio_spec "$cp" || die "could not write the kernelspec"
  KERNEL_USED="rapaio-jupyter-kernel 3.0.1"
}

# First source that gives a kernel wins; a failed source leaves nothing behind in the spec.
try() { "$@" && return 0; rm -rf "${spec:?}"/*; return 1; }
found_java_kernel() {
  [ -n "${IJAVA_ZIP:-}" ] && try from_ijava_zip "$IJAVA_ZIP" && return 0
  try from_installed || try from_ijava_zip ""
}

if [ -n "$given_jar$given_zip" ]; then
  from_user
elif [ "$choice" = rapaio ]; then
  from_maven_central
  WHY="--kernel rapaio"
elif found_java_kernel; then
  :
elif [ "$choice" = ijava ]; then
  die "no IJava or JJava to install: $(reasons)"
else
  from_maven_central
  WHY="no IJava or JJava to use: $(reasons)"
fi

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
say "installed kernel $KERNEL_NAME: $KERNEL_USED (${where[*]}${where_why:+, $where_why}, classpath $ROOT/target)"
say "why: $WHY"
