// C support for dist: coroutine stacks and switching, the interrupt flag, and the few
// POSIX calls Swift cannot make directly (variadic or macro-based ones).
#ifndef DIST_CSUPPORT_H
#define DIST_CSUPPORT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

// MARK: Coroutines

/// An execution context with its own stack. The scheduler's context has no stack of its own
/// (it is the thread's stack); task contexts get an mmap'd stack with a guard page.
typedef struct dist_coro dist_coro;

/// A context for the calling thread's own stack, used as the scheduler's "home".
dist_coro *dist_coro_current_thread(void);
/// A new coroutine that will call `entry(arg)` on a stack of `stack_size` bytes when first
/// switched to. `entry` must never return; it switches away for the last time instead.
dist_coro *dist_coro_create(size_t stack_size, void (*entry)(void *), void *arg);
/// Re-arms a finished coroutine to run `entry(arg)` again on the same stack.
void dist_coro_reset(dist_coro *c, void (*entry)(void *), void *arg);
/// Saves the current context into `from` and resumes `to`.
void dist_coro_switch(dist_coro *from, dist_coro *to);
/// Frees a coroutine and its stack (must not be running).
void dist_coro_destroy(dist_coro *c);
/// Lowest usable address of the coroutine's stack (0 for a thread context).
uintptr_t dist_coro_stack_low(dist_coro *c);
/// Lowest usable address of the calling thread's stack.
uintptr_t dist_thread_stack_low(void);
/// Lowest usable address of the stack the caller runs on: the coroutine's, or the thread's
/// (0 when unknown).
uintptr_t dist_stack_low_here(void);

/// How many container deinits are running on this thread (see DeferredRelease.swift).
extern __thread int dist_release_nesting;
/// Enters a container's deinit; returns how many are running on this thread, this one included.
static inline int dist_release_enter(void) { return ++dist_release_nesting; }
/// Leaves a container's deinit.
static inline void dist_release_leave(void) { --dist_release_nesting; }
/// Puts a retained object aside, to be released by the outermost deinit; 0 if out of memory.
int dist_release_defer(void *object);
/// The next object put aside (retained), or NULL.
void *dist_release_next(void);

/// The current stack pointer, approximately: compared against a limit to detect overflow.
static inline uintptr_t dist_stack_pointer(void) {
    return (uintptr_t)__builtin_frame_address(0);
}

/// True when fewer than `margin` bytes are left on the stack the caller runs on (the
/// coroutine's or the thread's): the parser, resolver and compiler recurse as deep as their
/// input and stop with an error there instead of overflowing the stack.
static inline int dist_stack_nearly_exhausted(uintptr_t margin) {
    uintptr_t low = dist_stack_low_here();
    return low != 0 && dist_stack_pointer() < low + margin;
}

// MARK: Interrupts

/// Polled by the interpreter at loop back-edges and calls: bit 0 is set by the SIGINT handler
/// (or `dist_interrupt_raise`), bit 1 by a worker's heartbeat clock when a heartbeat is due,
/// so one load tells the hot path whether anything needs attention.
extern volatile int dist_interrupt_flag;
static inline int dist_interrupt_pending(void) { return dist_interrupt_flag; }
/// Whether a SIGINT is pending (bit 0 alone).
static inline int dist_sigint_pending(void) { return dist_interrupt_flag & 1; }
/// How many SIGINTs have arrived (the flag above is cleared when one is taken; this is not).
extern volatile int dist_sigint_count;
static inline int dist_sigints_received(void) { return dist_sigint_count; }
static inline void dist_interrupt_clear(void) { __atomic_fetch_and(&dist_interrupt_flag, ~1, __ATOMIC_SEQ_CST); }
/// Marks a heartbeat due (from the heartbeat clock's thread).
static inline void dist_heartbeat_raise(void) { __atomic_fetch_or(&dist_interrupt_flag, 2, __ATOMIC_SEQ_CST); }
/// Takes a due heartbeat: 1 if one was due (and clears it), else 0.
static inline int dist_heartbeat_take(void) {
    return (__atomic_fetch_and(&dist_interrupt_flag, ~2, __ATOMIC_SEQ_CST) & 2) != 0;
}
/// Installs a SIGINT handler (no SA_RESTART) that sets the flag and posts `dist_interrupt_sem`.
void dist_install_sigint_handler(void);
/// The read end of a pipe the SIGINT handler writes a byte to (-1 before the handler is
/// installed): poll it beside a descriptor to wake on Ctrl-C whichever thread took the signal.
int dist_sigint_wake_fd(void);
/// Empties that pipe.
void dist_sigint_drain_wakeups(void);
/// Waits (seconds) on the interrupt semaphore; returns 1 if it was posted, 0 on timeout.
int dist_interrupt_wait(double seconds);
/// Posts the interrupt semaphore from normal code (wakes a waiter).
void dist_interrupt_post(void);
/// Blocks (how=1) or unblocks (how=0) SIGINT for the calling thread.
void dist_sigint_mask(int block);
/// Unblocks every signal and restores the default action of the terminating ones.
void dist_reset_signals(void);
/// Ignores SIGPIPE in this process.
void dist_ignore_sigpipe(void);
/* Keeps large freed blocks in the heap (see system.c). */
void dist_tune_malloc(void);
/// Waiting for the next message (see system.c). Fills `fds` with this process's epoll
/// descriptors (at most `max`) and returns how many there are.
int dist_epoll_descriptors(int *fds, int max);
/// Names the event loop's selector as the descriptor `dist_poll_selector` looks at, unless
/// DIST_POLL_US is 0 (a negative `fd` turns the looking off). Returns whether it is on.
int dist_poll_set_selector(int fd);
/// Looks at the selector, yielding the processor between looks, until it is readable (returns
/// how many looks that took) or the window has passed (returns 0).
int dist_poll_selector(void);

