// Implementation of the shim: the only file that includes ICU and zlib headers.
#define _GNU_SOURCE  // memmem
#include "ICUShim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uloc.h>
#include <unicode/ulocdata.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/uldnames.h>
#include <unicode/utrans.h>
#include <unicode/uspoof.h>
#include <unicode/unum.h>
#include <unicode/unorm2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <pthread.h>
#include <zlib.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

struct MTLBreaker {
    UBreakIterator *iterator;
    UText *text;
};

static int32_t errorCode(UErrorCode status) { return (int32_t)status; }

/// Wraps a freshly opened or cloned iterator; closes it when the wrapper cannot be allocated.
static MTLBreaker *wrapIterator(UBreakIterator *iterator, UErrorCode status, int32_t *error) {
    // Warnings (negative codes) such as U_USING_DEFAULT_WARNING are fine.
    if (U_FAILURE(status) || iterator == NULL) {
        *error = errorCode(status);
        return NULL;
    }
    MTLBreaker *breaker = calloc(1, sizeof(MTLBreaker));
    if (breaker == NULL) {
        ubrk_close(iterator);
        *error = U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    breaker->iterator = iterator;
    *error = 0;
    return breaker;
}

MTLBreaker *mtl_breaker_open(int32_t kind, const char *locale, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_open(kind == MTL_BREAK_SENTENCE ? UBRK_SENTENCE : UBRK_WORD,
                                         locale, NULL, 0, &status);
    return wrapIterator(iterator, status, error);
}

MTLBreaker *mtl_breaker_clone(const MTLBreaker *breaker, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_clone(breaker->iterator, &status);
    return wrapIterator(iterator, status, error);
}

void mtl_breaker_close(MTLBreaker *breaker) {
    if (breaker == NULL) return;
    ubrk_close(breaker->iterator);
    if (breaker->text != NULL) utext_close(breaker->text);
    free(breaker);
}

bool mtl_breaker_set_text(MTLBreaker *breaker, const uint8_t *utf8, int64_t length, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    // Reuse the UText object; utext_openUTF8 reads the bytes in place (no UTF-16 copy).
    breaker->text = utext_openUTF8(breaker->text, (const char *)utf8, length, &status);
    if (U_FAILURE(status)) {
        *error = errorCode(status);
        return false;
    }
    ubrk_setUText(breaker->iterator, breaker->text, &status);
    *error = errorCode(status);
    return U_SUCCESS(status);
}

int32_t mtl_breaker_next_batch(MTLBreaker *breaker, int32_t *boundaries, int32_t *statuses, int32_t capacity) {
    int32_t count = 0;
    while (count < capacity) {
        int32_t boundary = ubrk_next(breaker->iterator);
        if (boundary == UBRK_DONE) break;
        boundaries[count] = boundary;
        statuses[count] = ubrk_getRuleStatus(breaker->iterator);
        count++;
    }
    return count;
}

int64_t mtl_breaker_count(MTLBreaker *breaker) {
    int64_t count = 0;
    while (ubrk_next(breaker->iterator) != UBRK_DONE) count++;
    return count;
}

int32_t mtl_script_of(uint32_t codePoint) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript((UChar32)codePoint, &status);
    return U_SUCCESS(status) ? (int32_t)script : USCRIPT_UNKNOWN;
}

const char *mtl_script_short_name(int32_t script) {
    const char *name = uscript_getShortName((UScriptCode)script);
    return name != NULL ? name : "Zzzz";
}

static void toUTF8Slot(const UChar *text, int32_t length, char *slot, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t written = 0;
    u_strToUTF8(slot, capacity - 1, &written, text, length, &status);
    slot[U_SUCCESS(status) ? written : 0] = '\0';
}

bool mtl_quote_delimiters(const char *locale, char *out64) {
    UErrorCode status = U_ZERO_ERROR;
    ULocaleData *data = ulocdata_open(locale, &status);
    if (U_FAILURE(status) || data == NULL) return false;
    memset(out64, 0, 64);
    const ULocaleDataDelimiterType types[4] = {
        ULOCDATA_QUOTATION_START, ULOCDATA_QUOTATION_END,
        ULOCDATA_ALT_QUOTATION_START, ULOCDATA_ALT_QUOTATION_END};
    bool ok = true;
    for (int i = 0; i < 4; i++) {
        UChar buffer[8];
        UErrorCode itemStatus = U_ZERO_ERROR;
        int32_t length = ulocdata_getDelimiter(data, types[i], buffer, 8, &itemStatus);
        if (U_FAILURE(itemStatus)) { ok = false; continue; }
        toUTF8Slot(buffer, length, out64 + 16 * i, 16);
    }
    ulocdata_close(data);
    return ok;
}

