"""Prints, one JSON object a line, how pydicom decodes every text element of the
character set corpus: the raw value bytes (base64), the Specific Character Set terms
in effect, the VR and pydicom's decoded string (values joined with a backslash).

Usage: charset_expectations.py PYDICOM_DATA_FOLDER
Read by io.pacslite.dicom.text.SpecificCharacterSetPydicomTest.
"""
import base64
import glob
import json
import os
import sys
import warnings

import pydicom
from pydicom.dataelem import RawDataElement

TEXT_VRS = {"SH", "LO", "ST", "LT", "UC", "UT", "PN"}
CHARSET = 0x00080005


def terms_of(dataset, inherited):
    """The (0008,0005) values of a dataset, or the enclosing dataset's (PS3.5 7.5.3)."""
    raw = dataset.get_item(CHARSET)
    if raw is None or not raw.value:
        return inherited
    value = raw.value
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    elif not isinstance(value, str):
        value = "\\".join(value)
    return [term.strip() for term in value.rstrip("\0 ").split("\\")]


def as_text(value):
    if isinstance(value, (list, tuple)) or type(value).__name__ == "MultiValue":
        return "\\".join(str(v) for v in value)
    return str(value)


def walk(name, dataset, inherited, path, out):
    terms = terms_of(dataset, inherited)
    for tag in list(dataset.keys()):
        raw = dataset.get_item(tag)
        if isinstance(raw, RawDataElement):
            raw_bytes = raw.value
        elif raw.is_empty:  # pydicom converts empty elements on access
            raw_bytes = b""
        else:
            raw_bytes = None
        elem = dataset[tag]
        if elem.VR == "SQ":
            for index, item in enumerate(elem.value):
                walk(name, item, terms, f"{path}{tag}[{index}].", out)
            continue
        if elem.VR not in TEXT_VRS or tag == CHARSET:
            continue
        if raw_bytes is None:
            raise ValueError(f"{path}{tag}: no raw value")
        out.append({
            "file": name,
            "tag": f"{path}{tag}",
            "vr": elem.VR,
            "terms": terms,
            "raw": base64.b64encode(raw_bytes).decode("ascii"),
            "pydicom": "" if elem.value is None else as_text(elem.value),
        })


def worth_comparing(records):
    """Whether a file carries a Specific Character Set or non-ASCII text."""
    return any(r["terms"] != [""] or any(b >= 0x80 or b == 0x1B for b in base64.b64decode(r["raw"]))
               for r in records)


def main():
    data = sys.argv[1]
    files = sorted(glob.glob(os.path.join(data, "charset_files", "*.dcm")))
    files += sorted(glob.glob(os.path.join(data, "test_files", "*.dcm")))
    warnings.simplefilter("ignore")
    for path in files:
        name = os.path.relpath(path, data)
        try:
            dataset = pydicom.dcmread(path, force=True)
            out = []
            walk(name, dataset, [""], "", out)
        except Exception as e:  # a truncated or broken corpus file: report, skip
            print(f"skipped {name}: {e!r}", file=sys.stderr)
            continue
        if not name.startswith("charset_files") and not worth_comparing(out):
            continue
        for record in out:
            print(json.dumps(record))


main()