// MARK: Processes and descriptors

/// Starts `argv[0]` with the given argv (NULL-terminated) and environment (NULL = inherit),
/// with its stdin and stdout connected to new pipes and its stderr to its stdout.
/// Returns the pid, or -1 with errno set. On success *in_fd is the write end of the child's
/// stdin and *out_fd the read end of its stdout; both are close-on-exec in the parent.
pid_t dist_spawn(const char *path, char *const argv[], char *const envp[], const char *cwd,
                 int *in_fd, int *out_fd);
/// How `dist_spawn_io` connects one of the child's standard descriptors.
enum { DIST_STDIO_INHERIT = -1, DIST_STDIO_PIPE = -2, DIST_STDIO_NULL = -3 };
/// Starts a program for `run`, `open(cmd)` and cluster managers. `how[i]` says what the
/// child's descriptor i (stdin, stdout, stderr) is: DIST_STDIO_INHERIT, DIST_STDIO_PIPE (a new
/// pipe; this process's end is stored in `ends[i]`, close-on-exec), DIST_STDIO_NULL
/// (/dev/null), or a descriptor of this process to pass on. stderr may be 1 to share the
/// child's stdout. The program is looked up on PATH when it has no slash. `new_session`
/// detaches it (setsid: Julia's `detach`); otherwise it gets a process group of its own, so a
/// Ctrl-C at the terminal reaches the master only. Returns the pid, or -1 with errno set.
pid_t dist_spawn_io(const char *path, char *const argv[], char *const envp[], const char *cwd,
                    const int how[3], int ends[3], int new_session);
/// Makes the calling process die with SIGKILL when its parent exits (Linux only; no-op elsewhere).
void dist_set_parent_death_signal(void);
/// Sets or clears O_NONBLOCK.
int dist_set_nonblocking(int fd, int on);
/// Sets FD_CLOEXEC.
int dist_set_cloexec(int fd);
/// waitpid decoding: returns 1 if exited normally and stores the code, 0 otherwise.
int dist_wait_status_exited(int status, int *code);
/// Sends SIGINT to a process.
int dist_kill(pid_t pid, int sig);

/// Whether malloc gives `bytes` now (the block is given back at once).
int dist_can_allocate(size_t bytes);
/// Whether a block of `bytes` is no larger than the host's memory and swap together (the
/// check `dist_can_allocate` makes first, and arrays make before allocating a large block).
int dist_fits_in_memory(size_t bytes);

/// `snprintf(buf, size, spec, x)` for one conversion of a double (`%.3f`, `%e`, `%g`…) or of
/// a long long (`%lld`, `%llx`…): a fixed signature Swift calls with no `va_list` built.
int dist_format_double(char *buf, size_t size, const char *spec, double x);
int dist_format_llong(char *buf, size_t size, const char *spec, long long x);

#ifdef __cplusplus
}
#endif
#endif

// MARK: Objects

/// Marks a Swift object immortal: retain and release leave it alone and it is never freed.
/// Uses the runtime's own immortal encoding of the inline reference count (all low 32 bits
/// set, a strong extra count of 2, and the slow-RC bit), which is what statically
/// initialised objects carry. For objects that live as long as the process (types, symbols,
/// built-in functions), this takes reference counting off the interpreter's hot paths.
void dist_make_immortal(void *object);
/// The word `dist_make_immortal` overwrites: the 64 bits after the object's metadata pointer,
/// where the runtime keeps the inline reference counts (read for the layout check in
/// Immortal.swift, which must pass before any object is made immortal).
uint64_t dist_object_refcounts(const void *object);

/// Sets the interrupt flag (as SIGINT would), from normal code.
void dist_interrupt_raise(void);
