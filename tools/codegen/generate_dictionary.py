#!/usr/bin/env python3
"""Generate Hounsfield's data dictionary sources and resources.

Reads the machine-readable DICOM standard tables (see README.md of the
dicom-standard directory) and writes:

  core/src/main/java/org/hounsfield/core/Tag.java      tag constants + helpers
  core/src/main/java/org/hounsfield/core/UID.java      UID constants
  core/src/main/resources/org/hounsfield/core/dict/
      elements.tsv            data elements incl. repeating-group masks
      uids.tsv                UID registry
      transfer_syntaxes.tsv   transfer syntax properties
      private.tsv             GDCM + DCMTK private dictionaries (merged)
      charsets.tsv            Specific Character Set defined terms

Usage (from the repository root):

  python3 tools/codegen/generate_dictionary.py [--standard ../shared/dicom-standard]

Python 3.8+, standard library only. The output is deterministic (no
timestamps), so re-running on unchanged input gives no diff.
"""

import argparse
import keyword as pykeyword
import os
import re
import sys

SCRIPT = "tools/codegen/generate_dictionary.py"
REGEN = "python3 " + SCRIPT

VRS = {
    "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FL", "FD", "IS", "LO", "LT",
    "OB", "OD", "OF", "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST",
    "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US", "UT", "UV",
}

JAVA_RESERVED = {
    "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char",
    "class", "const", "continue", "default", "do", "double", "else", "enum",
    "extends", "final", "finally", "float", "for", "goto", "if", "implements",
    "import", "instanceof", "int", "interface", "long", "native", "new",
    "package", "private", "protected", "public", "return", "short", "static",
    "strictfp", "super", "switch", "synchronized", "this", "throw", "throws",
    "transient", "try", "void", "volatile", "while", "true", "false", "null",
    "var", "yield", "record", "sealed", "permits",
}

TAG_RE = re.compile(r"^\(([0-9A-Fx]{4}),([0-9A-Fx]{4})\)$")
IDENT_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
UID_RE = re.compile(r"^[0-9]+(\.[0-9]+)*$")


def fail(msg):
    sys.exit("generate_dictionary: " + msg)


def read_tsv(path):
    """Rows of a TSV file as dicts keyed by the header line."""
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
        rows.append(dict(zip(header, cells)))
    return rows


def clean(s):
    """A field for our own TSV output: no tabs/newlines, trailing spaces kept."""
    if "\t" in s or "\n" in s or "\r" in s:
        fail(f"field contains a tab or newline: {s!r}")
    return s


def compact_vr(vr, where):
    """'US or SS' -> 'US/SS'; 'NONE' and '' -> ''; validates VR names."""
    if vr in ("", "NONE"):
        return ""
    parts = [p.strip() for p in vr.split(" or ")]
    for p in parts:
        if p not in VRS:
            fail(f"{where}: unknown VR {vr!r}")
    return "/".join(parts)


def parse_tag(tag, where):
    m = TAG_RE.match(tag)
    if not m:
        fail(f"{where}: bad tag {tag!r}")
    return m.group(1) + m.group(2)


def lowest_instance(tag_hex, exact_tags=frozenset()):
    """The smallest tag matching a mask such as 60xx3000 that is not an exact dictionary row.

    (0028,04x0) Rows For Nth Order Coefficients would otherwise collide with the exact row
    (0028,0400) Transform Label; its lowest free instance is (0028,0410). ElementDictionary.java
    computes the same value when it loads elements.tsv.
    """
    positions = [i for i, c in enumerate(tag_hex) if c == "x"]
    base = int(tag_hex.replace("x", "0"), 16)
    for k in range(16 ** len(positions)):
        value = base
        for j, pos in enumerate(reversed(positions)):
            value |= ((k >> (4 * j)) & 0xF) << (4 * (7 - pos))
        if value not in exact_tags:
            return value
    fail(f"no free instance for mask {tag_hex}")


