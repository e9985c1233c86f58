#!/usr/bin/env python3
"""Prints the folders of the CUDA runtime libraries (cudart, cuBLAS, cuRAND, ...) that
Python's `nvidia` packages hold, joined by ':', for LD_LIBRARY_PATH on the GPU machines
(PyTorch brings them there; the machine has no system CUDA libraries on the path).
Prints nothing where there are none."""
import glob
import os

try:
    import nvidia

    roots = list(nvidia.__path__)
except ImportError:
    roots = []
dirs = {os.path.dirname(p) for r in roots for p in glob.glob(os.path.join(r, "**", "lib*.so*"), recursive=True)}
print(":".join(sorted(dirs)))
