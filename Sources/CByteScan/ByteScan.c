/* The functions of ByteScan.h are static inline (Swift inlines them from the header);
   SwiftPM wants a C target to have a source file. */
#include "ByteScan.h"