bool mtl_number_separators(const char *locale, char *out32) {
    UErrorCode status = U_ZERO_ERROR;
    UNumberFormat *format = unum_open(UNUM_DECIMAL, NULL, 0, locale, NULL, &status);
    if (U_FAILURE(status) || format == NULL) return false;
    memset(out32, 0, 32);
    const UNumberFormatSymbol symbols[2] = {UNUM_DECIMAL_SEPARATOR_SYMBOL, UNUM_GROUPING_SEPARATOR_SYMBOL};
    bool ok = true;
    for (int i = 0; i < 2; i++) {
        UChar buffer[8];
        UErrorCode itemStatus = U_ZERO_ERROR;
        int32_t length = unum_getSymbol(format, symbols[i], buffer, 8, &itemStatus);
        if (U_FAILURE(itemStatus)) { ok = false; continue; }
        toUTF8Slot(buffer, length, out32 + 16 * i, 16);
    }
    unum_close(format);
    return ok;
}

/// Numbers in one of ICU's number styles (a spell-out in `ruleSet` when given), one formatter for
/// all: each written as UTF-8 and ended by a NUL (an empty string where one fails or does not fit).
/// The total length, or -1 when the locale has no such rule set or `capacity` is too small.
static int32_t formatNumbers(UNumberFormatStyle style, const char *locale, const char *ruleSet,
                             const double *values, int32_t count, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UNumberFormat *format = unum_open(style, NULL, 0, locale, NULL, &status);
    if (U_FAILURE(status) || format == NULL) return -1;
    if (ruleSet != NULL) {
        UChar name[64];
        u_uastrncpy(name, ruleSet, 63);
        name[63] = 0;
        unum_setTextAttribute(format, UNUM_DEFAULT_RULESET, name, -1, &status);
        if (U_FAILURE(status)) { unum_close(format); return -1; }
    }
    int32_t total = 0;
    for (int32_t i = 0; i < count; i++) {
        UErrorCode itemStatus = U_ZERO_ERROR;
        UChar buffer[128];
        int32_t length = unum_formatDouble(format, values[i], buffer, 128, NULL, &itemStatus);
        int32_t written = 0;
        if (U_SUCCESS(itemStatus) && length > 0 && length < 128 && total < capacity) {
            u_strToUTF8(out + total, capacity - total - 1, &written, buffer, length, &itemStatus);
            if (U_FAILURE(itemStatus) || written >= capacity - total - 1) written = 0;
        }
        if (total + written + 1 > capacity) { unum_close(format); return -1; }
        total += written;
        out[total++] = 0;
    }
    unum_close(format);
    return total;
}

int32_t mtl_spell_out_many(const char *locale, const char *ruleSet, const double *values, int32_t count,
                           char *out, int32_t capacity) {
    return formatNumbers(UNUM_SPELLOUT, locale, ruleSet, values, count, out, capacity);
}

int32_t mtl_compact_number(const char *locale, double value, char *out, int32_t capacity) {
    int32_t length = formatNumbers(UNUM_DECIMAL_COMPACT_SHORT, locale, NULL, &value, 1, out, capacity);
    return length > 1 ? length - 1 : -1;
}

struct MTLCharSet { USet *set; };

MTLCharSet *mtl_exemplar_set(const char *locale, int32_t type) {
    UErrorCode status = U_ZERO_ERROR;
    ULocaleData *data = ulocdata_open(locale, &status);
    if (U_FAILURE(status) || data == NULL) return NULL;
    USet *set = ulocdata_getExemplarSet(data, NULL, USET_CASE_INSENSITIVE, (ULocaleDataExemplarSetType)type, &status);
    ulocdata_close(data);
    if (U_FAILURE(status) || set == NULL) return NULL;
    uset_freeze(set);
    MTLCharSet *result = malloc(sizeof(MTLCharSet));
    if (result == NULL) { uset_close(set); return NULL; }
    result->set = set;
    return result;
}