def javadoc_text(s):
    """Escape a table string for a Javadoc comment, keeping the source ASCII."""
    out = []
    for ch in s:
        if ch == "&":
            out.append("&amp;")
        elif ch == "<":
            out.append("&lt;")
        elif ch == ">":
            out.append("&gt;")
        elif ch == "@":
            out.append("&#64;")
        elif ord(ch) > 126 or ord(ch) < 32:
            out.append(f"&#{ord(ch)};")
        else:
            out.append(ch)
    return "".join(out).replace("*/", "*&#47;")


def render(template, **values):
    """Fill {name} placeholders of a template written with doubled braces ({{ and }})."""
    text = template.replace("{{", "{").replace("}}", "}")
    for k, v in values.items():
        text = text.replace("{" + k + "}", str(v))
    return text


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {path} ({len(text.encode('utf-8'))} bytes)")


def tsv_header(what, sources):
    return (f"# {what}. Generated by {SCRIPT} from {sources} - do not edit, "
            f"regenerate with: {REGEN}\n")


def check_identifier(kw, where):
    if not IDENT_RE.match(kw) or kw in JAVA_RESERVED:
        fail(f"{where}: keyword {kw!r} is not a usable Java identifier")


# --------------------------------------------------------------------------
# data dictionary


def gen_elements(std, out_res):
    rows = read_tsv(os.path.join(std, "data_dictionary.tsv"))
    seen_tags, seen_kw = set(), set()
    lines = [tsv_header("DICOM data elements (PS3.6/PS3.7); tag: 8 hex digits, x = any digit; "
                        "vr: alternatives separated by /, empty = none (items, retired blanks)",
                        "data_dictionary.tsv"),
             "tag\tvr\tvm\tretired\tkeyword\tname\n"]
    elements = []
    for n, r in enumerate(rows, start=2):
        where = f"data_dictionary.tsv:{n}"
        th = parse_tag(r["tag"], where)
        if th != r["tag_hex"]:
            fail(f"{where}: tag {r['tag']} and tag_hex {r['tag_hex']} disagree")
        if th in seen_tags:
            fail(f"{where}: duplicate tag {r['tag']}")
        seen_tags.add(th)
        kw = r["keyword"]
        if kw:
            check_identifier(kw, where)
            if kw in seen_kw:
                fail(f"{where}: duplicate keyword {kw}")
            seen_kw.add(kw)
        if r["retired"] not in ("Y", "N"):
            fail(f"{where}: retired must be Y/N")
        vr = compact_vr(r["vr"], where)
        lines.append("\t".join(clean(x) for x in (th, vr, r["vm"], r["retired"], kw, r["name"])) + "\n")
        elements.append(r)
    write(os.path.join(out_res, "elements.tsv"), "".join(lines))
    return elements


