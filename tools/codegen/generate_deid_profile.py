#!/usr/bin/env python3
"""Generate the de-identification profile resource of the deid module.

Reads PS3.15 Table E.1-1 (Application Level Confidentiality Profile Attributes)
as machine-readable TSV from the shared standard tables and writes

  deid/src/main/resources/org/hounsfield/deid/profile.tsv

so that the build never needs ../shared. Every action code is checked against
PS3.15 E.1.1 (Table E.1-1a) and the option columns against what each option
may do (E.3): the run stops on anything unexpected instead of writing a table
the Java code would misread.

Usage (from the repository root):

  python3 tools/codegen/generate_deid_profile.py [--standard ../shared/dicom-standard]

Python 3.8+, standard library only. Output is deterministic (no timestamps).
"""

import argparse
import os
import re
import sys

SCRIPT = "tools/codegen/generate_deid_profile.py"
OUT = "deid/src/main/resources/org/hounsfield/deid/profile.tsv"

# Table E.1-1a: the Basic Profile codes, single and compound.
BASIC_CODES = {"D", "Z", "X", "K", "C", "U", "Z/D", "X/Z", "X/D", "X/Z/D", "X/Z/U*"}

# Option columns in table order, with the codes PS3.15 E.3 lets each one use.
# An empty cell means "the Basic Profile action applies".
OPTION_COLUMNS = [
    ("retain_safe_private", {"C"}),              # E.3.10: keep private attributes known to be safe
    ("retain_uids", {"K"}),                      # E.3.9
    ("retain_device_identity", {"K", "C"}),      # E.3.8 (C: AE titles are cleaned)
    ("retain_institution_identity", {"K"}),      # E.3.11
    ("retain_patient_characteristics", {"K", "C"}),  # E.3.7
    ("retain_long_full_dates", {"K"}),           # E.3.6 with full dates
    ("retain_long_modified_dates", {"C"}),       # E.3.6 with modified dates
    ("clean_descriptors", {"C"}),                # E.3.5
    ("clean_structured_content", {"C"}),         # E.3.4
    ("clean_graphics", {"C"}),                   # E.3.3
]

# Rows that are not a single tag: the masks of the table and the private-attributes row.
MASK_ROWS = {"50xxxxxx", "60xx3000", "60xx4000"}
PRIVATE_ROW = "(gggg,eeee) where gggg is odd"

TAG_RE = re.compile(r"^\(([0-9A-F]{4}),([0-9A-F]{4})\)$")


def fail(msg):
    sys.exit("generate_deid_profile: " + msg)


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    header = lines[0].split("\t")
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(header):
            fail(f"{path}:{n}: {len(cells)} fields, expected {len(header)}")
        row = dict(zip(header, cells))
        row["_line"] = n
        rows.append(row)
    return header, rows


def check_row(r):
    where = f"line {r['_line']} {r['tag']}"
    basic = r["basic_profile"]
    if basic not in BASIC_CODES:
        fail(f"{where}: unknown Basic Profile code {basic!r}")
    for col, allowed in OPTION_COLUMNS:
        v = r[col]
        if v and v not in allowed:
            fail(f"{where}: option {col} has code {v!r}, PS3.15 E.3 allows {sorted(allowed)}")
    # The two temporal options come as a pair: full dates keep (K), modified dates clean (C).
    full, mod = r["retain_long_full_dates"], r["retain_long_modified_dates"]
    if bool(full) != bool(mod):
        fail(f"{where}: temporal options must both be set or both empty (full={full!r}, modified={mod!r})")
    if r["in_std_comp_iod"] not in ("Y", "N"):
        fail(f"{where}: in_std_comp_iod {r['in_std_comp_iod']!r}")


def tag_key(r):
    if r["tag"] == PRIVATE_ROW:
        return "PRIVATE"
    hx = r["tag_hex"]
    if hx in MASK_ROWS:
        return hx
    m = TAG_RE.match(r["tag"])
    if not m or m.group(1) + m.group(2) != hx:
        fail(f"line {r['_line']}: tag {r['tag']!r} does not match tag_hex {hx!r}")
    return hx


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--standard", default=os.path.join("..", "shared", "dicom-standard"),
                    help="folder holding deidentification_profile.tsv (default: %(default)s)")
    ap.add_argument("--out", default=OUT, help="resource to write (default: %(default)s)")
    args = ap.parse_args()

    src = os.path.join(args.standard, "deidentification_profile.tsv")
    header, rows = read_tsv(src)
    need = ["tag", "tag_hex", "name", "keyword", "in_std_comp_iod", "basic_profile"] + [c for c, _ in OPTION_COLUMNS]
    for c in need:
        if c not in header:
            fail(f"{src}: missing column {c!r}")

    seen = set()
    out_rows = []
    counts = {}
    for r in rows:
        check_row(r)
        key = tag_key(r)
        if key in seen:
            fail(f"line {r['_line']}: duplicate row for {key}")
        seen.add(key)
        counts[r["basic_profile"]] = counts.get(r["basic_profile"], 0) + 1
        for field in ("name", "keyword"):
            if "\t" in r[field] or "\n" in r[field]:
                fail(f"line {r['_line']}: {field} holds a tab or newline")
        out_rows.append([key, r["keyword"], r["name"], r["in_std_comp_iod"], r["basic_profile"]]
                        + [r[c] for c, _ in OPTION_COLUMNS])

    if "PRIVATE" not in seen:
        fail("no private-attributes row")
    for m in MASK_ROWS:
        if m not in seen:
            fail(f"no {m} row")

    # exact tags first in numeric order, then masks, then the private row: stable diffs
    def order(row):
        k = row[0]
        if k == "PRIVATE":
            return (2, k)
        if "x" in k:
            return (1, k)
        return (0, k)

    out_rows.sort(key=order)
    text = [
        f"# PS3.15 2026d Table E.1-1, {len(out_rows)} rows ({sum(1 for r in rows if r.get('edition', '').startswith('2026d'))} new or changed since 2024b).",
        f"# Generated by {SCRIPT} from deidentification_profile.tsv - do not edit,",
        f"# regenerate with: python3 {SCRIPT}",
        "# tag: 8 hex digits, masks with x (50xxxxxx = any element of the even groups 5000-501E), PRIVATE = odd groups.",
        "# Codes (Table E.1-1a): D Z X K C U Z/D X/Z X/D X/Z/D X/Z/U*; empty option cell = Basic Profile action.",
        "\t".join(["tag", "keyword", "name", "in_std_comp_iod", "basic"] + [c for c, _ in OPTION_COLUMNS]),
    ]
    for row in out_rows:
        text.append("\t".join(row))
    body = "\n".join(text) + "\n"
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(body)
    summary = ", ".join(f"{k} {counts[k]}" for k in sorted(counts))
    print(f"wrote {args.out} ({len(out_rows)} rows; Basic Profile codes: {summary})")


if __name__ == "__main__":
    main()
