#!/usr/bin/python3
"""Executes Java notebooks headlessly, in order, and writes the executed copies (and HTML).

    /usr/bin/python3 tools/run-notebooks.py [--out DIR] [--kernel java-gan] [--html] NOTEBOOK.ipynb...

Why not `jupyter nbconvert --execute`: a Java kernel that hangs at start-up fails the whole run
(rapaio-jupyter-kernel 3.0.1 without our start-up fix never answered kernel_info in about one start of
five). Here only the START is retried: a kernel that does not answer within --startup-timeout is
killed and a fresh one started (--attempts in all). Once a kernel is up, cells run exactly once: the
first failing cell stops that notebook, its error is printed, and the notebook is written with the
outputs produced so far. Nothing that ran is ever re-run.

Written against Debian's nbclient 0.7 / jupyter_client 7.4 (/usr/bin/python3); newer ones keep the
same NotebookClient API.
"""
import argparse
import os
import re
import subprocess
import sys
import time

try:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from jupyter_client.kernelspec import NoSuchKernel
except ImportError as e:  # typically a pyenv/venv python3 picked up instead of Debian's
    sys.exit(f"run-notebooks: {e}; run tools/install-jupyter.sh and use /usr/bin/python3")

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def log(msg=""):
    print(msg, flush=True)


class KernelStartError(Exception):
    pass


def start_kernel(client, nbdir, attempts, kernel_log):
    """Starts the client's kernel; a start that does not answer in time is killed and retried."""
    for attempt in range(1, attempts + 1):
        t0 = time.monotonic()
        kernel_log.write(f"--- kernel start {attempt}\n")
        kernel_log.flush()
        client.km = client.create_kernel_manager()
        try:
            # The kernel's own chatter (classpath listing, logging) goes to the log, not the console.
            client.start_new_kernel(cwd=nbdir, stdout=kernel_log, stderr=subprocess.STDOUT)
            # wait_for_ready: kernel_info_reply within startup_timeout, or RuntimeError. On failure
            # nbclient already shut the kernel down; "immediate" makes that a kill, not a 5 s grace.
            client.start_new_kernel_client()
            return attempt, time.monotonic() - t0
        except NoSuchKernel:
            raise KernelStartError(f"no kernelspec named {client.kernel_name!r}; run tools/install-kernel.sh")
        except Exception as e:  # RuntimeError from jupyter_client, or a launch failure
            log(f"  kernel start {attempt}/{attempts} failed after {time.monotonic() - t0:.1f} s: {e}")
            if client.km is not None:  # launch failed before nbclient's own clean-up ran
                try:
                    client._cleanup_kernel()
                except Exception:
                    pass
            client.km = None
            client.kc = None
    raise KernelStartError(f"kernel did not start in {attempts} attempts")


def kernel_description(client):
    """'implementation version, language version' from a kernel_info round trip."""
    msg_id = client.kc.kernel_info()
    reply = client.wait_for_reply(msg_id)
    content = (reply or {}).get("content", {})
    lang = content.get("language_info", {})
    if lang:
        client.nb.metadata["language_info"] = lang
    impl = " ".join(x for x in (content.get("implementation"), content.get("implementation_version")) if x)
    language = " ".join(x for x in (lang.get("name"), lang.get("version")) if x)
    return ", ".join(x for x in (impl, language) if x) or "unknown kernel"


def error_output(cell):
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return out
    return None


def report_failure(index, cell, exc):
    """Prints what failed: the cell's own error output when the kernel sent one, else the exception."""
    first = next((line for line in cell.source.splitlines() if line.strip()), "")
    log(f"  FAILED in cell {index} ({first.strip()[:70]})")
    err = error_output(cell)
    if err is not None:
        log(f"  {err.get('ename', '')}: {err.get('evalue', '')}")
        for line in err.get("traceback", []):
            for sub in ANSI.sub("", line).splitlines():
                log(f"    {sub}")
    else:
        text = ANSI.sub("", str(exc)).strip()
        for sub in (text.splitlines() or [type(exc).__name__]):
            log(f"    {sub}")


