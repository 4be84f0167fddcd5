// PCRE2 (Debian's libpcre2-dev), the regular-expression library Julia's `Regex` uses, for
// 8-bit code units: patterns and subjects are UTF-8 bytes, as strings are.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// The option bits Swift cannot import (PCRE2 defines them as casts of integer literals) are
// given here as constants.
static const uint32_t dist_pcre2_utf = PCRE2_UTF;
static const uint32_t dist_pcre2_ucp = PCRE2_UCP;
static const uint32_t dist_pcre2_alt_bsux = PCRE2_ALT_BSUX;
static const uint32_t dist_pcre2_match_invalid_utf = PCRE2_MATCH_INVALID_UTF;
static const uint32_t dist_pcre2_caseless = PCRE2_CASELESS;
static const uint32_t dist_pcre2_multiline = PCRE2_MULTILINE;
static const uint32_t dist_pcre2_dotall = PCRE2_DOTALL;
static const uint32_t dist_pcre2_extended = PCRE2_EXTENDED;
static const uint32_t dist_pcre2_anchored = PCRE2_ANCHORED;
static const uint32_t dist_pcre2_no_utf_check = PCRE2_NO_UTF_CHECK;
static const uint32_t dist_pcre2_notempty_atstart = PCRE2_NOTEMPTY_ATSTART;
static const uint32_t dist_pcre2_jit_complete = PCRE2_JIT_COMPLETE;
static const uint32_t dist_pcre2_info_capturecount = PCRE2_INFO_CAPTURECOUNT;
