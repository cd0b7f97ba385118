#ifndef DTCHECK_CINFLATE_SHIM_H
#define DTCHECK_CINFLATE_SHIM_H
// zlib's raw inflate, to check a ZIP entry's deflate stream before ZIPFoundation
// extracts it (see DTIngest/ZipInflateCheck.swift).
#include <zlib.h>
#endif
