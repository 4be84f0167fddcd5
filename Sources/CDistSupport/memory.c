// Asking the system for memory without keeping it (see MemoryCheck.swift).
#include "CDistSupport.h"
#include <stdlib.h>

int dist_can_allocate(size_t bytes) {
    // the volatile store keeps the optimiser from folding malloc/free away (and the answer
    // with it: an elided malloc "succeeds" for any size)
    void *volatile p = malloc(bytes);
    if (!p) return 0;
    free(p);
    return 1;
}
