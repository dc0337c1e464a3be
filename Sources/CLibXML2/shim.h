// Only the ICUShim C target includes this module, for libxml2's HTML entity table.
#include <libxml/HTMLparser.h>
