#!/usr/bin/env python3
"""Generate the IOD requirements resource of the core module (Type 1 and Type 2 attributes).

For every SOP Class of the shared standard tables, the Type 1 and Type 2 attributes at the top
level of the IOD's mandatory (M) modules. Writes

  core/src/main/resources/org/hounsfield/core/dict/iod-requirements.tsv

so that the build never needs ../shared or GDCM.

Inputs:
  * ../shared/dicom-standard/iod: sop_class_iods.tsv (SOP Class UID -> IOD, PS3.3/PS3.4 2026b),
    iod_modules.tsv (IOD -> modules with usage M/C/U, 2026b), modules.tsv (module names).
  * The module -> attribute table, which the shared tables do not have (see their README):
    GDCM's Part3.xml, a transcription of the PS3.3 *2008* module and macro tables with the
    attribute types. Debian ships it in the libgdcm3.0 package:
        apt-get download libgdcm3.0 && dpkg -x libgdcm3.0_*.deb /tmp/gdcm
        --part3 /tmp/gdcm/usr/share/gdcm-3.0/XML/Part3.xml
    (or /usr/share/gdcm-3.0/XML/Part3.xml when the package is installed).

What is kept, and the limitations that follow:
  * only modules with usage M (conditional and user-option modules are not checked);
  * only top-level attributes, including those of macros included at the top level; sequence
    contents (">" rows) are skipped;
  * only types 1 and 2; 1C and 2C need their conditions evaluated and are skipped, and so are
    macros included under a condition ("Include ... if and only if Value Type is NUM");
  * a module of the 2026b IOD tables that the 2008 edition does not have (newer modules) is
    not checked; the run prints them. The standard almost never makes an existing attribute
    Type 1 or 2 later (it would invalidate existing objects), so 2008 types of old modules are
    still right; attributes added since are Type 3 or conditional in practice.

Output rows (tab-separated, '#' comments):
  M  module_id  module name  tag (8 hex)  type (1|2)  attribute name
  S  SOP Class UID  module_id,module_id,...   (the checked M modules of its IOD, in table order)

Usage (from the repository root):

  python3 tools/codegen/generate_iod_requirements.py --part3 PATH/Part3.xml [--standard ../shared/dicom-standard]

Python 3.8+, standard library only. Output is deterministic (no timestamps).
"""

import argparse
import os
import re
import sys
import xml.etree.ElementTree as ET

SCRIPT = "tools/codegen/generate_iod_requirements.py"
OUT = "core/src/main/resources/org/hounsfield/core/dict/iod-requirements.tsv"

INCLUDE_RE = re.compile(r"^Include\b.*?\bTable\s+([0-9A-Z][0-9A-Za-z.\-]*[0-9A-Za-z])")
HEX4 = re.compile(r"^[0-9A-Fa-f]{4}$")

# (module_id, tag) the 2008 tables make Type 1 through an include whose condition is only prose:
# Common Instance Reference includes the Series and Instance Reference Macro "for the Series
# ... referenced elsewhere in this Instance"; the current standard writes it Type 1C.
EXCLUDE = {("common-instance-reference", "00081115")}

# module ids whose 2008 name differs beyond case and punctuation
ALIASES = {"palette-color-lookup-table": "Palette Color Lookup"}


def fail(msg):
    sys.exit("generate_iod_requirements: " + msg)


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        lines = [l for l in f.read().split("\n") if l]
    header = lines[0].split("\t")
    rows = []
    for n, line in enumerate(lines[1:], 2):
        cells = line.split("\t")
        if len(cells) != len(header):
            fail(f"{path}:{n}: {len(cells)} fields, expected {len(header)}")
        rows.append(dict(zip(header, cells)))
    return rows


def norm(name):
    """Module name key: 'Contrast/bolus Module Attributes' and 'Contrast/Bolus' -> 'contrastbolus'."""
    n = name.lower()
    n = re.sub(r"\bmodule(\s+attributes)?\b", "", n)
    return re.sub(r"[^a-z0-9]", "", n)


def clean(text):
    return " ".join((text or "").replace("\u2019", "'").split())


