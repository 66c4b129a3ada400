#!/usr/bin/env python3
"""Decode time of OpenJPEG itself, in process, without writing any output.

Loads libopenjp2 (the library opj_decompress and dcm2niix use) through ctypes and times
opj_read_header + opj_decode + opj_end_decompress of each codestream with the process CPU clock
(single-threaded by default; --threads N uses opj_codec_set_threads and the wall clock). After a
warm-up decode, each file is decoded REPEAT times; prints the median milliseconds per file:

    <median ms>\t<path>

This is the peer figure for bench/scripts/j2k-vs-openjpeg.sh without opj_decompress's per-file
output conversion and writing.

Usage: opj_decode_time.py [--repeat N] [--threads N] FILE.j2k...   (raw codestreams or .jp2)
"""
import argparse
import ctypes
import ctypes.util
import statistics
import sys
import time


def load():
    name = ctypes.util.find_library("openjp2") or "libopenjp2.so.7"
    lib = ctypes.CDLL(name)
    vp = ctypes.c_void_p
    lib.opj_stream_create_default_file_stream.restype = vp
    lib.opj_stream_create_default_file_stream.argtypes = [ctypes.c_char_p, ctypes.c_int]
    lib.opj_create_decompress.restype = vp
    lib.opj_create_decompress.argtypes = [ctypes.c_int]
    lib.opj_set_default_decoder_parameters.argtypes = [vp]
    lib.opj_setup_decoder.argtypes = [vp, vp]
    lib.opj_codec_set_threads.argtypes = [vp, ctypes.c_int]
    lib.opj_read_header.argtypes = [vp, vp, ctypes.POINTER(vp)]
    lib.opj_decode.argtypes = [vp, vp, vp]
    lib.opj_end_decompress.argtypes = [vp, vp]
    lib.opj_stream_destroy.argtypes = [vp]
    lib.opj_destroy_codec.argtypes = [vp]
    lib.opj_image_destroy.argtypes = [vp]
    return lib


def decode(lib, path, threads):
    # opj_dparameters_t is a few KB; a larger zeroed buffer holds it whatever its exact size
    params = ctypes.create_string_buffer(1 << 16)
    lib.opj_set_default_decoder_parameters(params)
    with open(path, "rb") as f:
        jp2 = f.read(12).find(b"jP") >= 0
    codec = lib.opj_create_decompress(2 if jp2 else 0)
    stream = lib.opj_stream_create_default_file_stream(path.encode(), 1)
    image = ctypes.c_void_p()
    try:
        if not lib.opj_setup_decoder(codec, params):
            raise RuntimeError("opj_setup_decoder failed: " + path)
        if threads > 1:
            lib.opj_codec_set_threads(codec, threads)
        if not lib.opj_read_header(stream, codec, ctypes.byref(image)):
            raise RuntimeError("opj_read_header failed: " + path)
        if not (lib.opj_decode(codec, stream, image) and lib.opj_end_decompress(codec, stream)):
            raise RuntimeError("opj_decode failed: " + path)
    finally:
        if image:
            lib.opj_image_destroy(image)
        lib.opj_stream_destroy(stream)
        lib.opj_destroy_codec(codec)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    lib = load()
    clock = time.process_time if a.threads <= 1 else time.perf_counter
    for path in a.files:
        decode(lib, path, a.threads)  # warm-up (page cache, allocator)
        times = []
        for _ in range(a.repeat):
            t = clock()
            decode(lib, path, a.threads)
            times.append((clock() - t) * 1000)
        print(f"{statistics.median(times):.3f}\t{path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
