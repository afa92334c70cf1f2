#ifndef SCREENER_CTESSERACT_SHIM_H
#define SCREENER_CTESSERACT_SHIM_H
// Tesseract's C API (Debian libtesseract-dev). Page images come from poppler + cairo (CPoppler)
// as 8-bit grey buffers, so no Leptonica type is needed here.
#include <tesseract/capi.h>
#endif
