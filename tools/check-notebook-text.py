#!/usr/bin/python3
"""Checks that the text of executed notebooks states no figure their code cells did not compute.

    /usr/bin/python3 tools/check-notebook-text.py build/notebooks/*.ipynb

The course's prose must not drift from its outputs: a sentence that says "D(x) ≈ 0.9" while the cell above
printed 0.96 is wrong on the next run if not on this one. So every number in a markdown cell's prose has to
be one of these, or the notebook fails:

- inside maths ($…$, $$…$$) or code (`…`, fenced blocks): formulas, flags and identifiers;
- printed by a code cell of the notebook (stream output or text result, not images): the text reads
  what a cell shows. The text may round: "0.94" matches a printed 0.9412, "65 %" a printed 64.8 % or 0.648;
- in the source of any code cell: a setting the reader sees in the code (`new GaussianGan(2.0, 0.75, 256, 1)`);
- a small count, 0 to 10, unless it is a tally ("3 of 5");
- a reference: "notebook 3", "notebooks 1 and 2", "issue 24", "§4";
- listed among the notebook's facts, numbers about the world rather than this run (the emoji of a font):
  notebook metadata {"text_check": {"facts": ["3 926", ...]}};
- in a cell that cites figures from elsewhere, not from this run (the design note's layer sizes, the README's
  measured runs, each with the command that reproduces it): a cell tagged `cites-figures`, or whose first
  line is listed in the notebook metadata {"text_check": {"cited_cells": ["## Which tricks matter at this budget"]}}.

Run it on executed notebooks (tools/run-notebooks.py's output): on a source notebook without outputs every
figure about the run fails, which is the point. Needs only the standard library.
"""
import json
import re
import sys

# $$…$$ before $…$; fenced code before inline code. Markdown links keep their text, lose their target.
MATH_BLOCK = re.compile(r"\$\$.*?\$\$", re.S)
MATH_INLINE = re.compile(r"(?<!\\)\$[^$]+?(?<!\\)\$", re.S)
FENCE = re.compile(r"```.*?```", re.S)
CODE = re.compile(r"`[^`]*`")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
HTML_TAG = re.compile(r"<[^>]+>")
URL = re.compile(r"https?://\S+")
# A number: optional sign, digits with thin/normal-space thousands groups, optional decimals, optional
# exponent, optional percent. Not part of a word: R1, β1, x2, 64px, v1.3 are names, not figures.
NUMBER = re.compile(
    r"(?<![\w.\-−/])([-−]?)((?:\d{1,3}(?:[ \u202f\u00a0]\d{3})+|\d+)(?:\.\d+)?(?:[eE][-−+]?\d+)?)(?![\w.]*[A-Za-z_])"
    r"(\s?%)?")
# In what a cell printed, any number counts, glued to letters or not: "256x16x16", "iter_000200.png".
PRINTED_NUMBER = re.compile(r"[-−]?\d+(?:\.\d+)?(?:[eE][-−+]?\d+)?")
REFERENCE = re.compile(r"(?:notebooks?|issues?|§|sections?|part|step)\s*$", re.I)
TALLY = re.compile(r"^\s*(?:of|out of)\s+\d", re.I)
REFERENCE_LIST = re.compile(r"(?:notebooks?)\s+(?:\d+\s*(?:,|and|or|to|–|-)\s*)+$", re.I)


def prose(markdown):
    """The markdown with maths, code, link targets, HTML tags and URLs blanked out."""
    text = markdown
    for pattern in (FENCE, MATH_BLOCK, MATH_INLINE, CODE, LINK_TARGET, URL, HTML_TAG):
        text = pattern.sub(" ", text)
    return text


def parse(digits):
    clean = re.sub(r"[ \u202f\u00a0]", "", digits).replace("−", "-")
    return float(clean)


def decimals(digits):
    mantissa = re.split(r"[eE]", digits)[0]
    return len(mantissa.split(".")[1]) if "." in mantissa else 0


def numbers_in(text, with_context=False):
    """Every number in the text: (value, decimals, is_percent, token, start, end)."""
    found = []
    for m in NUMBER.finditer(text):
        sign, digits, percent = m.group(1), m.group(2), m.group(3)
        value = parse(digits) * (-1 if sign else 1)
        found.append((value, decimals(digits), bool(percent), m.group(0).strip(), m.start(), m.end()))
    return found


def cell_text(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def printed_text(cell):
    """What a code cell showed as text: its stream output and text results (not images). Kernels differ:
    IJava sends a String result as text/plain, rapaio 3.0 as text/html."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append("".join(out.get("text", "")))
        elif out.get("output_type") in ("execute_result", "display_data"):
            data = out.get("data", {})
            if any(k.startswith("image/") for k in data):
                continue
            for kind in ("text/plain", "text/html", "text/markdown"):
                if kind in data:
                    text = "".join(data[kind])
                    parts.append(HTML_TAG.sub(" ", text) if kind == "text/html" else text)
                    break
    return "\n".join(parts)


def matches(value, places, percent, shown):
    """Whether a number in the text is a (rounded) reading of one of the shown numbers."""
    tolerance = 0.5 * 10 ** -places + 1e-9 * max(1.0, abs(value))
    for v in shown:
        if abs(v - value) <= tolerance:
            return True
        if percent and abs(100 * v - value) <= tolerance:
            return True
    return False


def exempt_by_context(text, start, end, value, places, percent):
    before = text[max(0, start - 40):start]
    after = text[end:end + 12]
    if REFERENCE.search(before) or REFERENCE_LIST.search(before):
        return True
    if places == 0 and not percent and 0 <= value <= 10 and not TALLY.match(after) \
            and not re.search(r"\d\s+(?:of|out of)\s*$", before):
        return True
    return False


def check(path):
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    settings = nb.get("metadata", {}).get("text_check", {})
    facts = [parse(x) for x in settings.get("facts", [])]
    cited_headings = {h.strip() for h in settings.get("cited_cells", [])}
    cells = nb.get("cells", [])
    source_numbers, shown = [], []
    for cell in cells:
        if cell.get("cell_type") == "code":
            source_numbers += [n[0] for n in numbers_in(cell_text(cell))]
            shown += [parse(m.group(0)) for m in PRINTED_NUMBER.finditer(printed_text(cell))]
    problems, checked = [], 0
    for index, cell in enumerate(cells):
        if cell.get("cell_type") != "markdown":
            continue
        text = cell_text(cell)
        first = text.strip().splitlines()[0].strip() if text.strip() else ""
        if "cites-figures" in cell.get("metadata", {}).get("tags", []) or first in cited_headings:
            continue
        body = prose(text)
        for value, places, percent, token, start, end in numbers_in(body):
            checked += 1
            if exempt_by_context(body, start, end, value, places, percent):
                continue
            if matches(value, places, percent, shown) or matches(value, places, False, source_numbers) \
                    or matches(value, places, False, facts):
                continue
            context = " ".join(body[max(0, start - 40):end + 20].split())
            problems.append(f"cell {index}: '{token}' is printed by no code cell: …{context}…")
    status = "ok" if not problems else "FAILED"
    print(f"{status:6} {path}: {checked} numbers in the text, {len(problems)} not computed by the notebook"
          + "".join(f"\n       {p}" for p in problems))
    return not problems


def main(paths):
    if not paths:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    results = [check(p) for p in paths]
    print(f"notebook text: {sum(results)} passed, {len(results) - sum(results)} failed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
