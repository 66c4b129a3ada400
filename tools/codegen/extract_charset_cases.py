#!/usr/bin/env python3
"""Extract charset test cases from the DICOM charset corpus with pydicom.

For every charset-dependent text element (SH, LO, ST, LT, UC, UT, PN) of every
file, also inside sequence items (which may have their own Specific Character
Set (0008,0005), else inherit it), write one line with the raw value bytes and
pydicom's decoded string, for the JUnit test SpecificCharacterSetCorpusTest.

Usage (tested with pydicom 2.3.1, Debian package python3-pydicom):

    /usr/bin/python3 tools/codegen/extract_charset_cases.py \
        [/work/shared/corpus/charset] \
        [core/src/test/resources/org/hounsfield/core/charset/corpus_strings.tsv]

Columns (tab separated, text columns escaped with \\\\ \\t \\n \\r \\uXXXX):
file, path (tag path, items as [n]), vr, charset (raw (0008,0005) in effect,
values joined by backslash), hex (value bytes), expected (pydicom's value;
multiple values joined by backslash; PN as str()).
"""

import glob
import os
import sys
import warnings

import pydicom
from pydicom.dataelem import RawDataElement

CHARSET_VRS = {"SH", "LO", "ST", "LT", "UC", "UT", "PN"}


def escape(s):
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("\\u%04X" % ord(ch))
        else:
            out.append(ch)
    return "".join(out)


def as_text(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)) or type(value).__name__ == "MultiValue":
        return "\\".join(str(v) for v in value)
    return str(value)


def raw_charset(ds):
    """The raw value of (0008,0005) in `ds` (padding removed), or None."""
    if 0x00080005 not in ds:
        return None
    elem = ds.get_item(0x00080005)
    value = elem.value
    if isinstance(value, bytes):
        text = value.decode("latin-1")
    elif value is None:
        text = ""
    elif isinstance(value, str):
        text = value
    else:
        text = "\\".join(value)
    return text.rstrip(" \x00")


def walk(ds, charset, fname, prefix, rows):
    own = raw_charset(ds)
    if own:  # pydicom: an empty (0008,0005) in an item inherits the parent's
        charset = own
    elif own is not None and not prefix:
        charset = own
    for tag in list(ds.keys()):
        raw = ds.get_item(tag)
        elem = ds[tag]  # converts (and decodes) the element
        vr = elem.VR
        path = prefix + "%08X" % int(tag)
        if vr == "SQ":
            for i, item in enumerate(elem.value):
                walk(item, charset, fname, path + "[%d]/" % i, rows)
            continue
        if vr not in CHARSET_VRS:
            continue
        if isinstance(raw, RawDataElement):
            data = raw.value or b""
        else:
            continue
        rows.append("\t".join([
            fname, path, vr, escape(charset or ""), data.hex().upper(),
            escape(as_text(elem.value)),
        ]))


ESC = b"\x1b"

