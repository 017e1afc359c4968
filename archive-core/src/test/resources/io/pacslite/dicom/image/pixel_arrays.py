"""The oracle for decoded frames: pydicom's pixel_array of each file named.

Usage: pixel_arrays.py OUTDIR FILE...
For the n-th FILE (from 0) writes OUTDIR/n.bin, every value of pixel_array (all frames, rows,
columns, samples; C order) as little endian int64, and prints "n<TAB>ok<TAB>number of values",
or prints "n<TAB>skip<TAB>why" when pydicom cannot decode the file."""
import os
import sys

import numpy
import pydicom

out = sys.argv[1]
for number, path in enumerate(sys.argv[2:]):
    try:
        array = pydicom.dcmread(path, force=True).pixel_array
        values = numpy.ascontiguousarray(array, dtype="<i8").ravel()
        values.tofile(os.path.join(out, "%d.bin" % number))
        print(number, "ok", values.size, sep="\t")
    except Exception as e:
        print(number, "skip", type(e).__name__ + ": " + str(e).replace("\n", " "), sep="\t")
