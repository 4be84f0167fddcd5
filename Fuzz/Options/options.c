// AddressSanitizer's options, built into the fuzz targets so that a reproducer run by hand
// behaves as under Scripts/fuzz. In C: AddressSanitizer asks for them before its shadow
// memory exists, and instrumented Swift code cannot run yet.
//
// - An allocation over 2 GB fails (malloc returns NULL) instead of ending the process, so the
//   interpreter's memory probe (requireMemory) raises OutOfMemoryError as it does on a host
//   without that much memory; Scripts/fuzz's -rss_limit_mb sits above it.
// - No leak report: the Swift runtime's metadata caches, the interned symbols and the
//   immortal built-ins live as long as the process.
#include "CFuzzOptions.h"

const char *__asan_default_options(void) {
    return "allocator_may_return_null=1:max_allocation_size_mb=2048:detect_leaks=0:handle_abort=1";
}
