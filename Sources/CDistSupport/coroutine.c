// Coroutines on ucontext: each task of the interpreter runs on its own mmap'd stack and gives
// control back to the scheduler only when it blocks (Julia's cooperative task model).
#define _GNU_SOURCE
#include "CDistSupport.h"
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

struct dist_coro {
    ucontext_t ctx;
    void *stack;        // mapping base (guard page first), NULL for a thread context
    size_t stack_size;  // mapping size
    void (*entry)(void *);
    void *arg;
};

static size_t page_size(void) {
    long p = sysconf(_SC_PAGESIZE);
    return p > 0 ? (size_t)p : 4096;
}

dist_coro *dist_coro_current_thread(void) {
    dist_coro *c = calloc(1, sizeof(dist_coro));
    return c;
}

static void trampoline(unsigned int hi, unsigned int lo) {
    uintptr_t p = ((uintptr_t)hi << 32) | (uintptr_t)lo;
    dist_coro *c = (dist_coro *)p;
    c->entry(c->arg);
    abort(); // entry must switch away instead of returning
}

static void arm(dist_coro *c) {
    getcontext(&c->ctx);
    size_t guard = page_size();
    c->ctx.uc_stack.ss_sp = (char *)c->stack + guard;
    c->ctx.uc_stack.ss_size = c->stack_size - guard;
    c->ctx.uc_link = NULL;
    uintptr_t p = (uintptr_t)c;
    makecontext(&c->ctx, (void (*)(void))trampoline, 2, (unsigned int)(p >> 32), (unsigned int)(p & 0xffffffffu));
}

dist_coro *dist_coro_create(size_t stack_size, void (*entry)(void *), void *arg) {
    size_t ps = page_size();
    stack_size = (stack_size + ps - 1) / ps * ps + ps;
    void *mem = mmap(NULL, stack_size, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (mem == MAP_FAILED) return NULL;
    mprotect(mem, ps, PROT_NONE);
    dist_coro *c = calloc(1, sizeof(dist_coro));
    if (!c) { munmap(mem, stack_size); return NULL; }
    c->stack = mem;
    c->stack_size = stack_size;
    c->entry = entry;
    c->arg = arg;
    arm(c);
    return c;
}

void dist_coro_reset(dist_coro *c, void (*entry)(void *), void *arg) {
    c->entry = entry;
    c->arg = arg;
    arm(c);
}

// The low end of the coroutine stack this thread runs on, 0 on the thread's own stack.
static __thread uintptr_t running_low = 0;

void dist_coro_switch(dist_coro *from, dist_coro *to) {
    uintptr_t saved = running_low;
    running_low = to->stack ? (uintptr_t)to->stack + page_size() : 0;
    swapcontext(&from->ctx, &to->ctx);
    running_low = saved;
}

uintptr_t dist_stack_low_here(void) {
    static __thread uintptr_t thread_low = 0;
    if (running_low) return running_low;
    if (!thread_low) thread_low = dist_thread_stack_low();
    return thread_low;
}

void dist_coro_destroy(dist_coro *c) {
    if (!c) return;
    if (c->stack) munmap(c->stack, c->stack_size);
    free(c);
}

uintptr_t dist_coro_stack_low(dist_coro *c) {
    if (!c || !c->stack) return 0;
    return (uintptr_t)c->stack + page_size();
}

uintptr_t dist_thread_stack_low(void) {
    pthread_attr_t attr;
    void *addr = NULL;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return 0;
    pthread_attr_getstack(&attr, &addr, &size);
    pthread_attr_destroy(&attr);
    return (uintptr_t)addr;
}

// Deferred release (see DeferredRelease.swift): how deep the current chain of container
// deinits is, and the objects put aside to be released from the outermost one.
__thread int dist_release_nesting = 0;
static __thread void **release_queue = NULL;
static __thread size_t release_len = 0, release_cap = 0;

int dist_release_defer(void *object) {
    if (release_len == release_cap) {
        size_t cap = release_cap ? release_cap * 2 : 256;
        void **q = realloc(release_queue, cap * sizeof(void *));
        if (!q) return 0;
        release_queue = q;
        release_cap = cap;
    }
    release_queue[release_len++] = object;
    return 1;
}

void *dist_release_next(void) {
    return release_len ? release_queue[--release_len] : NULL;
}