bool mtl_charset_contains(const MTLCharSet *set, uint32_t codePoint) {
    return uset_contains(set->set, (UChar32)codePoint);
}

void mtl_charset_close(MTLCharSet *set) {
    if (set == NULL) return;
    uset_close(set->set);
    free(set);
}

static int32_t displayNameUTF8(int32_t (*get)(const char *, const char *, UChar *, int32_t, UErrorCode *),
                               const char *locale, const char *displayLocale, char *out, int32_t capacity) {
    UChar buffer[256];
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = get(locale, displayLocale, buffer, 256, &status);
    if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING) return -1;
    int32_t written = 0;
    u_strToUTF8(out, capacity, &written, buffer, length, &status);
    return U_SUCCESS(status) && written < capacity ? written : -1;
}

int32_t mtl_territory_name(const char *territory, const char *displayLocale, char *out, int32_t capacity) {
    char locale[32];
    snprintf(locale, sizeof locale, "und_%s", territory);
    return displayNameUTF8(uloc_getDisplayCountry, locale, displayLocale, out, capacity);
}

int32_t mtl_language_name(const char *language, const char *displayLocale, char *out, int32_t capacity) {
    return displayNameUTF8(uloc_getDisplayLanguage, language, displayLocale, out, capacity);
}

struct MTLDisplayNames { ULocaleDisplayNames *names; };

MTLDisplayNames *mtl_display_names_open(const char *displayLocale, bool shortForm) {
    UErrorCode status = U_ZERO_ERROR;
    UDisplayContext contexts[1] = {shortForm ? UDISPCTX_LENGTH_SHORT : UDISPCTX_LENGTH_FULL};
    ULocaleDisplayNames *names = uldn_openForContext(displayLocale, contexts, 1, &status);
    if (U_FAILURE(status) || names == NULL) return NULL;
    MTLDisplayNames *result = malloc(sizeof(MTLDisplayNames));
    if (result == NULL) { uldn_close(names); return NULL; }
    result->names = names;
    return result;
}

int32_t mtl_display_names_region(const MTLDisplayNames *names, const char *territory, char *out, int32_t capacity) {
    UChar buffer[256];
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = uldn_regionDisplayName(names->names, territory, buffer, 256, &status);
    if (U_FAILURE(status) || length <= 0) return -1;
    int32_t written = 0;
    u_strToUTF8(out, capacity, &written, buffer, length, &status);
    return U_SUCCESS(status) && written < capacity ? written : -1;
}

void mtl_display_names_close(MTLDisplayNames *names) {
    if (names == NULL) return;
    uldn_close(names->names);
    free(names);
}

const char *const *mtl_territory_codes(void) { return uloc_getISOCountries(); }

