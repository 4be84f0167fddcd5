// Asking the system for memory without keeping it (see MemoryCheck.swift).
#include "CDistSupport.h"
#include <stdlib.h>
#include <sys/sysinfo.h>

int dist_fits_in_memory(size_t bytes) {
    // No single block larger than the host's memory and swap together, as Linux's default
    // overcommit heuristic refuses one to glibc's malloc. mimalloc, the shell's allocator,
    // maps without reserving and would hand out 8 TB for zeros(10^12), to fail only when
    // the pages are touched; Julia (glibc) raises OutOfMemoryError at once.
    struct sysinfo info;
    if (sysinfo(&info) != 0) return 1;
    unsigned long long total = ((unsigned long long)info.totalram + info.totalswap) * info.mem_unit;
    return (unsigned long long)bytes <= total;
}

int dist_can_allocate(size_t bytes) {
    if (!dist_fits_in_memory(bytes)) return 0;
    // the volatile store keeps the optimiser from folding malloc/free away (and the answer
    // with it: an elided malloc "succeeds" for any size)
    void *volatile p = malloc(bytes);
    if (!p) return 0;
    free(p);
    return 1;
}