TAG_TEMPLATE = '''\
/*
 * GENERATED FILE - DO NOT EDIT.
 * Generated by {script} from the DICOM standard tables
 * (data_dictionary.tsv: PS3.6/PS3.7, {count} keyword constants).
 * Regenerate with: {regen}
 * The helper methods below are part of the generator's template.
 */
package org.hounsfield.core;

/**
 * Data element tags as {{@code int} constants named by the DICOM keyword, and helpers for tag numbers.
 *
 * <p>A tag is stored as {{@code (group << 16) | element}}. Repeating-group and repeating-element
 * attributes such as Overlay Data {{@code (60xx,3000)}} have a constant for their lowest instance
 * ({{@code 0x60003000}}); look up other instances with
 * {{@link org.hounsfield.core.dict.ElementDictionary#lookup(int)}}.
 *
 * <pre>{{@code
 * int tag = Tag.PatientName;            // 0x00100010
 * Tag.toString(tag);                     // "(0010,0010)"
 * Tag.parse("(7FE0,0010)") == Tag.PixelData;
 * Tag.isPrivateCreator(0x00290010);      // true
 * }}</pre>
 */
public final class Tag {{

    private Tag() {{
    }}

    /** The group number (upper 16 bits) of {{@code tag}}. */
    public static int group(int tag) {{
        return tag >>> 16;
    }}

    /** The element number (lower 16 bits) of {{@code tag}}. */
    public static int element(int tag) {{
        return tag & 0xFFFF;
    }}

    /** The tag with this group and element. */
    public static int of(int group, int element) {{
        return (group & 0xFFFF) << 16 | (element & 0xFFFF);
    }}

    /** Whether {{@code tag} is in a private (odd) group. */
    public static boolean isPrivate(int tag) {{
        return (tag & 0x00010000) != 0;
    }}

    /** Whether {{@code tag} is a Private Creator element (gggg,0010-00FF) in an odd group. */
    public static boolean isPrivateCreator(int tag) {{
        int element = tag & 0xFFFF;
        return isPrivate(tag) && element >= 0x0010 && element <= 0x00FF;
    }}

    /**
     * The Private Creator element that reserves the block of private data element {{@code tag}}:
     * {{@code (gggg,bbee) -> (gggg,00bb)}}. Only meaningful for private elements (gggg,1000-FFFF).
     */
    public static int privateCreatorOf(int tag) {{
        return (tag & 0xFFFF0000) | ((tag >>> 8) & 0xFF);
    }}

    /** Formats {{@code tag} as {{@code "(gggg,eeee)"}} with upper-case hex digits. */
    public static String toString(int tag) {{
        char[] c = new char[11];
        c[0] = '(';
        c[5] = ',';
        c[10] = ')';
        for (int i = 0; i < 4; i++) {{
            c[4 - i] = HEX[(tag >>> (16 + 4 * i)) & 0xF];
            c[9 - i] = HEX[(tag >>> (4 * i)) & 0xF];
        }}
        return new String(c);
    }}

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * Parses {{@code "(0010,0010)"}}, {{@code "0010,0010"}} or {{@code "00100010"}} (hex digits of
     * either case, surrounding white space ignored).
     *
     * @throws IllegalArgumentException if {{@code s}} is not in one of these forms
     */
    public static int parse(String s) {{
        String t = s.strip();
        if (t.length() == 11 && t.charAt(0) == '(' && t.charAt(10) == ')') {{
            t = t.substring(1, 10);
        }}
        if (t.length() == 9 && t.charAt(4) == ',') {{
            t = t.substring(0, 4) + t.substring(5);
        }}
        if (t.length() != 8) {{
            throw new IllegalArgumentException("Not a DICOM tag: \\"" + s + "\\"");
        }}
        int tag = 0;
        for (int i = 0; i < 8; i++) {{
            int d = Character.digit(t.charAt(i), 16);
            if (d < 0) {{
                throw new IllegalArgumentException("Not a DICOM tag: \\"" + s + "\\"");
            }}
            tag = tag << 4 | d;
        }}
        return tag;
    }}

{constants}}}
'''


def gen_tag_java(elements, out_java):
    consts = []
    count = 0
    exact_tags = frozenset(int(r["tag_hex"], 16) for r in elements if "x" not in r["tag_hex"])
    for r in elements:
        kw = r["keyword"]
        if not kw:
            continue
        count += 1
        th = r["tag_hex"]
        value = lowest_instance(th, exact_tags) if "x" in th else int(th, 16)
        shown = f"({th[:4]},{th[4:]})"
        vr = r["vr"] if r["vr"] else "none"
        if vr == "NONE":
            vr = "none"
        doc = f"{shown} {javadoc_text(r['name'])}, VR {vr}, VM {r['vm'] or '-'}"
        if r["retired"] == "Y":
            doc += ", retired"
        if "x" in th:
            free = "" if value == int(th.replace("x", "0"), 16) else " that is not another element"
            doc += (f"; repeating: matches the mask {shown}, this constant is the lowest instance{free} "
                    f"({value >> 16:04X},{value & 0xFFFF:04X})")
        consts.append(f"    /** {doc} */\n    public static final int {kw} = 0x{value:08X};\n\n")
    text = render(TAG_TEMPLATE, script=SCRIPT, regen=REGEN, count=count, constants="".join(consts))
    write(os.path.join(out_java, "Tag.java"), text)


