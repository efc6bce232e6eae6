#!/usr/bin/env bash
# Tests of tools/check-notebook-text.py on small executed notebooks written here (no kernel, ~1 s): a figure
# the outputs show passes, one they do not show fails and is named, and each of the checker's exceptions holds.
#
#   tools/test/test-text-check.sh        Last line: "N passed, M failed"; exit status 1 if M > 0.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
command -v "$PY" >/dev/null || PY=python3   # the checker needs only the standard library

# notebook FILE MARKDOWN OUTPUT [SOURCE] [METADATA-JSON] [TAGS-JSON]: one code cell (SOURCE, printing OUTPUT
# as a stream) followed by one markdown cell (MARKDOWN, with TAGS).
notebook() {
  "$PY" - "$@" <<'PYEOF'
import json, sys
path, markdown, output = sys.argv[1:4]
source = sys.argv[4] if len(sys.argv) > 4 else 'System.out.println(x);'
metadata = json.loads(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[5] else {}
tags = json.loads(sys.argv[6]) if len(sys.argv) > 6 else []
nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": metadata, "cells": [
    {"cell_type": "code", "id": "a", "metadata": {}, "execution_count": 1, "source": source,
     "outputs": [{"output_type": "stream", "name": "stdout", "text": output}] if output else []},
    {"cell_type": "markdown", "id": "b", "metadata": {"tags": tags} if tags else {}, "source": markdown}]}
json.dump(nb, open(path, "w"))
PYEOF
}
text_check() { "$PY" "$ROOT/tools/check-notebook-text.py" "$@"; }
passes() { text_check "$1" >"$1.log" 2>&1; }
fails_naming() { ! text_check "$1" >"$1.log" 2>&1 && grep -q -- "'$2' is printed by no code cell" "$1.log"; }

notebook "$T/read.ipynb" "The medians settle near D(x) 0.94 and loss_g 5.1, as printed above." \
  "medians: D(x) 0.9412, loss_g 5.093"
check "a figure the outputs show passes, rounded as the text rounds it" "$T/read.ipynb.log" passes "$T/read.ipynb"

notebook "$T/drift.ipynb" "The medians settle near D(x) 0.94 and loss_g 3.5." "medians: D(x) 0.9412, loss_g 5.093"
check "a figure no output shows fails, and is named" "$T/drift.ipynb.log" fails_naming "$T/drift.ipynb" "3.5"

notebook "$T/tally.ipynb" "It covers 3 of 5 classes." "classes: 4 of 5"
check "a tally of small numbers is checked too" "$T/tally.ipynb.log" fails_naming "$T/tally.ipynb" "3"

notebook "$T/percent.ipynb" "The cross took 65 % of the images." "share_cross 0.648"
check "a percentage matches a printed share" "$T/percent.ipynb.log" passes "$T/percent.ipynb"

notebook "$T/html.ipynb" "mean D(x) = 0.488" ""
"$PY" - "$T/html.ipynb" <<'PYEOF'
import json, sys
nb = json.load(open(sys.argv[1]))
nb["cells"][0]["outputs"] = [{"output_type": "execute_result", "execution_count": 1, "metadata": {},
                             "data": {"text/html": ["<pre>mean D(x) = 0.488</pre>"]}}]
json.dump(nb, open(sys.argv[1], "w"))
PYEOF
check "a String result sent as text/html (rapaio) counts as printed" "$T/html.ipynb.log" passes "$T/html.ipynb"

notebook "$T/image.ipynb" "The loss ends at 2.7." ""
"$PY" - "$T/image.ipynb" <<'PYEOF'
import json, sys
nb = json.load(open(sys.argv[1]))
nb["cells"][0]["outputs"] = [{"output_type": "display_data", "metadata": {},
                             "data": {"image/png": "iVBORw0KGgo=", "text/plain": ["BufferedImage 2.7"]}}]
json.dump(nb, open(sys.argv[1], "w"))
PYEOF
check "the text of an image output is not evidence" "$T/image.ipynb.log" fails_naming "$T/image.ipynb" "2.7"

notebook "$T/exempt.ipynb" 'The value is $-\log 4 \approx 1.386$, the flag `--lr 5e-4`, see notebook 3 and
notebooks 1 and 2, [issue 29](https://example.org/issues/29?x=0.5), with 256 samples per batch.' \
  "" 'var toy = new GaussianGan(2.0, 0.75, 256, 1);'
check "maths, code, references, link targets and numbers of the code's source are not figures" \
  "$T/exempt.ipynb.log" passes "$T/exempt.ipynb"

notebook "$T/fact.ipynb" "the 3 926 colour emoji of the font" "" "" '{"text_check": {"facts": ["3 926"]}}'
check "a fact listed in the notebook's metadata passes" "$T/fact.ipynb.log" passes "$T/fact.ipynb"
notebook "$T/nofact.ipynb" "the 3 926 colour emoji of the font" ""
check "the same number without the fact fails" "$T/nofact.ipynb.log" fails_naming "$T/nofact.ipynb" "3 926"

notebook "$T/cited.ipynb" "| lever | FD |
|---|---|
| beta1 0 | 4.57 |" "" "" "" '["cites-figures"]'
check "a cell tagged cites-figures is not checked" "$T/cited.ipynb.log" passes "$T/cited.ipynb"
notebook "$T/cited2.ipynb" "## Which tricks matter
| beta1 0 | 4.57 |" "" "" '{"text_check": {"cited_cells": ["## Which tricks matter"]}}'
check "nor a cell whose first line the metadata lists" "$T/cited2.ipynb.log" passes "$T/cited2.ipynb"

summary
