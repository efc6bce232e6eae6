#!/usr/bin/python3
"""Checks executed notebooks: no error outputs, and an image wherever one is promised.

    /usr/bin/python3 tools/check-notebook-outputs.py build/notebooks/*.ipynb

A notebook fails when any cell has an `error` output (unless tagged raises-exception), when a
non-empty code cell was never executed (a run that stopped early, or an unexecuted source notebook),
or when a cell tagged `expect-image` has no image/png output (e.g. a chart that rendered as text).
Needs only the standard library, so it runs under any python3.
"""
import json
import sys


def check(path):
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    problems, images, code_cells = [], 0, 0
    for index, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        code_cells += 1
        tags = cell.get("metadata", {}).get("tags", [])
        outputs = cell.get("outputs", [])
        if cell.get("execution_count") is None and "".join(cell.get("source", "")).strip():
            problems.append(f"cell {index}: never executed")
        for out in outputs:
            if out.get("output_type") == "error" and "raises-exception" not in tags:
                problems.append(f"cell {index}: {out.get('ename', 'error')}: {out.get('evalue', '')}")
        if "expect-image" in tags:
            if any("image/png" in out.get("data", {}) for out in outputs):
                images += 1
            else:
                problems.append(f"cell {index}: tagged expect-image but has no image/png output")
    status = "ok" if not problems else "FAILED"
    print(f"{status:6} {path}: {code_cells} code cells, {images} expected images present"
          + "".join(f"\n       {p}" for p in problems))
    return not problems


def main(paths):
    if not paths:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    results = [check(p) for p in paths]
    # the plain closing line CI logs are read for
    print(f"notebooks: {sum(results)} passed, {len(results) - sum(results)} failed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
