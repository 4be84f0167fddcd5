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

void dist_coro_switch(dist_coro *from, dist_coro *to) {
    swapcontext(&from->ctx, &to->ctx);
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
