#ifndef DTCHECK_CLIBXML2_SHIM_H
#define DTCHECK_CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlerror.h>
#include <libxml/parserInternals.h>
#include <libxml/entities.h>
#endif
