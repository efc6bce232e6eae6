"""Finds and recognises the IJava-family Java kernels install-kernel.sh can install.

    java_kernels.py family JAR        -> ijava | jjava | jjava-launcher | unknown
    java_kernels.py in-dir DIR        -> FAMILY<TAB>KERNEL_JAR<TAB>LAUNCHER_JAR (an unpacked release zip)
    java_kernels.py installed SKIP    -> NAME<TAB>FAMILY<TAB>KERNEL_JAR<TAB>RESOURCE_DIR<TAB>LAUNCHER_JAR,
                                         one line per usable kernelspec in `jupyter kernelspec list
                                         --json` (read from stdin), except the one named SKIP (ours)

A kernel is recognised by the classes inside its jar, not by file names: IJava (SpencerPark's and
the JaneliaSciComp fork conda-forge packages) has io/github/spencerpark/ijava/IJava.class; JJava has
org/dflib/jjava/... (org/dflib/jjava/distro/JJava.class from 1.0-a6), and from 1.0-a4 its kernel.json
runs a separate launcher jar (org/dflib/jjava/launcher/...; 1.0-M3 ran a launcher.py) that starts the
kernel jar in a second JVM. LAUNCHER_JAR is empty when
there is none; it comes last because bash's `read` drops empty fields between tabs. Exit status 1
when nothing usable was found.
"""
import glob
import json
import os
import sys
import zipfile


def family(jar):
    try:
        with zipfile.ZipFile(jar) as z:
            names = z.namelist()
    except (OSError, zipfile.BadZipFile):
        return "unknown"
    if any(n.startswith("org/dflib/jjava/launcher/") for n in names) and \
            not any(n.startswith("org/dflib/jjava/jupyter/") for n in names):
        return "jjava-launcher"
    if "io/github/spencerpark/ijava/IJava.class" in names:
        return "ijava"
    if any(n.startswith("org/dflib/jjava/") and n.endswith("JJava.class") for n in names):
        return "jjava"
    return "unknown"


def kernel_in(jars):
    """(family, kernel jar, launcher jar or '') from a list of jars, or None."""
    kinds = {jar: family(jar) for jar in jars}
    kernels = [j for j in jars if kinds[j] in ("ijava", "jjava")]
    if not kernels:
        return None
    kernel = kernels[0]
    launcher = ""
    if kinds[kernel] == "jjava":
        launcher = next((j for j in jars if kinds[j] == "jjava-launcher"), "")
    return kinds[kernel], kernel, launcher


def in_dir(root):
    jars = sorted(glob.glob(os.path.join(root, "**", "*.jar"), recursive=True))
    return kernel_in(jars)


def installed(listing, skip):
    """Kernelspecs whose argv runs `java ... -jar JAR ...` with an IJava or JJava jar."""
    found = []
    for name, entry in sorted(json.load(listing).get("kernelspecs", {}).items()):
        if name == skip:
            continue
        resource_dir = entry.get("resource_dir", "")
        argv = [a.replace("{resource_dir}", resource_dir) for a in entry.get("spec", {}).get("argv", [])]
        # every jar named on the command line: JJava's launcher is followed by the kernel jar
        jars = [a for a in argv if a.endswith(".jar") and os.path.isfile(a)]
        hit = kernel_in(jars)
        if hit:
            fam, kernel, launcher = hit
            found.append((name, fam, kernel, resource_dir, launcher))
    return found


def main(args):
    if len(args) == 2 and args[0] == "family":
        print(family(args[1]))
        return 0
    if len(args) == 2 and args[0] == "in-dir":
        hit = in_dir(args[1])
        if not hit:
            return 1
        print("\t".join(hit))
        return 0
    if len(args) == 2 and args[0] == "installed":
        try:
            found = installed(sys.stdin, args[1])
        except ValueError:
            return 1
        for row in found:
            print("\t".join(row))
        return 0 if found else 1
    print(__doc__.split("\n\n")[0], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
