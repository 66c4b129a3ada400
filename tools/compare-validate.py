#!/usr/bin/env python3
"""Compares `hounsfield validate` with what DCMTK's dcmdump and pydicom warn about, per corpus file.

    ./hounsfield validate ../shared/corpus >/tmp/val.out 2>/tmp/val.err
    /usr/bin/python3 tools/compare-validate.py --corpus ../shared/corpus --validate /tmp/val.err

dcmdump's warnings come from the corpus references (reference/<path>.json, "dcmdump"."stderr").
pydicom's are collected here: dcmread, then str(ds) with every Python warning recorded (needs
pydicom; skipped when it is missing). Each peer warning is mapped to the problem we should name;
the summary says how many we name, and lists the rest with the reason.
"""
import argparse, glob, json, os, re, sys, warnings

# dcmdump warning pattern -> text our validate output must contain for that file
DCMDUMP = [
    # DCMTK misreads SC_rgb_jpeg (implicit data under an explicit syntax) and then warns about what it misread
    (r"larger .* than remaining bytes|premature end of stream|Length of element \(4544,4952\) is odd", "says explicit"),
    (r"No Group Length available in Meta Information Header", "File Meta Information Group Length"),
    (r"Length of element \(7fe0,0010\) is not a multiple of 2 \(VR=OW\)", "encapsulated pixel data has VR OW"),
    (r"Escape sequences shall not be used in the first component group", "escape sequence in the first (alphabetic) component group"),
    (r"Invalid Element \((000[1357]|ffff),[0-9a-f]{4}\) found", "may not be used"),
    (r"Length of element \([0-9a-f,]+\) is odd", "odd value length"),
    (r"Length of item in sequence PixelData .* is odd", "has an odd length"),
    (r"Non-standard VR", "says explicit"),
    (r"Found element .* with VR UN and undefined length", None),  # informational: read as a sequence, as PS3.5 6.2.2 says
]

def ours(err_file):
    out = {}
    for line in open(err_file, encoding="utf-8", errors="replace"):
        m = re.match(r"ERROR  (\S+): (.*)", line.rstrip("\n"))
        if m:
            out[m.group(1)] = m.group(2)
    return out

def pydicom_warnings(path):
    try:
        import pydicom
    except ImportError:
        return None
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            ds = pydicom.dcmread(path, force=True)
            str(ds)
        except Exception as e:  # noqa: BLE001 - a peer's failure is data here
            return ["exception: %s" % e]
    return [str(x.message).splitlines()[0] for x in w]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--validate", required=True, help="stderr of hounsfield validate on the corpus root")
    a = ap.parse_args()
    mine = ours(a.validate)
    checked = named = info = 0
    missed = []
    py_total = 0
    py_kinds = {}
    for ref in sorted(glob.glob(os.path.join(a.corpus, "reference", "**", "*.json"), recursive=True)):
        rel = os.path.relpath(ref, os.path.join(a.corpus, "reference"))[:-5]
        if rel.startswith("malformed/") or not os.path.exists(os.path.join(a.corpus, rel)):
            continue
        d = json.load(open(ref))
        stderr = ((d.get("dcmdump") or {}).get("stderr") or "")
        for line in stderr.splitlines():
            if not line.startswith(("W:", "E:")) or "DcmUniqueIdentifier" in line:
                continue
            for pat, expect in DCMDUMP:
                if re.search(pat, line):
                    checked += 1
                    if expect is None:
                        info += 1
                    elif expect in mine.get(rel, ""):
                        named += 1
                    else:
                        missed.append((rel, line))
                    break
            else:
                checked += 1
                missed.append((rel, line))
        pw = pydicom_warnings(os.path.join(a.corpus, rel))
        for w in pw or []:
            if "is deprecated" in w:
                continue  # pydicom's own API deprecations, not about the file
            py_total += 1
            k = re.sub(r"'[^']*'|\d+|\([0-9A-Fa-fx, ]+\)", "…", w)[:90]
            py_kinds.setdefault(k, []).append(rel)
    print("pydicom 2.3.1 warnings: %d, by kind (files; does our validate name a problem in the file?):" % py_total)
    for k, files in sorted(py_kinds.items(), key=lambda kv: -len(kv[1])):
        hit = sum(1 for f in files if f in mine)
        print("  %4d  %-90s  we flag %d of these files" % (len(files), k, hit))
    for rel, line in missed:
        print("NOT NAMED  %s: %s" % (rel, line))
    print("validate: %d of %d dcmdump warnings named (%d informational), %d files flagged by us"
          % (named, checked - info, info, len(mine)))
    return 0

if __name__ == "__main__":
    sys.exit(main())