class Part3:
    """Modules and macros of GDCM's Part3.xml, by normalised module name and by table number."""

    def __init__(self, path):
        root = ET.parse(path).getroot()
        self.edition = root.get("edition", "?")
        self.by_table = {}
        self.modules = {}
        self.unresolved = set()
        for el in list(root.findall("module")) + list(root.findall("macro")):
            table = el.get("table")
            if table:
                self.by_table.setdefault(table, el)
            if el.tag == "module":
                key = norm(el.get("name", ""))
                if key in self.modules:
                    fail(f"two modules named like {el.get('name')!r} in {path}")
                self.modules[key] = el

    def top_level(self, el, seen=()):
        """(tag, type, name) of the top-level rows of a module or macro, macros expanded."""
        out = []
        for child in el:
            if child.tag == "entry":
                name = clean(child.get("name"))
                if name.startswith(">"):
                    continue  # sequence content
                g, e = child.get("group", ""), child.get("element", "")
                if not (HEX4.match(g) and HEX4.match(e)):
                    continue  # repeating groups (60xx) and placeholders
                out.append(((g + e).upper(), (child.get("type") or "").strip(), name))
            elif child.tag == "include":
                ref = clean(child.get("ref"))
                if ref.startswith(">"):
                    continue  # a macro inside a sequence item
                if re.search(r"\bif\b", ref + " " + clean(child.get("description")), re.I):
                    continue  # a conditional include ("if and only if Value Type is NUM"): like 1C
                m = INCLUDE_RE.search(ref)
                if not m:
                    continue  # prose includes ("Include all Attributes of ...")
                table = m.group(1)
                target = self.by_table.get(table)
                if target is None and "." in table:  # "Table C.8.82" written for "C.8-82"
                    head, _, tail = table.rpartition(".")
                    table = head + "-" + tail
                    target = self.by_table.get(table)
                if target is None:
                    self.unresolved.add(ref)
                    continue
                if table in seen:
                    continue
                out.extend(self.top_level(target, seen + (table,)))
        return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--standard", default="../shared/dicom-standard", help="shared standard tables (default: %(default)s)")
    ap.add_argument("--part3", default="/usr/share/gdcm-3.0/XML/Part3.xml", help="GDCM Part3.xml (default: %(default)s)")
    ap.add_argument("--out", default=OUT, help="resource to write (default: %(default)s)")
    a = ap.parse_args()
    if not os.path.exists(a.part3):
        fail(f"{a.part3} not found; see the module docstring for where to get it")

    iod_dir = os.path.join(a.standard, "iod")
    sops = read_tsv(os.path.join(iod_dir, "sop_class_iods.tsv"))
    iod_modules = read_tsv(os.path.join(iod_dir, "iod_modules.tsv"))
    names = {r["module_id"]: r["name"] for r in read_tsv(os.path.join(iod_dir, "modules.tsv"))}
    p3 = Part3(a.part3)

    # module_id -> [(tag, type, attribute name)] for the M modules found in Part3.xml
    attrs = {}
    missing = set()
    mandatory = {}
    for r in iod_modules:
        if r["usage"] != "M":
            continue
        mid = r["module_id"]
        mandatory.setdefault(r["iod_id"], [])
        name = names.get(mid, mid.replace("-", " "))
        el = p3.modules.get(norm(ALIASES.get(mid, name)))
        if el is None:
            missing.add(mid)
            continue
        if mid not in attrs:
            rows, seen = [], set()
            for tag, typ, an in p3.top_level(el):
                if typ in ("1", "2") and tag not in seen and (mid, tag) not in EXCLUDE:
                    seen.add(tag)
                    rows.append((tag, typ, an))
            attrs[mid] = rows
        if mid not in mandatory[r["iod_id"]]:
            mandatory[r["iod_id"]].append(mid)

    body = []
    used = set()
    sop_rows = []
    for s in sorted(sops, key=lambda r: r["sop_class_uid"]):
        mods = [m for m in mandatory.get(s["iod_id"], []) if attrs.get(m)]
        if not mods:
            continue
        used.update(mods)
        sop_rows.append(f"S\t{s['sop_class_uid']}\t{','.join(mods)}")
    for mid in sorted(used):
        for tag, typ, an in attrs[mid]:
            body.append(f"M\t{mid}\t{names.get(mid, mid)}\t{tag}\t{typ}\t{an}")
    body.extend(sop_rows)

    head = [
        f"# Type 1 and Type 2 top-level attributes of the mandatory modules of each SOP Class's IOD.",
        f"# SOP Class -> IOD -> modules: PS3.3/PS3.4 2026b (shared dicom-standard/iod); module attributes: PS3.3 {p3.edition}",
        f"# (GDCM Part3.xml). Not checked: conditional/user modules, 1C/2C, sequence contents, modules newer than {p3.edition}.",
        f"# Generated by {SCRIPT} - do not edit, regenerate with:",
        f"#   python3 {SCRIPT} --part3 PATH/Part3.xml",
        "# M  module_id  module name  tag  type  attribute name",
        "# S  sop_class_uid  module_id,...",
    ]
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(head + body) + "\n")
    print(f"{a.out}: {len(sop_rows)} SOP classes, {len(used)} modules, {len(body) - len(sop_rows)} attribute rows")
    unused_missing = sorted(missing)
    print(f"M modules not in Part3.xml {p3.edition} (not checked): {len(unused_missing)}: {' '.join(unused_missing)}")
    for ref in sorted(p3.unresolved):
        print(f"include without a table in Part3.xml (skipped): {ref}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
