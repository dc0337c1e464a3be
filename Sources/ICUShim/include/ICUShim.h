// A small C API over the system ICU (and zlib, libxml2) for Swift.
// This header must not include any ICU (or zlib, libxml2) header: Foundation carries its own ICU
// with the same C type names, and a Swift module that sees both fails to build
// (DESIGN §3). Only <stdint.h>, <stdbool.h> and opaque structs appear here.
#ifndef MTLINT_ICU_SHIM_H
#define MTLINT_ICU_SHIM_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

// ---- Break iteration over UTF-8 text (offsets are UTF-8 byte offsets) ----

typedef struct MTLBreaker MTLBreaker;

enum { MTL_BREAK_WORD = 0, MTL_BREAK_SENTENCE = 1 };

/// Opens a break iterator prototype for a locale ("en", "fr@ss=standard").
/// Returns NULL on failure and stores a positive ICU error code in *error.
MTLBreaker *mtl_breaker_open(int32_t kind, const char *locale, int32_t *error);
/// A cheap copy for another thread (an iterator is not thread-safe).
MTLBreaker *mtl_breaker_clone(const MTLBreaker *breaker, int32_t *error);
void mtl_breaker_close(MTLBreaker *breaker);

/// Points the iterator at UTF-8 text. The bytes must outlive the iteration.
bool mtl_breaker_set_text(MTLBreaker *breaker, const uint8_t *utf8, int64_t length, int32_t *error);

/// Fills up to `capacity` boundaries after the current position, with the
/// rule status of the segment that ends at each boundary. Returns how many
/// were written; 0 at the end of the text. The first boundary (0) is skipped.
int32_t mtl_breaker_next_batch(MTLBreaker *breaker, int32_t *boundaries, int32_t *statuses, int32_t capacity);

/// Iterates to the end without reading rule statuses and returns the number of
/// boundaries: the plain ICU pass that speed is measured against.
int64_t mtl_breaker_count(MTLBreaker *breaker);

// ---- Scripts ----

/// ICU UScriptCode of a code point (0 Common, 1 Inherited, 25 Latin, ...).
int32_t mtl_script_of(uint32_t codePoint);
/// The confusable skeleton (UTS #39, ICU's spoof checker) of one code point, as
/// NUL-terminated UTF-8 in `out`: "a" for Cyrillic U+0430. Returns its byte length, or -1.
int32_t mtl_confusable_skeleton(uint32_t codePoint, char *out, int32_t capacity);
/// Short (ISO 15924) name of a script code, e.g. "Latn"; "Zzzz" when unknown.
const char *mtl_script_short_name(int32_t script);

// ---- Locale data (CLDR through ICU) ----

/// Quotation delimiters of a locale as UTF-8: open, close, alternate open,
/// alternate close, each written NUL-terminated into a 16-byte slot of `out`
/// (64 bytes in all). Returns false when ICU has no data.
bool mtl_quote_delimiters(const char *locale, char *out64);

/// A locale's decimal and grouping separators as UTF-8, each NUL-terminated in
/// a 16-byte slot of `out32`. Returns false when ICU has no data.
bool mtl_number_separators(const char *locale, char *out32);

/// Numbers spelled out in a locale's words ("twenty-one", "二十一") through ICU's rule-based
/// spell-out, in `ruleSet` ("%spellout-cardinal-feminine") or the default one when NULL, one
/// formatter for all: each as UTF-8 ended by a NUL, empty where it fails. Returns the total
/// length, or -1 when the locale has no such rule set or `capacity` is too small.
int32_t mtl_spell_out_many(const char *locale, const char *ruleSet, const double *values, int32_t count,
                           char *out, int32_t capacity);

/// A number in a locale's short compact form ("1 млн", "1 Mio.", "1B"), as UTF-8.
/// Returns the byte length, or -1.
int32_t mtl_compact_number(const char *locale, double value, char *out, int32_t capacity);

typedef struct MTLCharSet MTLCharSet;
/// The exemplar set of a locale (0 standard, 1 auxiliary, 2 index, 3 punctuation).
MTLCharSet *mtl_exemplar_set(const char *locale, int32_t type);
bool mtl_charset_contains(const MTLCharSet *set, uint32_t codePoint);
void mtl_charset_close(MTLCharSet *set);

