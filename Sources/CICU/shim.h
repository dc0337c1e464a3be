// Only the ICUShim C target includes this module; Swift code never imports ICU (DESIGN §3).
#include <unicode/utypes.h>
