#ifndef DTCHECK_CLIBXML2_SHIM_H
#define DTCHECK_CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlerror.h>
#include <libxml/parserInternals.h>
#include <libxml/entities.h>
/* zlib (which libxml2 links): raw inflate for the ZIP deflate check (DTXML/RawInflate.swift). */
#include <zlib.h>
#endif