# Hand-made byte strings for edge cases the corpus lacks, decoded by pydicom's own
# converters (values.convert_PN / convert_text / convert_single_string).
# Left out on purpose: ISO 2022 IR 58 (pydicom 2.3.1 keeps "ESC $ ) A" in the
# decoded text) and ISO_IR 203 (unknown to pydicom).
SYNTHETIC = [
    ("ISO_IR 127", "LO", b"a\xa1b"),                       # undefined byte -> U+FFFD
    ("ISO_IR 192", "LO", b"a\xffb\xe4\xb8"),               # invalid UTF-8
    ("ISO_IR 100", "LT", b"line1\r\nR\xe9ne\\x "),         # backslash in LT
    ("\\ISO 2022 IR 126", "LT", ESC + b"-F\xc4\r\n\xc4"),  # CR LF resets
    ("\\ISO 2022 IR 126", "PN", ESC + b"-F\xc4^\xc4=" + ESC + b"-F\xc4"),
    ("\\ISO 2022 IR 126", "LO", ESC + b"-F\xc4^\xc4\\\xc4"),
    ("\\ISO 2022 IR 87", "LO", b"a" + ESC + b"-F\xc4"),       # escape of an undeclared set
    ("\\ISO 2022 IR 87", "LO", b"x" + ESC + b"$B;3E" + ESC + b"(B"),  # odd kanji bytes
    ("\\ISO 2022 IR 87", "LO", b"x" + ESC + b"$B;3ED" + ESC + b"(Jy"),
    ("\\ISO 2022 IR 87", "SH", ESC + b"$B;3ED" + ESC + b"(B\\" + ESC + b"$BB@O:" + ESC + b"(B"),
    ("", "LO", ESC + b"(BABC\xe9"),                          # ESC ( B always known
    ("", "LO", ESC + b"$B;3ED"),                              # IR 87 not declared
    ("ISO 2022 IR 13\\ISO 2022 IR 87", "PN", b"\xd4\xcf^" + ESC + b"(Jabc^" + ESC + b")I\xc0"),
    ("\\ISO 2022 IR 149", "PN", ESC + b"$)C\xb1\xe8^\xb1\xe8"),  # ^ resets KS X 1001
    ("\\ISO 2022 IR 149", "LT", ESC + b"$)C\xb1\xe8\xc8\xf1 abc"),
    ("\\ISO 2022 IR 87\\ISO 2022 IR 159", "PN",
     ESC + b"$(D0!mc" + ESC + b"(B^" + ESC + b"$B;3ED" + ESC + b"(B"),
    ("ISO_IR 100\\ISO_IR 144", "LO", b"\xe9" + ESC + b"-L\xbb\xee"),  # pydicom honours this
    ("ISO-IR 100", "PN", b"R\xe9ne"),                        # misspelled
    ("ISO IR 144", "PN", b"\xbb\xee"),
    ("ISO_IR 100 ", "PN", b"R\xe9ne  "),
    ("ISO-2022-IR 87", "LO", ESC + b"$B;3ED" + ESC + b"(B"),
    ("FOO", "LO", b"R\xe9ne"),                               # unknown -> default
    ("ISO_IR 192\\ISO 2022 IR 87", "LO", "王".encode()),     # stand-alone first
    ("GB18030", "PN", b"Wang^XiaoDong=\xcd\xf5^\xd0\xa1\xb6\xab="),
    ("GBK", "LO", b"\xcd\xf5"),
    ("ISO_IR 13", "SH", b"\xd4\xcf\xc0\xde ABC"),
    ("ISO_IR 166", "LO", b"\xca\xc7\xd1\xca\xb4\xd5"),
    ("ISO_IR 101", "PN", b"Wa\xb3\xeasa"),
    ("ISO_IR 148", "PN", b"\xc7a\xf0lar"),
    ("ISO_IR 109", "LO", b"\xa1al"),
    ("ISO_IR 110", "LO", b"\xabirts"),
    ("", "PN", b"Doe^John=="),                               # trailing empty groups
    ("", "UT", b"text\x00"),
]


def synthetic_rows():
    from pydicom.charset import convert_encodings
    from pydicom import values

    rows = []
    for i, (charset, vr, data) in enumerate(SYNTHETIC):
        encodings = convert_encodings(charset.split("\\"))
        if vr == "PN":
            value = values.convert_PN(data, encodings)
        elif vr in ("SH", "LO", "UC"):
            value = values.convert_text(data, encodings, vr)
        else:
            value = values.convert_single_string(data, encodings, vr)
        rows.append("\t".join([
            "synthetic", "case%02d" % i, vr, escape(charset), data.hex().upper(),
            escape(as_text(value)),
        ]))
    return rows


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpus/charset"
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(__file__), "..", "..", "core", "src", "test", "resources",
        "org", "hounsfield", "core", "charset", "corpus_strings.tsv")
    rows = []
    warnings.simplefilter("ignore")
    for f in sorted(glob.glob(os.path.join(corpus, "*.dcm"))):
        ds = pydicom.dcmread(f)
        walk(ds, "", os.path.basename(f), "", rows)
    rows += synthetic_rows()
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# generated by tools/codegen/extract_charset_cases.py with pydicom %s\n"
                 % pydicom.__version__)
        fh.write("# file\tpath\tvr\tcharset\thex\texpected\n")
        for r in rows:
            fh.write(r + "\n")
    print("%d cases written to %s" % (len(rows), os.path.normpath(out)))


if __name__ == "__main__":
    main()
