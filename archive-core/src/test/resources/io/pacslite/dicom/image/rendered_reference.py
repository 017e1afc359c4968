"""The reference renderings: 8-bit images made from pydicom's pixel_array with pydicom's own
Modality LUT, VOI LUT, palette and colour space functions, and the window functions of PS3.3
C.11.2.1.2 and C.11.2.1.3 onto [0, 255].

Usage: rendered_reference.py OUTDIR SPEC...
SPEC is "file|frame|center|width|function|invert" (frame from 0; center, width and function
empty for the image's own window, else its VOI LUT, else the span of the frame's values; invert
0 or 1). For the n-th SPEC writes OUTDIR/n.bin: rows x columns grey levels, or x 3 for colour
(R, G, B), as unsigned bytes."""
import os
import sys

import numpy
import pydicom
from pydicom.pixel_data_handlers.util import (apply_color_lut, apply_modality_lut, apply_voi_lut,
                                              convert_color_space)


def window(x, center, width, function):
    if function == "LINEAR_EXACT":
        y = ((x - center) / width + 0.5) * 255
        return numpy.where(x <= center - width / 2, 0, numpy.where(x > center + width / 2, 255, y))
    if function == "SIGMOID":
        return 255 / (1 + numpy.exp(-4 * (x - center) / width))
    y = ((x - (center - 0.5)) / (width - 1) + 0.5) * 255
    return numpy.where(x <= center - 0.5 - (width - 1) / 2, 0,
                       numpy.where(x > center - 0.5 + (width - 1) / 2, 255, y))


def first(value):
    return float(value[0]) if isinstance(value, pydicom.multival.MultiValue) else float(value)


def grey(ds, frame, center, width, function):
    x = apply_modality_lut(frame, ds).astype(numpy.float64)
    if center == "" and "WindowCenter" in ds:
        center, width = first(ds.WindowCenter), first(ds.WindowWidth)
        function = ds.get("VOILUTFunction", "LINEAR") or "LINEAR"
    elif center == "" and "VOILUTSequence" in ds:
        bits = ds.VOILUTSequence[0].LUTDescriptor[2]
        return apply_voi_lut(x.astype(numpy.int64), ds) * 255.0 / (2 ** bits - 1)
    elif center == "":
        low, high = x.min(), x.max()
        center, width, function = (low + high) / 2, max(high - low, 1), "LINEAR_EXACT"
    return window(x, float(center), float(width), function or "LINEAR")


def colour(ds, frame):
    interpretation = ds.PhotometricInterpretation
    if interpretation == "PALETTE COLOR":
        rgb = apply_color_lut(frame, ds).astype(numpy.float64)
        return rgb * 255.0 / (2 ** ds.RedPaletteColorLookupTableDescriptor[2] - 1)
    if interpretation.startswith("YBR_FULL"):
        frame = convert_color_space(frame, "YBR_FULL", "RGB")
    return frame.astype(numpy.float64) * 255.0 / (2 ** ds.BitsStored - 1)


out = sys.argv[1]
for number, spec in enumerate(sys.argv[2:]):
    path, index, center, width, function, invert = spec.split("|")
    ds = pydicom.dcmread(path, force=True)
    array = ds.pixel_array
    frame = array[int(index)] if int(ds.get("NumberOfFrames", 1) or 1) > 1 else array
    monochrome = ds.PhotometricInterpretation.startswith("MONOCHROME")
    image = grey(ds, frame, center, width, function) if monochrome else colour(ds, frame)
    image = numpy.clip(numpy.floor(image + 0.5), 0, 255).astype(numpy.uint8)
    if (ds.PhotometricInterpretation == "MONOCHROME1") != (invert == "1"):
        image = 255 - image
    image.tofile(os.path.join(out, "%d.bin" % number))
