"""The oracle for WADO-RS frames: pydicom's frames of each file named, one line per frame:
"<file>\t<frame number>\t<sha256 of the frame bytes>", or "<file>\tskip\t<why>".

Uncompressed frames come from pixel_array (numpy), as little endian bytes; encapsulated
frames from pydicom.encaps.generate_pixel_data_frame."""
import hashlib
import sys

import pydicom
from pydicom.encaps import generate_pixel_data_frame


def frames(path):
    ds = pydicom.dcmread(path)
    if "PixelData" not in ds:
        raise ValueError("no pixel data")
    count = int(ds.get("NumberOfFrames", 1) or 1)
    if ds.file_meta.TransferSyntaxUID.is_compressed:
        return list(generate_pixel_data_frame(ds.PixelData, count))
    if ds.BitsAllocated not in (8, 16, 32) or ds.get("PlanarConfiguration", 0) == 1:
        raise ValueError("pixel_array reorders or unpacks these pixels")
    array = ds.pixel_array
    return [f.astype(f.dtype.newbyteorder("<")).tobytes() for f in (array if count > 1 else [array])]


for path in sys.argv[1:]:
    try:
        for number, frame in enumerate(frames(path), 1):
            print(path, number, hashlib.sha256(frame).hexdigest(), sep="\t")
    except Exception as e:
        print(path, "skip", type(e).__name__ + ": " + str(e).replace("\n", " "), sep="\t")