def run_notebook(path, args):
    nb = nbformat.read(path, as_version=4)
    nbdir = os.path.dirname(os.path.abspath(path))
    client = NotebookClient(
        nb,
        kernel_name=args.kernel,
        timeout=args.cell_timeout if args.cell_timeout and args.cell_timeout > 0 else None,
        startup_timeout=args.startup_timeout,
        shutdown_kernel="immediate",  # the JVM holds nothing worth a graceful shutdown
        resources={"metadata": {"path": nbdir}},  # notebook folder = working directory
    )
    os.makedirs(args.out, exist_ok=True)
    name = os.path.splitext(os.path.basename(path))[0]
    kernel_log_path = os.path.join(args.out, name + ".kernel.log")
    kernel_log = open(kernel_log_path, "w", encoding="utf-8")
    t0 = time.monotonic()
    ok, kernel = True, "no kernel"
    try:
        attempt, start_s = start_kernel(client, nbdir, args.attempts, kernel_log)
        try:
            kernel = kernel_description(client)
            log(f"  kernel up in {start_s:.1f} s (attempt {attempt}): {kernel}")
            count = 0
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code" or not cell.source.strip():
                    continue
                count += 1
                try:
                    client.execute_cell(cell, index, execution_count=count)
                except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
                    report_failure(index, cell, e)
                    ok = False
                    break
                # A kernel may answer "ok" yet have sent an error output; that fails the notebook too,
                # unless the cell is tagged raises-exception (nbclient's convention for expected errors).
                if error_output(cell) is not None and "raises-exception" not in cell.metadata.get("tags", []):
                    report_failure(index, cell, RuntimeError("error output"))
                    ok = False
                    break
        finally:
            client._cleanup_kernel()
    except KernelStartError as e:
        log(f"  {e}")
        ok = False
    except Exception as e:  # e.g. the kernel died while answering kernel_info: fail this notebook only
        log(f"  runner error: {type(e).__name__}: {e}")
        ok = False
    finally:
        kernel_log.close()
    seconds = time.monotonic() - t0
    if not ok:
        log(f"  kernel output: {kernel_log_path}")

    out_nb = os.path.join(args.out, name + ".ipynb")
    nbformat.write(nb, out_nb)
    if args.html:
        from nbconvert import HTMLExporter
        body, _ = HTMLExporter().from_notebook_node(nb)
        with open(os.path.join(args.out, name + ".html"), "w", encoding="utf-8") as f:
            f.write(body)
    return ok, seconds, kernel


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("notebooks", nargs="+", metavar="NOTEBOOK.ipynb")
    p.add_argument("--out", default="build/notebooks", help="where executed notebooks go (default %(default)s)")
    p.add_argument("--kernel", default="java-gan", help="kernelspec name (default %(default)s)")
    p.add_argument("--startup-timeout", type=int, default=30,
                   help="seconds for a kernel to answer kernel_info before it is killed (default %(default)s)")
    p.add_argument("--attempts", type=int, default=4, help="kernel starts per notebook (default %(default)s)")
    p.add_argument("--cell-timeout", type=int, default=-1,
                   help="seconds per cell; -1 = no limit (default), training cells run for minutes")
    p.add_argument("--html", action="store_true", help="also write OUT/<name>.html")
    args = p.parse_args()

    missing = [n for n in args.notebooks if not os.path.isfile(n)]
    if missing:
        p.error(f"no such notebook: {', '.join(missing)}")
    names = [os.path.splitext(os.path.basename(n))[0] for n in args.notebooks]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        p.error(f"notebooks share a name, their outputs would collide: {', '.join(dup)}")

    results = []
    for path in args.notebooks:
        log(f"{path}")
        ok, seconds, kernel = run_notebook(path, args)
        results.append((path, ok, seconds, kernel))
        log(f"  {'ok' if ok else 'FAILED'} in {seconds:.1f} s")

    log("")
    for path, ok, seconds, kernel in results:
        log(f"{'ok    ' if ok else 'FAILED'} {seconds:7.1f} s  {os.path.basename(path)}  [{kernel}]")
    failed = sum(1 for r in results if not r[1])
    log(f"{len(results) - failed} notebooks ok, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
