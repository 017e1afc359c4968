"""The oracle for WADO-RS frames: pydicom's frames of a file, one line per frame:
"<frame number> <sha256 of the frame bytes>", or "skip <why>".

Uncompressed frames come from pixel_array (numpy), as little endian bytes; encapsulated
frames from pydicom.encaps.generate_pixel_data_frame."""
import hashlib
import sys

import pydicom
from pydicom.encaps import generate_pixel_data_frame

ds = pydicom.dcmread(sys.argv[1])
if "PixelData" not in ds:
    print("skip no pixel data")
    sys.exit(0)
frames = int(ds.get("NumberOfFrames", 1) or 1)
if ds.file_meta.TransferSyntaxUID.is_compressed:
    for n, frame in enumerate(generate_pixel_data_frame(ds.PixelData, frames), 1):
        print(n, hashlib.sha256(frame).hexdigest())
    sys.exit(0)
if ds.BitsAllocated not in (8, 16, 32) or ds.get("PlanarConfiguration", 0) == 1:
    print("skip pixel_array reorders or unpacks these bits")
    sys.exit(0)
try:
    array = ds.pixel_array
except Exception as e:
    print("skip", type(e).__name__)
    sys.exit(0)
for n, frame in enumerate(array if frames > 1 else [array], 1):
    print(n, hashlib.sha256(frame.astype(frame.dtype.newbyteorder("<")).tobytes()).hexdigest())
