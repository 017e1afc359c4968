"""Prints one JSON document mapping each path given on the command line to pydicom's DICOM
JSON (Dataset.to_json_dict, every binary value inline) of that file.

A file pydicom cannot read maps to {"error": "..."}; one it reads but cannot convert maps to
{"error": "...", "withoutInvalid": {...}}, the elements it can convert; one it reads only with
force=True maps to {"forced": true, "dataset": {...}} so that the caller can tell; otherwise
the path maps to {"dataset": {...}}. Used by PydicomCorpusJsonTest.
"""
import json
import sys
import warnings

import pydicom


def convert(path):
    try:
        dataset = pydicom.dcmread(path)
        forced = False
    except Exception as unforced:
        try:
            dataset = pydicom.dcmread(path, force=True)
            forced = True
        except Exception:
            return {"error": f"{type(unforced).__name__}: {unforced}"}
    try:
        result = {"dataset": dataset.to_json_dict(bulk_data_threshold=1024, bulk_data_element_handler=None)}
    except Exception as error:
        # Also give what pydicom can convert, leaving out the elements it cannot.
        result = {"error": f"{type(error).__name__}: {error}",
                  "withoutInvalid": dataset.to_json_dict(bulk_data_threshold=1024, bulk_data_element_handler=None,
                                                         suppress_invalid_tags=True)}
    if forced:
        result["forced"] = True
    return result


def main():
    warnings.simplefilter("ignore")
    json.dump({path: convert(path) for path in sys.argv[1:]}, sys.stdout)


if __name__ == "__main__":
    main()