# --------------------------------------------------------------------------
# UIDs and transfer syntaxes


UID_TEMPLATE = '''\
/*
 * GENERATED FILE - DO NOT EDIT.
 * Generated by {script} from uid_registry.tsv (PS3.6 Annex A, {count} UIDs with a keyword).
 * Regenerate with: {regen}
 */
package org.hounsfield.core;

/**
 * Registered DICOM UIDs (PS3.6 Annex A) as {{@code String} constants named by the DICOM keyword.
 *
 * <pre>{{@code
 * String cuid = UID.CTImageStorage;                  // "1.2.840.10008.5.1.4.1.1.2"
 * UidRegistry.lookup(cuid).name();                   // "CT Image Storage"
 * TransferSyntax.of(UID.JPEG2000Lossless).encapsulated(); // true
 * }}</pre>
 *
 * @see org.hounsfield.core.dict.UidRegistry
 */
public final class UID {{

    private UID() {{
    }}

{constants}}}
'''


def gen_uids(std, out_res, out_java):
    rows = read_tsv(os.path.join(std, "uid_registry.tsv"))
    lines = [tsv_header("DICOM UID registry (PS3.6 Annex A)", "uid_registry.tsv"),
             "uid\tname\tkeyword\ttype\tretired\tinfo\n"]
    consts, seen_uid, seen_kw = [], set(), set()
    for n, r in enumerate(rows, start=2):
        where = f"uid_registry.tsv:{n}"
        uid = r["uid"]
        if not UID_RE.match(uid) or len(uid) > 64:
            fail(f"{where}: bad UID {uid!r}")
        if uid in seen_uid:
            fail(f"{where}: duplicate UID {uid}")
        seen_uid.add(uid)
        if r["retired"] not in ("Y", "N"):
            fail(f"{where}: retired must be Y/N")
        lines.append("\t".join(clean(r[k]) for k in ("uid", "name", "keyword", "type", "retired", "info")) + "\n")
        kw = r["keyword"]
        if not kw:
            continue
        check_identifier(kw, where)
        if kw in seen_kw:
            fail(f"{where}: duplicate keyword {kw}")
        seen_kw.add(kw)
        doc = f"{javadoc_text(r['name'])} ({javadoc_text(r['type'])}"
        if r["retired"] == "Y":
            doc += ", retired"
        doc += ")"
        if r["info"]:
            doc += ": " + javadoc_text(r["info"])
        consts.append(f"    /** {doc} */\n    public static final String {kw} = \"{uid}\";\n\n")
    write(os.path.join(out_res, "uids.tsv"), "".join(lines))
    write(os.path.join(out_java, "UID.java"),
          render(UID_TEMPLATE, script=SCRIPT, regen=REGEN, count=len(consts), constants="".join(consts)))


def gen_transfer_syntaxes(std, out_res):
    rows = read_tsv(os.path.join(std, "transfer_syntaxes.tsv"))
    cols = ("uid", "name", "keyword", "retired", "vr_encoding", "byte_order", "pixel_data",
            "encapsulated", "dataset_deflated", "compression", "codec_family")
    lines = [tsv_header("DICOM transfer syntaxes (PS3.5/PS3.6)", "transfer_syntaxes.tsv"),
             "\t".join(cols) + "\n"]
    for n, r in enumerate(rows, start=2):
        where = f"transfer_syntaxes.tsv:{n}"
        if not UID_RE.match(r["uid"]):
            fail(f"{where}: bad UID")
        for k in ("retired", "encapsulated", "dataset_deflated"):
            if r[k] not in ("Y", "N"):
                fail(f"{where}: {k} must be Y/N")
        lines.append("\t".join(clean(r[k]) for k in cols) + "\n")
    write(os.path.join(out_res, "transfer_syntaxes.tsv"), "".join(lines))