int32_t mtl_fold_case(const uint8_t *utf8, int32_t length, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t utf16Length = 0;
    u_strFromUTF8(NULL, 0, &utf16Length, (const char *)utf8, length, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return -1;
    status = U_ZERO_ERROR;
    UChar *source = malloc(sizeof(UChar) * (size_t)(utf16Length + 1));
    UChar *folded = malloc(sizeof(UChar) * (size_t)(utf16Length * 3 + 1));
    int32_t result = -1;
    if (source != NULL && folded != NULL) {
        u_strFromUTF8(source, utf16Length + 1, NULL, (const char *)utf8, length, &status);
        int32_t foldedLength = u_strFoldCase(folded, utf16Length * 3 + 1, source, utf16Length, U_FOLD_CASE_DEFAULT, &status);
        if (U_SUCCESS(status)) {
            int32_t written = 0;
            u_strToUTF8(out, capacity, &written, folded, foldedLength, &status);
            if (U_SUCCESS(status) || status == U_BUFFER_OVERFLOW_ERROR) result = written;
        }
    }
    free(source);
    free(folded);
    return result;
}

struct MTLGzip { gzFile file; };

MTLGzip *mtl_gzip_open(const char *path) {
    gzFile file = gzopen(path, "rb");
    if (file == NULL) return NULL;
    MTLGzip *result = malloc(sizeof(MTLGzip));
    if (result == NULL) { gzclose(file); return NULL; }
    result->file = file;
    return result;
}

int32_t mtl_gzip_read(MTLGzip *file, uint8_t *out, int32_t capacity) {
    return gzread(file->file, out, (unsigned)capacity);
}

void mtl_gzip_close(MTLGzip *file) {
    if (file == NULL) return;
    gzclose(file->file);
    free(file);
}

int64_t mtl_find_any(const uint8_t *haystack, int64_t length, const uint8_t *bytes, int32_t byteCount) {
    if (haystack == NULL || length <= 0 || byteCount <= 0) return -1;
    if (byteCount == 1) {
        const uint8_t *hit = memchr(haystack, bytes[0], (size_t)length);
        return hit == NULL ? -1 : (int64_t)(hit - haystack);
    }
    /* Rules call this every few dozen bytes (each full stop), so there is no
       per-call table: up to eight bytes are compared directly, sixteen bytes at a
       time with SSE2 (every x86-64 processor has it), else eight at a time (a word
       holds a wanted byte when its XOR with that byte repeated has a zero byte). */
    if (byteCount <= 8) {
        int64_t i = 0;
#if defined(__SSE2__)
        __m128i patterns[8];
        for (int32_t k = 0; k < byteCount; k++) patterns[k] = _mm_set1_epi8((char)bytes[k]);
        for (; i + 16 <= length; i += 16) {
            __m128i block = _mm_loadu_si128((const __m128i *)(haystack + i));
            __m128i hit = _mm_cmpeq_epi8(block, patterns[0]);
            for (int32_t k = 1; k < byteCount; k++) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(block, patterns[k]));
            int mask = _mm_movemask_epi8(hit);
            if (mask != 0) return i + __builtin_ctz((unsigned)mask);
        }
#else
        uint64_t patterns[8];
        for (int32_t k = 0; k < byteCount; k++) patterns[k] = 0x0101010101010101ULL * bytes[k];
        for (; i + 8 <= length; i += 8) {
            uint64_t word;
            memcpy(&word, haystack + i, 8);
            uint64_t hit = 0;
            for (int32_t k = 0; k < byteCount; k++) {
                uint64_t x = word ^ patterns[k];
                hit |= (x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL;
            }
            if (hit) break;
        }
#endif
        for (; i < length; i++) {
            for (int32_t k = 0; k < byteCount; k++) if (haystack[i] == bytes[k]) return i;
        }
        return -1;
    }
    bool wanted[256] = {false};
    for (int32_t k = 0; k < byteCount; k++) wanted[bytes[k]] = true;
    for (int64_t i = 0; i < length; i++) {
        if (wanted[haystack[i]]) return i;
    }
    return -1;
}

#if defined(__SSE2__)
/* The bytes of `text` that `wanted` marks (0xFF lanes), sixteen at a time: each lane counts up to
   255 blocks, then the lanes are summed. `wanted` is a macro argument, inlined. */
#define MTL_COUNT_BLOCKS(text, length, i, counted, wanted) \
    while ((length) - (i) >= 16) { \
        __m128i lanes = _mm_setzero_si128(); \
        int64_t blocks = 0; \
        for (; blocks < 255 && (length) - (i) >= 16; blocks++, (i) += 16) { \
            __m128i block = _mm_loadu_si128((const __m128i *)((text) + (i))); \
            lanes = _mm_sub_epi8(lanes, (wanted)); \
        } \
        __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128()); \
        (counted) += (int64_t)_mm_cvtsi128_si32(sums) + (int64_t)_mm_extract_epi16(sums, 4); \
    }
/* Bytes from `low` to `low` + `span`, unsigned. */
static inline __m128i mtl_in_range(__m128i block, uint8_t low, uint8_t span) {
    __m128i offset = _mm_sub_epi8(block, _mm_set1_epi8((char)low));
    return _mm_cmpeq_epi8(_mm_min_epu8(offset, _mm_set1_epi8((char)span)), offset);
}
#endif

int64_t mtl_count_non_space(const uint8_t *text, int64_t length) {
    /* Bytes that start a character other than ASCII white space: neither a UTF-8
       continuation byte nor a space, tab, line feed or carriage return. */
    int64_t i = 0, skipped = 0;
    if (text == NULL || length <= 0) return 0;
#if defined(__SSE2__)
    MTL_COUNT_BLOCKS(text, length, i, skipped,
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8(0x20)), mtl_in_range(block, 0x09, 1)),
                     _mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8(0x0D)), mtl_in_range(block, 0x80, 0x3F))))
#endif
    for (int64_t k = i; k < length; k++) {
        uint8_t byte = text[k];
        if ((byte & 0xC0) == 0x80 || byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09) skipped++;
    }
    return length - skipped;
}