/// Display name of a territory ("KP") in a display locale ("fr"), as UTF-8.
/// Returns the byte length, or -1 on failure.
int32_t mtl_territory_name(const char *territory, const char *displayLocale, char *out, int32_t capacity);
/// Display name of a language ("de") in a display locale, as UTF-8.
int32_t mtl_language_name(const char *language, const char *displayLocale, char *out, int32_t capacity);
typedef struct MTLDisplayNames MTLDisplayNames;
/// Region names in a display locale; `shortForm` asks for CLDR's short forms
/// ("Hong Kong" rather than "Hong Kong SAR China").
MTLDisplayNames *mtl_display_names_open(const char *displayLocale, bool shortForm);
/// A territory's name as UTF-8; the byte length, or -1.
int32_t mtl_display_names_region(const MTLDisplayNames *names, const char *territory, char *out, int32_t capacity);
void mtl_display_names_close(MTLDisplayNames *names);

/// ISO 3166 two-letter territory codes known to ICU; NULL-terminated list.
const char *const *mtl_territory_codes(void);

// ---- Case mapping (full Unicode, locale-independent) ----

/// Lower-cases UTF-8 text (ICU full case folding). Returns the byte length
/// written, or the length needed when `capacity` is too small; -1 on error.
int32_t mtl_fold_case(const uint8_t *utf8, int32_t length, char *out, int32_t capacity);

// ---- Transliteration ----

/// Folds a name for comparison across spellings and scripts: ICU's
/// "Any-Latin; Latin-ASCII; Any-Lower" (金正恩 → jin zheng en, Zelenský → zelensky).
/// Returns the UTF-8 length written, or -1. Thread-safe (one transliterator behind a lock).
int32_t mtl_fold_name(const uint8_t *utf8, int32_t length, char *out, int32_t capacity);
/// The first code point of a code point's canonical decomposition (NFD): its base
/// letter ("é" → "e", "й" → "и"); the code point itself when it has none.
uint32_t mtl_canonical_base(uint32_t codePoint);

// ---- Byte search (glibc's vectorised memmem) ----

/// The offset of the first occurrence of `needle` in `haystack`, or -1.
int64_t mtl_find(const uint8_t *haystack, int64_t length, const uint8_t *needle, int64_t needleLength);
/// The bytes of `text` that start a character other than ASCII white space (space, tab, line feed,
/// carriage return): its characters, white space aside, sixteen bytes at a time.
int64_t mtl_count_non_space(const uint8_t *text, int64_t length);
/// The ASCII letters and digits of `text` and its characters beyond ASCII (their lead bytes),
/// sixteen bytes at a time.
int64_t mtl_count_letters(const uint8_t *text, int64_t length);
/// Whether Unicode's sentence rules (ICU's root rules) may break `text` (UTF-8) anywhere but at its
/// end: false when it has no separator and nothing but closing marks, spaces and terminators after
/// its first terminator ("Il est parti.", "他走了。”").
bool mtl_may_break_sentence_inside(const uint8_t *text, int64_t length);
/// The offset of the first digit of `text` (ASCII, or full-width: EF BC 90–99), or -1 without
/// one; `end`, unless NULL, is set to the end of the last digit.
int64_t mtl_digit_span(const uint8_t *text, int64_t length, int64_t *end);
/// The offset of the first byte of `haystack` that is one of `bytes`, or -1.
int64_t mtl_find_any(const uint8_t *haystack, int64_t length, const uint8_t *bytes, int32_t byteCount);

// ---- gzip ----

typedef struct MTLGzip MTLGzip;
MTLGzip *mtl_gzip_open(const char *path);
/// Reads up to `capacity` decompressed bytes; 0 at the end, -1 on error.
int32_t mtl_gzip_read(MTLGzip *file, uint8_t *out, int32_t capacity);
void mtl_gzip_close(MTLGzip *file);

// ---- HTML named character references (libxml2's HTML 4 entity table) ----

/// The code point of the named reference `name` (without "&" and ";", `length`
/// bytes, case-sensitive: "eacute", "rsquo"), or -1 when libxml2 does not know it.
int32_t mtl_html_entity(const char *name, int32_t length);

#ifdef __cplusplus
}
#endif

#endif
