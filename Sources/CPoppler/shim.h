#ifndef SCREENER_CPOPPLER_SHIM_H
#define SCREENER_CPOPPLER_SHIM_H
#include <poppler.h>
#endif