int64_t mtl_count_letters(const uint8_t *text, int64_t length) {
    /* ASCII letters and digits, and the lead bytes of characters beyond ASCII (0xC0 and above). */
    int64_t i = 0, counted = 0;
    if (text == NULL || length <= 0) return 0;
#if defined(__SSE2__)
    MTL_COUNT_BLOCKS(text, length, i, counted,
        _mm_or_si128(_mm_or_si128(mtl_in_range(block, 0x30, 9), mtl_in_range(_mm_or_si128(block, _mm_set1_epi8(0x20)), 0x61, 25)),
                     mtl_in_range(block, 0xC0, 0x3F)))
#endif
    for (; i < length; i++) {
        uint8_t byte = text[i], lower = byte | 0x20;
        if ((byte >= 0x30 && byte <= 0x39) || (lower >= 0x61 && lower <= 0x7A) || byte >= 0xC0) counted++;
    }
    return counted;
}

static bool mtl_is_full_width_digit(const uint8_t *text, int64_t length, int64_t lead) {
    return lead >= 0 && lead + 2 < length && text[lead] == 0xEF && text[lead + 1] == 0xBC && text[lead + 2] >= 0x90 && text[lead + 2] <= 0x99;
}

int64_t mtl_digit_span(const uint8_t *text, int64_t length, int64_t *end) {
    /* Forward to the first ASCII digit or EF (a full-width digit's first byte), backward to the
       last ASCII digit or 90–99 (a full-width digit's last byte), sixteen bytes at a time; an EF
       or a 90–99 byte that is not part of a full-width digit is passed. */
    int64_t first = -1, i = 0;
    if (end != NULL) *end = -1;
    if (text == NULL || length <= 0) return -1;
#if defined(__SSE2__)
    const __m128i digitZero = _mm_set1_epi8(0x30), nine = _mm_set1_epi8(9), lead = _mm_set1_epi8((char)0xEF), lastByteZero = _mm_set1_epi8((char)0x90);
#define MTL_IN_RANGE(block, low) ({ __m128i offset = _mm_sub_epi8(block, low); _mm_cmpeq_epi8(_mm_min_epu8(offset, nine), offset); })
    for (; first < 0 && i + 16 <= length; i += 16) {
        __m128i block = _mm_loadu_si128((const __m128i *)(text + i));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_or_si128(MTL_IN_RANGE(block, digitZero), _mm_cmpeq_epi8(block, lead)));
        while (mask != 0) {
            int64_t at = i + __builtin_ctz(mask);
            if (text[at] != 0xEF || mtl_is_full_width_digit(text, length, at)) { first = at; break; }
            mask &= mask - 1;
        }
    }
#endif
    for (; first < 0 && i < length; i++) {
        if ((text[i] >= 0x30 && text[i] <= 0x39) || mtl_is_full_width_digit(text, length, i)) first = i;
    }
    if (first < 0 || end == NULL) return first;
    int64_t j = length;
#if defined(__SSE2__)
    for (; *end < 0 && j - 16 >= first; j -= 16) {
        __m128i block = _mm_loadu_si128((const __m128i *)(text + j - 16));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_or_si128(MTL_IN_RANGE(block, digitZero), MTL_IN_RANGE(block, lastByteZero)));
        while (mask != 0) {
            int highest = 31 - __builtin_clz(mask);
            int64_t at = j - 16 + highest;
            if (text[at] <= 0x39 || mtl_is_full_width_digit(text, length, at - 2)) { *end = at + 1; break; }
            mask &= ~(1u << highest);
        }
    }
#undef MTL_IN_RANGE
#endif
    for (; *end < 0 && j > first; j--) {
        int64_t at = j - 1;
        if ((text[at] >= 0x30 && text[at] <= 0x39) || mtl_is_full_width_digit(text, length, at - 2)) *end = at + 1;
    }
    return first;
}

int64_t mtl_find(const uint8_t *haystack, int64_t length, const uint8_t *needle, int64_t needleLength) {
    if (haystack == NULL || needle == NULL || length <= 0 || needleLength <= 0 || needleLength > length) return -1;
    /* memchr for the first byte, then compare: the needles here are short and
       their first byte rare ("<!--"), which beats memmem's set-up on every call. */
    const uint8_t *at = haystack, *end = haystack + length - needleLength + 1;
    while (at < end) {
        const uint8_t *hit = memchr(at, needle[0], (size_t)(end - at));
        if (hit == NULL) return -1;
        if (memcmp(hit, needle, (size_t)needleLength) == 0) return (int64_t)(hit - haystack);
        at = hit + 1;
    }
    return -1;
}

