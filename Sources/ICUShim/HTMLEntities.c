// HTML named character references, looked up in libxml2's entity table so that
// mtlint carries no copy of it. The only file that includes a libxml2 header.

#include "ICUShim.h"

#include <string.h>
#include <libxml/HTMLparser.h>

int32_t mtl_html_entity(const char *name, int32_t length) {
    // The longest HTML 4 name is 8 bytes ("thetasym"); longer ones are not in the table.
    char buffer[16];
    if (name == NULL || length <= 0 || length >= (int32_t)sizeof buffer) return -1;
    memcpy(buffer, name, (size_t)length);
    buffer[length] = '\0';
    // A NUL inside the name would look up a shorter name.
    if ((int32_t)strlen(buffer) != length) return -1;
    const htmlEntityDesc *entity = htmlEntityLookup((const xmlChar *)buffer);
    return entity == NULL ? -1 : (int32_t)entity->value;
}
