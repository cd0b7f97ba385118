#ifndef DTCHECK_BYTESCAN_H
#define DTCHECK_BYTESCAN_H
/*
 * Sixteen bytes at a time with SSE2 (every x86-64 has it), for the byte loops that
 * read whole documents. Swift's SIMD types were compiled byte by byte here (20 times
 * slower than eight-byte words); eight-byte word tricks either flag bytes above the
 * first one inexactly or cost twice the operations. Each function answers bit masks,
 * bit k for byte k, exact for every byte. Without SSE2 (another architecture) the same
 * answers come from a plain loop.
 */
#include <stddef.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if defined(__SSE2__)
/* The bytes of v XML text reading must look at (all ones each): below 0x20 but for
   tab and line feed (lf: v's line feeds), '&', '<', '>', or not ASCII. */
static inline __m128i dt_xml_text_stop_bytes(__m128i v, __m128i lf) {
    /* A signed compare: every byte from 0x80 is negative, so below 0x20 as well. */
    __m128i below = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
    __m128i tab = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x09));
    __m128i amp = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x26));
    /* '<' (0x3C) and '>' (0x3E) differ in one bit: one compare finds both. */
    __m128i angle = _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(0x02)), _mm_set1_epi8(0x3E));
    return _mm_or_si128(_mm_andnot_si128(_mm_or_si128(lf, tab), below), _mm_or_si128(amp, angle));
}
#endif

/* The bytes of p[0..<16] that are not ASCII (0x80 and above). */
static inline uint32_t dt_high_bytes16(const uint8_t *p) {
#if defined(__SSE2__)
    return (uint32_t)_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)p));
#else
    uint32_t high = 0;
    for (int k = 0; k < 16; k++) if (p[k] >= 0x80) high |= 1u << k;
    return high;
#endif
}

/* From p on (n bytes): the offset of the first byte XML text reading must look at
   (as dt_xml_text_stop_bytes marks them), or of the last n % 16 bytes when none is met
   before them; adds the line feeds before that offset to *lines. The line feeds are
   counted in a vector of byte counters, summed every 255 blocks and at the end, not
   block by block (x86-64's baseline has no popcount instruction). */
static inline size_t dt_xml_text_run(const uint8_t *p, size_t n, size_t *lines) {
    size_t i = 0;
    size_t count = 0;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    __m128i counters = zero;
    int blocks = 0;
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i lf = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x0A));
        __m128i stops = dt_xml_text_stop_bytes(v, lf);
        unsigned mask = (unsigned)_mm_movemask_epi8(stops);
        if (mask != 0) {
            unsigned k = (unsigned)__builtin_ctz(mask);
            count += (size_t)__builtin_popcount((unsigned)_mm_movemask_epi8(lf) & ((1u << k) - 1u));
            i += k;
            break;
        }
        /* A match is all ones (-1): subtracting it adds one to the byte's counter. */
        counters = _mm_sub_epi8(counters, lf);
        if (++blocks == 255) {
            __m128i sums = _mm_sad_epu8(counters, zero);
            count += (size_t)_mm_cvtsi128_si64(sums) + (size_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums));
            counters = zero;
            blocks = 0;
        }
        i += 16;
    }
    __m128i sums = _mm_sad_epu8(counters, zero);
    count += (size_t)_mm_cvtsi128_si64(sums) + (size_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums));
#else
    for (; i + 16 <= n; i += 16) {
        for (int k = 0; k < 16; k++) {
            uint8_t b = p[i + k];
            if ((b < 0x20 && b != 0x0A && b != 0x09) || b >= 0x80 || b == 0x26 || b == 0x3C || b == 0x3E) {
                *lines += count;
                return i + (size_t)k;
            }
            if (b == 0x0A) count++;
        }
    }
#endif
    *lines += count;
    return i;
}

/* The bytes of p[0..<16] that cannot be in an XML name as the plain scanner reads
   names: anything but ASCII letters, digits, '_', '.' and '-'. */
static inline uint32_t dt_xml_name_ends16(const uint8_t *p) {
#if defined(__SSE2__)
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    /* Signed compares: bytes from 0x80 are negative, below every bound here. */
    __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
    __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8(0x60)), _mm_cmplt_epi8(lower, _mm_set1_epi8(0x7B)));
    __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x2F)), _mm_cmplt_epi8(v, _mm_set1_epi8(0x3A)));
    __m128i marks = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x5F)),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x2E)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x2D))));
    return ~(uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), marks)) & 0xFFFFu;
#else
    uint32_t ends = 0;
    for (int k = 0; k < 16; k++) {
        uint8_t b = p[k], l = b | 0x20;
        int name = (l >= 0x61 && l <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2E || b == 0x2D;
        if (!name) ends |= 1u << k;
    }
    return ends;
#endif
}

/* The bytes of p[0..<16] an attribute value's reading must look at: the closing
   quote, '<', '&', a byte below 0x20, or not ASCII. */
static inline uint32_t dt_xml_value_stops16(const uint8_t *p, uint8_t quote) {
#if defined(__SSE2__)
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    __m128i below = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)); /* and every byte from 0x80 */
    __m128i stops = _mm_or_si128(_mm_or_si128(below, _mm_cmpeq_epi8(v, _mm_set1_epi8((char)quote))),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x26)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x3C))));
    return (uint32_t)_mm_movemask_epi8(stops);
#else
    uint32_t stops = 0;
    for (int k = 0; k < 16; k++) {
        uint8_t b = p[k];
        if (b < 0x20 || b >= 0x80 || b == quote || b == 0x26 || b == 0x3C) stops |= 1u << k;
    }
    return stops;
#endif
}

#endif
