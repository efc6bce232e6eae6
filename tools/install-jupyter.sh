#!/usr/bin/env bash
# Installs Debian's Jupyter (nbconvert + nbclient for headless runs, notebook for a server) if missing.
# Debian packages rather than pip: PyPI is not reachable everywhere this project is built, and Debian's
# nbclient 0.7 / jupyter_client 7.4 are what tools/run-notebooks.py is written against.
# Idempotent and quiet when everything is already there.
set -euo pipefail

# A python3 on PATH that already has Jupyter (Binder's conda, a venv) is as good as Debian's; otherwise
# the Debian packages are installed for /usr/bin/python3.
for PY in "$(command -v python3 || true)" /usr/bin/python3; do
  if [ -n "$PY" ] && "$PY" -c 'import nbclient, nbconvert' 2>/dev/null \
     && { "$PY" -c 'import notebook' 2>/dev/null || "$PY" -c 'import jupyterlab' 2>/dev/null; }; then
    exit 0
  fi
done
PY=/usr/bin/python3

missing=()
if ! command -v jupyter-nbconvert >/dev/null 2>&1 || ! "$PY" -c 'import nbclient, nbconvert' 2>/dev/null; then
  missing+=(jupyter-nbconvert)
fi
if ! command -v jupyter-notebook >/dev/null 2>&1 || ! "$PY" -c 'import notebook' 2>/dev/null; then
  missing+=(jupyter-notebook)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
  command -v sudo >/dev/null 2>&1 || { echo "install-jupyter: need root (or sudo) to apt-get install ${missing[*]}" >&2; exit 1; }
else
  SUDO=
fi

# Output goes to a log so a successful run stays quiet; the log is shown only on failure.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! { $SUDO apt-get update -q && \
       DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "install-jupyter: apt-get install ${missing[*]} failed" >&2
  exit 1
fi
