#ifndef SCREENER_CLIBXML2_SHIM_H
#define SCREENER_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU; its encoding.h then pulls the system ICU headers, which clash
   with the copy inside swift-corelibs-foundation (_FoundationICU). Screener never touches the ICU
   members of xmlCharEncodingHandler, so hide them from the importer. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#endif