# --------------------------------------------------------------------------
# private dictionaries and character sets


def gen_private(std, out_res):
    merged = []
    for rank, (source, fname) in enumerate((("gdcm", "private_dictionary_gdcm.tsv"),
                                            ("dcmtk", "private_dictionary_dcmtk.tsv"))):
        seen = set()
        for n, r in enumerate(read_tsv(os.path.join(std, fname)), start=2):
            where = f"{fname}:{n}"
            th = parse_tag(r["tag"], where)
            if th != r["tag_hex"]:
                fail(f"{where}: tag and tag_hex disagree")
            if (r["block_relative"] == "Y") != (th[4:6] == "xx"):
                fail(f"{where}: block_relative flag does not match the tag")
            creator = r["private_creator"].rstrip(" ")
            if not creator:
                fail(f"{where}: empty private creator")
            key = (creator, th)
            if key in seen:
                # DCMTK lists a few entries twice (identical rows); keep the first
                continue
            seen.add(key)
            retired = r.get("retired", "N") or "N"
            merged.append((creator, th, rank, source, compact_vr(r["vr"], where), r["vm"], retired, r["name"]))
    merged.sort(key=lambda e: (e[0], e[1], e[2]))
    lines = [tsv_header("Private data elements (vendor data, GDCM and DCMTK); tag: 8 hex digits, "
                        "x = any digit, (gggg,xxee) = offset ee in the creator's block; a group mask "
                        "gg'xx' matches odd groups; vr alternatives separated by /",
                        "private_dictionary_gdcm.tsv + private_dictionary_dcmtk.tsv"),
             "source\tcreator\ttag\tvr\tvm\tretired\tname\n"]
    for creator, th, _rank, source, vr, vm, retired, name in merged:
        lines.append("\t".join(clean(x) for x in (source, creator, th, vr, vm, retired, name)) + "\n")
    write(os.path.join(out_res, "private.tsv"), "".join(lines))


def gen_charsets(std, out_res):
    rows = read_tsv(os.path.join(std, "character_sets.tsv"))
    cols = ("defined_term", "description", "iso_registration", "code_element", "escape_sequence",
            "code_extensions", "multi_byte", "java_charset")
    lines = [tsv_header("Specific Character Set defined terms (PS3.3 C.12.1.1.2); "
                        "escape_sequence: hex bytes separated by spaces", "character_sets.tsv"),
             "\t".join(cols) + "\n"]
    for n, r in enumerate(rows, start=2):
        where = f"character_sets.tsv:{n}"
        if r["escape_sequence"] and not re.match(r"^[0-9A-F]{2}( [0-9A-F]{2})*$", r["escape_sequence"]):
            fail(f"{where}: bad escape sequence")
        if not r["java_charset"]:
            fail(f"{where}: no Java charset")
        lines.append("\t".join(clean(r[k]) for k in cols) + "\n")
    write(os.path.join(out_res, "charsets.tsv"), "".join(lines))


def main():
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--standard", default=os.path.join(repo, "..", "shared", "dicom-standard"),
                    help="directory with the DICOM standard TSV tables "
                         "(default: ../shared/dicom-standard relative to the repository root)")
    args = ap.parse_args()
    std = args.standard
    if not os.path.isfile(os.path.join(std, "data_dictionary.tsv")):
        fail(f"no data_dictionary.tsv in {std}")
    out_java = os.path.join(repo, "core", "src", "main", "java", "org", "hounsfield", "core")
    out_res = os.path.join(repo, "core", "src", "main", "resources", "org", "hounsfield", "core", "dict")
    elements = gen_elements(std, out_res)
    gen_tag_java(elements, out_java)
    gen_uids(std, out_res, out_java)
    gen_transfer_syntaxes(std, out_res)
    gen_private(std, out_res)
    gen_charsets(std, out_res)


if __name__ == "__main__":
    main()
