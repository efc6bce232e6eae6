"""The kernel's answers to a notebook's stop button and to a failed cell of a Run All, at the protocol level.

    /usr/bin/python3 tools/test/kernel-protocol.py [--kernel java-gan]

What the browser sees, without a browser (tools/test/test-runner.sh runs it against the rapaio kernel it
installs, ~15 s): a Run All sends every cell's execute_request at once, with stop_on_error.
  1. the stop button (interrupt_request on the control channel) while a cell runs: the cell's reply comes
     only when its code has returned, with status "error" (interrupted); what the code printed on its way
     out is the cell's output, and the cell's later statements do not run; the cells queued behind it are answered "aborted", not run; the next cell
     runs as usual, its thread not interrupted.
  2. a cell that fails: the cells queued behind it are answered "aborted", not run.
  3. stop_on_error false: the queued cells run.
  4. a kernel restart while a cell runs: the kernel is gone within a few seconds.
One line per check, "ok"/"FAILED"; exit status 1 if any failed.
"""
import argparse
import sys
import time
from queue import Empty

from jupyter_client.manager import start_new_kernel

failures = 0


def check(what, ok, detail=""):
    global failures
    print(("ok      " if ok else "FAILED  ") + what + ("" if ok or not detail else f": {detail}"), flush=True)
    if not ok:
        failures += 1


def collect(kc, msg_ids, timeout=60):
    """Replies (by msg id) and the stream text each request's output carried, until all replies and idles came."""
    replies, text, idle = {}, {m: "" for m in msg_ids}, set()
    end = time.monotonic() + timeout
    while (len(replies) < len(msg_ids) or not idle >= set(msg_ids)) and time.monotonic() < end:
        try:
            msg = kc.get_shell_msg(timeout=0.05)
            parent = msg["parent_header"].get("msg_id")
            if parent in text:
                replies[parent] = msg["content"]
        except Empty:
            pass
        while True:
            try:
                msg = kc.get_iopub_msg(timeout=0.01)
            except Empty:
                break
            parent = msg["parent_header"].get("msg_id")
            if parent not in text:
                continue
            if msg["msg_type"] == "stream":
                text[parent] += msg["content"]["text"]
            elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                idle.add(parent)
    return replies, text


def status(replies, msg_id):
    return replies.get(msg_id, {}).get("status", "no reply")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--kernel", default="java-gan")
    args = p.parse_args()
    km, kc = start_new_kernel(kernel_name=args.kernel, startup_timeout=60)
    try:
        # --- 1. the stop button during a cell that stops when interrupted, printing where it stopped
        loop = ('int at = 0;\n'
                'while (true) { try { Thread.sleep(50); at++; } catch (InterruptedException e) {'
                ' System.out.println("stopped at " + at); Thread.currentThread().interrupt(); break; } }\n'
                'System.out.println("after the loop");')
        first = kc.execute(loop, stop_on_error=True)
        queued = [kc.execute(f'System.out.println("queued {i} ran");', stop_on_error=True) for i in (1, 2)]
        time.sleep(3)
        sent = time.monotonic()
        km.interrupt_kernel()
        replies, text = collect(kc, [first] + queued)
        check("interrupted cell: replied 'error' once its code returned", status(replies, first) == "error",
              f"{replies.get(first)}")
        check("interrupted cell: its output says where it stopped", "stopped at" in text[first], repr(text[first]))
        check("interrupted cell: the rest of the cell does not run", "after the loop" not in text[first],
              repr(text[first]))
        check("queued cells after the stop: 'aborted', not run",
              [status(replies, q) for q in queued] == ["aborted", "aborted"] and not any(text[q] for q in queued),
              f"{[replies.get(q) for q in queued]} {[text[q] for q in queued]}")
        check("the stop took less than 5 s", time.monotonic() - sent < 5)
        after = kc.execute('System.out.println("flag " + Thread.currentThread().isInterrupted() + ", " + (40 + 2));',
                           stop_on_error=True)
        replies, text = collect(kc, [after])
        check("the next cell runs, its thread not interrupted",
              status(replies, after) == "ok" and "flag false, 42" in text[after], f"{replies.get(after)} {text[after]!r}")

        # --- 2. a failing cell with queued cells behind it
        fail = kc.execute('if (true) throw new IllegalStateException("run notebook 03 first");', stop_on_error=True)
        queued = [kc.execute(f'System.out.println("queued {i} ran");', stop_on_error=True) for i in range(5)]
        replies, text = collect(kc, [fail] + queued)
        check("failed cell: 'error'", status(replies, fail) == "error", f"{replies.get(fail)}")
        check("queued cells after the failure: 'aborted', not run",
              all(status(replies, q) == "aborted" and not text[q] for q in queued),
              f"{[status(replies, q) for q in queued]}")

        # --- 3. stop_on_error false: the rest runs
        fail = kc.execute('if (true) throw new IllegalStateException("expected");', stop_on_error=False)
        queued = [kc.execute(f'System.out.println("queued {i} ran");', stop_on_error=True) for i in range(2)]
        replies, text = collect(kc, [fail] + queued)
        check("stop_on_error false: the queued cells run",
              status(replies, fail) == "error" and all(status(replies, q) == "ok" for q in queued)
              and all("ran" in text[q] for q in queued), f"{[status(replies, m) for m in [fail] + queued]}")

        # --- 4. a restart while a cell runs: the old kernel goes
        kc.execute(loop, stop_on_error=True)
        time.sleep(2)
        pid = km.provisioner.pid if km.provisioner else None
        t0 = time.monotonic()
        km.request_shutdown(restart=True)
        gone = False
        while time.monotonic() - t0 < 10:
            if not km.is_alive():
                gone = True
                break
            time.sleep(0.1)
        check(f"shutdown while a cell runs: the kernel exits by itself ({time.monotonic() - t0:.1f} s)", gone,
              f"pid {pid} still alive after 10 s")
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=True)
    print(f"{failures} failed" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