static UTransliterator *nameFolder = NULL;
static pthread_mutex_t nameFolderLock = PTHREAD_MUTEX_INITIALIZER;

int32_t mtl_fold_name(const uint8_t *utf8, int32_t length, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    enum { MAX = 512 };
    UChar text[MAX * 4];
    int32_t textLength = 0;
    if (length > MAX) return -1;
    u_strFromUTF8(text, MAX * 2, &textLength, (const char *)utf8, length, &status);
    if (U_FAILURE(status)) return -1;
    pthread_mutex_lock(&nameFolderLock);
    if (nameFolder == NULL) {
        UChar id[64];
        u_uastrcpy(id, "Any-Latin; Latin-ASCII; Any-Lower");
        nameFolder = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
    }
    int32_t limit = textLength;
    if (nameFolder != NULL && U_SUCCESS(status)) {
        utrans_transUChars(nameFolder, text, &textLength, MAX * 4, 0, &limit, &status);
    }
    pthread_mutex_unlock(&nameFolderLock);
    if (U_FAILURE(status) || nameFolder == NULL) return -1;
    int32_t written = 0;
    u_strToUTF8(out, capacity, &written, text, textLength, &status);
    return U_SUCCESS(status) ? written : -1;
}

bool mtl_may_break_sentence_inside(const uint8_t *text, int64_t length) {
    /* Unicode's sentence rules (UAX #29, ICU's root rules) break only after a separator, or after
       a full stop or other terminator (ATerm, STerm), the closing marks after it and then the
       spaces (SB9–SB11); another terminator after them continues the sentence (SB8a). Without a
       separator, and with nothing after the first terminator but that pattern, the only break is
       the end of the text. True when a break inside is possible. */
    enum { beforeTerminator, closing, spacing } phase = beforeTerminator;
    int64_t i = 0;
    if (text == NULL) return false;
    while (i < length) {
        UChar32 c;
        U8_NEXT(text, i, length, c);
        if (c < 0) return true;
        switch (u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK)) {
        case U_SB_SEP: case U_SB_CR: case U_SB_LF: return true;
        case U_SB_ATERM: case U_SB_STERM: phase = closing; break;
        case U_SB_CLOSE: if (phase == spacing) return true; break;
        case U_SB_SP: if (phase != beforeTerminator) phase = spacing; break;
        default: if (phase != beforeTerminator) return true;
        }
    }
    return false;
}

uint32_t mtl_canonical_base(uint32_t codePoint) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
    UChar decomposition[8];
    if (U_FAILURE(status)) return codePoint;
    int32_t length = unorm2_getDecomposition(nfd, (UChar32)codePoint, decomposition, 8, &status);
    if (U_FAILURE(status) || length <= 0) return codePoint;
    UChar32 base;
    U16_GET(decomposition, 0, 0, length, base);
    return (uint32_t)base;
}

static USpoofChecker *spoofChecker = NULL;
static pthread_once_t spoofCheckerOnce = PTHREAD_ONCE_INIT;

static void openSpoofChecker(void) {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker *checker = uspoof_open(&status);
    if (U_SUCCESS(status)) spoofChecker = checker;
}

int32_t mtl_confusable_skeleton(uint32_t codePoint, char *out, int32_t capacity) {
    pthread_once(&spoofCheckerOnce, openSpoofChecker);
    if (spoofChecker == NULL || capacity <= 0) return -1;
    UChar text[2];
    int32_t length = 0;
    UBool error = false;
    U16_APPEND((UChar *)text, length, 2, (UChar32)codePoint, error);
    if (error) return -1;
    UErrorCode status = U_ZERO_ERROR;
    UChar skeleton[16];
    int32_t skeletonLength = uspoof_getSkeleton(spoofChecker, 0, text, length, skeleton, 16, &status);
    if (U_FAILURE(status)) return -1;
    int32_t written = 0;
    u_strToUTF8(out, capacity - 1, &written, skeleton, skeletonLength, &status);
    if (U_FAILURE(status)) return -1;
    out[written] = '\0';
    return written;
}
