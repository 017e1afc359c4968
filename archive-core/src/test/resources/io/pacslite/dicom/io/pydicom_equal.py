"""Reads pairs of DICOM files with pydicom and prints, per pair, whether their data sets are equal.

Usage: pydicom_equal.py ORIGINAL COPY [ORIGINAL COPY ...]
Output: one line per pair, "ok" or "differ: <first differing tags>".
"""
import sys
import warnings

import pydicom

warnings.simplefilter("ignore")


WORDS = {"OW": 2, "OF": 4, "OL": 4, "OD": 8, "OV": 8}


def same_value(x, y, vr, swapped):
    """Equal values; binary words compared in native order when the byte orders differ.

    An empty value is empty whatever pydicom makes of it ('' for a known VR, None for a
    private element that Implicit VR leaves without one)."""
    if x in (None, "", b"") and y in (None, "", b""):
        return True
    if swapped and vr in WORDS and isinstance(x, bytes) and isinstance(y, bytes):
        n = WORDS[vr]
        y = b"".join(y[i:i + n][::-1] for i in range(0, len(y), n))
    return x == y


def differences(a, b, swapped):
    # Group lengths (gggg,0000) depend on the encoding and are recomputed by the writer (PS3.5 7.2).
    tags = sorted(t for t in set(a.keys()) | set(b.keys()) if t.element != 0)
    found = []
    for tag in tags:
        if tag not in a or tag not in b:
            found.append(f"{tag} missing on one side")
        elif a[tag].VR == "SQ":
            if len(a[tag].value) != len(b[tag].value):
                found.append(f"{tag} item count")
            else:
                for x, y in zip(a[tag].value, b[tag].value):
                    found.extend(differences(x, y, swapped))
        elif tag.is_private and "UN" in (a[tag].VR, b[tag].VR):
            # In Implicit VR a private element's VR is the creator's to know (PS3.5 7.8):
            # pydicom sees bytes on one side and a value on the other. Not compared.
            continue
        elif swapped and (tag.is_private or "UN" in (a[tag].VR, b[tag].VR)):
            # PS3.5 6.2.2 leaves the byte order of UN values open in Big Endian: not compared.
            continue
        elif not same_value(a[tag].value, b[tag].value, a[tag].VR, swapped):
            found.append(f"{tag}: {a[tag].value!r:.60} != {b[tag].value!r:.60}")
    return found


args = sys.argv[1:]
for original, copy in zip(args[0::2], args[1::2]):
    try:
        a = pydicom.dcmread(original, force=True)
        b = pydicom.dcmread(copy)
        found = differences(a, b, a.is_little_endian != b.is_little_endian)
        print("ok" if not found else "differ: " + "; ".join(found[:5]))
    except Exception as e:  # a failure to read is reported as a difference
        print(f"differ: {type(e).__name__}: {e}")
