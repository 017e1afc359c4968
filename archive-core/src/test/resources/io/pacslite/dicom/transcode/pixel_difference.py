"""Prints how far the pixels of a DICOM file are from another's, as pydicom decodes them, YBR
colour converted to RGB (so that an RGB image and its YBR_FULL_422 JPEG can be compared).

Usage: pixel_difference.py EXPECTED ACTUAL
Output: "<max abs difference> <mean abs difference>", or "shape <expected> <actual>".
"""
import sys

import numpy
import pydicom
from pydicom.pixel_data_handlers.util import convert_color_space


def pixels(path):
    dataset = pydicom.dcmread(path)
    array = dataset.pixel_array
    if dataset.PhotometricInterpretation in ("YBR_FULL", "YBR_FULL_422"):
        array = convert_color_space(array, "YBR_FULL", "RGB")
    return array.astype(numpy.int64)


expected = pixels(sys.argv[1])
actual = pixels(sys.argv[2])
if expected.shape != actual.shape:
    print("shape", expected.shape, actual.shape)
else:
    difference = numpy.abs(expected - actual)
    print(int(difference.max()), float(difference.mean()))
