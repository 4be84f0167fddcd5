// Coroutines: each task of the interpreter runs on its own mmap'd stack and gives control back
// to the scheduler only when it blocks (Julia's cooperative task model).
//
// On x86-64 a switch saves the callee-saved registers and the floating-point control words on
// the stack being left and loads them from the one being entered: a few instructions, where
// swapcontext also saves and restores the signal mask with a system call at every switch (two
// or more per remote call). The signal mask is the thread's and no task changes it. Elsewhere
// the coroutines use ucontext.
#define _GNU_SOURCE
#include "CDistSupport.h"
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

struct dist_coro {
#if defined(__x86_64__)
    void *sp;           // the saved stack pointer while not running
#else
    ucontext_t ctx;
#endif
    void *stack;        // mapping base (guard page first), NULL for a thread context
    size_t stack_size;  // mapping size
    void (*entry)(void *);
    void *arg;
};

static size_t page_size(void) {
    static size_t cached = 0;
    if (!cached) {
        long p = sysconf(_SC_PAGESIZE);
        cached = p > 0 ? (size_t)p : 4096;
    }
    return cached;
}

dist_coro *dist_coro_current_thread(void) {
    dist_coro *c = calloc(1, sizeof(dist_coro));
    return c;
}

#if defined(__x86_64__)

// dist_switch_x86(from, to): pushes rbp, rbx, r12-r15 and the MXCSR and x87 control words,
// stores the stack pointer in *from, loads to's and pops the same from there. A new stack is
// laid out (see arm) so that its first switch "returns" into dist_start_x86.
void dist_switch_x86(void **from, void *to);
void dist_start_x86(void);
__asm__(
    ".text\n"
    ".globl dist_switch_x86\n"
    ".type dist_switch_x86,@function\n"
    "dist_switch_x86:\n"
    "    pushq %rbp\n"
    "    pushq %rbx\n"
    "    pushq %r12\n"
    "    pushq %r13\n"
    "    pushq %r14\n"
    "    pushq %r15\n"
    "    subq $8, %rsp\n"
    "    stmxcsr (%rsp)\n"
    "    fnstcw 4(%rsp)\n"
    "    movq %rsp, (%rdi)\n"
    "    movq %rsi, %rsp\n"
    "    ldmxcsr (%rsp)\n"
    "    fldcw 4(%rsp)\n"
    "    addq $8, %rsp\n"
    "    popq %r15\n"
    "    popq %r14\n"
    "    popq %r13\n"
    "    popq %r12\n"
    "    popq %rbx\n"
    "    popq %rbp\n"
    "    ret\n"
    ".size dist_switch_x86, .-dist_switch_x86\n"
    // a new coroutine's first instruction: its dist_coro is in r12
    ".globl dist_start_x86\n"
    ".type dist_start_x86,@function\n"
    "dist_start_x86:\n"
    "    movq %r12, %rdi\n"
    "    andq $-16, %rsp\n"
    "    call dist_coro_run\n"
    "    ud2\n"
    ".size dist_start_x86, .-dist_start_x86\n");

void dist_coro_run(dist_coro *c);
void dist_coro_run(dist_coro *c) {
    c->entry(c->arg);
    abort(); // entry must switch away instead of returning
}

static void arm(dist_coro *c) {
    // from the top of the stack down: a zero return address (the end of backtraces), where
    // dist_switch_x86 returns to, the six registers (r12 = c), the control words
    uintptr_t top = ((uintptr_t)c->stack + c->stack_size) & ~(uintptr_t)15;
    uint64_t *sp = (uint64_t *)top;
    *--sp = 0;
    *--sp = (uint64_t)(uintptr_t)dist_start_x86;
    *--sp = 0;                        // rbp
    *--sp = 0;                        // rbx
    *--sp = (uint64_t)(uintptr_t)c;   // r12
    *--sp = 0;                        // r13
    *--sp = 0;                        // r14
    *--sp = 0;                        // r15
    uint32_t mxcsr;
    uint16_t fpucw;
    __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
    __asm__ volatile("fnstcw %0" : "=m"(fpucw));
    *--sp = (uint64_t)mxcsr | ((uint64_t)fpucw << 32);
    c->sp = sp;
}

#else

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

#endif

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
#if defined(__x86_64__)
    dist_switch_x86(&from->sp, to->sp);
#else
    swapcontext(&from->ctx, &to->ctx);
#endif
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
