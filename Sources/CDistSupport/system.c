// Signals, process spawning and descriptor flags: the POSIX calls that are variadic or
// macro-based and so cannot be called from Swift.
#define _GNU_SOURCE
#include "CDistSupport.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <semaphore.h>
#include <stdint.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#include <malloc.h>
#endif

extern char **environ;

volatile int dist_interrupt_flag = 0;
volatile int dist_sigint_count = 0;
static sem_t interrupt_sem;
static int interrupt_sem_ready = 0;

/* A pipe the handler writes a byte to: a thread waiting in poll() on its read end wakes even
   when the signal went to another thread, or came just before the poll began (either way
   poll would not see EINTR, and a Ctrl-C at the prompt waited for the next key). */
static int sigint_pipe[2] = {-1, -1};

static void on_sigint(int sig) {
    (void)sig;
    __atomic_fetch_or(&dist_interrupt_flag, 1, __ATOMIC_SEQ_CST);
    dist_sigint_count++;
    if (interrupt_sem_ready) sem_post(&interrupt_sem);
    if (sigint_pipe[1] >= 0) {
        int saved = errno;
        char b = 1;
        ssize_t r = write(sigint_pipe[1], &b, 1); /* full pipe: a wake-up is already pending */
        (void)r;
        errno = saved;
    }
}

int dist_sigint_wake_fd(void) { return sigint_pipe[0]; }

void dist_sigint_drain_wakeups(void) {
    char buf[64];
    if (sigint_pipe[0] < 0) return;
    while (read(sigint_pipe[0], buf, sizeof buf) > 0) {}
}

void dist_install_sigint_handler(void) {
    if (!interrupt_sem_ready) {
        sem_init(&interrupt_sem, 0, 0);
        interrupt_sem_ready = 1;
    }
    if (sigint_pipe[0] < 0 && pipe2(sigint_pipe, O_NONBLOCK | O_CLOEXEC) != 0) {
        sigint_pipe[0] = sigint_pipe[1] = -1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; // no SA_RESTART: a blocking read returns EINTR
    sigaction(SIGINT, &sa, NULL);
}

int dist_interrupt_wait(double seconds) {
    if (!interrupt_sem_ready) {
        sem_init(&interrupt_sem, 0, 0);
        interrupt_sem_ready = 1;
    }
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    long long ns = (long long)(seconds * 1e9);
    ts.tv_sec += ns / 1000000000LL;
    ts.tv_nsec += ns % 1000000000LL;
    if (ts.tv_nsec >= 1000000000L) { ts.tv_sec += 1; ts.tv_nsec -= 1000000000L; }
    for (;;) {
        if (sem_timedwait(&interrupt_sem, &ts) == 0) return 1;
        if (errno == EINTR) continue;
        return 0;
    }
}

void dist_interrupt_post(void) {
    if (!interrupt_sem_ready) {
        sem_init(&interrupt_sem, 0, 0);
        interrupt_sem_ready = 1;
    }
    sem_post(&interrupt_sem);
}

void dist_sigint_mask(int block) {
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGINT);
    pthread_sigmask(block ? SIG_BLOCK : SIG_UNBLOCK, &s, NULL);
}

void dist_ignore_sigpipe(void) { signal(SIGPIPE, SIG_IGN); }

/* Whoever started us may have left signals blocked or ignored (a test harness's threads
   block TERM, HUP, ALRM...; nohup ignores HUP): start from the defaults, so `timeout`,
   `kill` and a closing terminal reach this process as they reach any program. */
void dist_reset_signals(void) {
    sigset_t none;
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, NULL);
    int sigs[] = {SIGTERM, SIGHUP, SIGQUIT, SIGALRM, SIGUSR1, SIGUSR2};
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) signal(sigs[i], SIG_DFL);
}

/* Large blocks (arrays, message buffers) stay in the heap when freed instead of going back
   to the kernel, so the next array of that size does not fault in fresh zeroed pages: moving
   an 8 MB array otherwise spends most of its time in page faults. */
void dist_tune_malloc(void) {
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
}

/* Waiting for the next message on machines whose idle processors halt at once.

   A message's round trip between two processes that sleep in epoll is mostly the kernel's
   wake-up of the receiver: on a virtual machine without halt polling, waking a thread on
   another processor costs an interrupt between processors (an exit to the hypervisor; perf
   put a third of process 1's time during pmap there) and, when that processor has halted,
   the time it takes to resume. A TCP ping-pong over loopback takes 70-170 us when each end
   blocks at once, 4-12 us when each end looks at its socket for a moment first. A thread
   that is still running when its message arrives needs no wake-up at all.

   So a process that has sent a message, whose answer or next request usually comes within
   microseconds, looks at its event loop's selector (the epoll descriptor the loop waits in)
   for a short window before the loop blocks in it: poll() with no timeout, and between two
   looks sched_yield(), so that any other thread that can run on this processor (the peer
   that has work to do, with two processes on one processor) runs first. The window is
   100 us (DIST_POLL_US; 0 turns it off). A socket of the loop's that becomes readable (or
   writable, when a write waits) ends it. A task posted from another thread, or a timer that
   falls due, waits for the window's end: NIO does not wake a loop that is running its tasks,
   and this look is one of them. */
static int selector_fd = -1;
static uint64_t poll_window_ns = 100000;

static uint64_t monotonic_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int dist_epoll_descriptors(int *fds, int max) {
    DIR *dir = opendir("/proc/self/fd");
    if (!dir) return 0;
    int n = 0, own = dirfd(dir);
    char path[64], target[32];
    struct dirent *e;
    while ((e = readdir(dir)) && n < max) {
        if (e->d_name[0] == '.') continue;
        int fd = atoi(e->d_name);
        if (fd == own) continue;
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        ssize_t len = readlink(path, target, sizeof target - 1);
        if (len <= 0) continue;
        target[len] = 0;
        if (strcmp(target, "anon_inode:[eventpoll]") == 0) fds[n++] = fd;
    }
    closedir(dir);
    return n;
}

int dist_poll_set_selector(int fd) {
    const char *v = getenv("DIST_POLL_US");
    if (v && *v) {
        double us = atof(v);
        poll_window_ns = us > 0 ? (uint64_t)(us * 1000) : 0;
    }
    selector_fd = poll_window_ns > 0 ? fd : -1;
    return selector_fd >= 0;
}

int dist_poll_selector(void) {
    if (selector_fd < 0) return 0;
    struct pollfd p = {selector_fd, POLLIN, 0};
    uint64_t end = 0;
    for (int looks = 1;; looks++) {
        if (poll(&p, 1, 0) != 0) return looks;
        uint64_t now = monotonic_ns();
        if (end == 0) end = now + poll_window_ns;
        else if (now >= end) return 0;
        sched_yield();
    }
}

pid_t dist_spawn(const char *path, char *const argv[], char *const envp[], const char *cwd,
                 int *in_fd, int *out_fd) {
    int inp[2], outp[2];
    if (pipe2(inp, O_CLOEXEC) != 0) return -1;
    if (pipe2(outp, O_CLOEXEC) != 0) { close(inp[0]); close(inp[1]); return -1; }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, inp[0], 0);
    posix_spawn_file_actions_adddup2(&fa, outp[1], 1);
    posix_spawn_file_actions_adddup2(&fa, outp[1], 2);
    if (cwd) posix_spawn_file_actions_addchdir_np(&fa, cwd);
    posix_spawnattr_t at;
    posix_spawnattr_init(&at);
    sigset_t def, none;
    sigemptyset(&def);
    sigaddset(&def, SIGPIPE);
    sigaddset(&def, SIGINT);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&at, &def);
    posix_spawnattr_setsigmask(&at, &none);
    // Own process group: a Ctrl-C at the terminal reaches the master only, as in Julia.
    posix_spawnattr_setpgroup(&at, 0);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, path, &fa, &at, argv, envp ? envp : environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    close(inp[0]);
    close(outp[1]);
    if (rc != 0) {
        close(inp[1]);
        close(outp[0]);
        errno = rc;
        return -1;
    }
    *in_fd = inp[1];
    *out_fd = outp[0];
    return pid;
}

pid_t dist_spawn_io(const char *path, char *const argv[], char *const envp[], const char *cwd,
                    const int how[3], int ends[3], int new_session) {
    int pipes[3][2] = {{-1, -1}, {-1, -1}, {-1, -1}};
    int devnull = -1;
    for (int i = 0; i < 3; i++) {
        ends[i] = -1;
        if (how[i] == DIST_STDIO_PIPE && pipe2(pipes[i], O_CLOEXEC) != 0) goto fail;
        if (how[i] == DIST_STDIO_NULL && devnull < 0) {
            devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
            if (devnull < 0) goto fail;
        }
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    for (int i = 0; i < 3; i++) {
        int child_end = -1;
        if (how[i] == DIST_STDIO_PIPE) child_end = i == 0 ? pipes[i][0] : pipes[i][1];
        else if (how[i] == DIST_STDIO_NULL) child_end = devnull;
        else if (how[i] >= 0) child_end = how[i];
        if (i == 2 && how[i] == 1) { posix_spawn_file_actions_adddup2(&fa, 1, 2); continue; }
        if (child_end >= 0) posix_spawn_file_actions_adddup2(&fa, child_end, i);
    }
    if (cwd) posix_spawn_file_actions_addchdir_np(&fa, cwd);
    posix_spawnattr_t at;
    posix_spawnattr_init(&at);
    sigset_t def, none;
    sigemptyset(&def);
    sigaddset(&def, SIGPIPE);
    sigaddset(&def, SIGINT);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&at, &def);
    posix_spawnattr_setsigmask(&at, &none);
    short flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK;
    if (new_session) {
        flags |= POSIX_SPAWN_SETSID;
    } else {
        posix_spawnattr_setpgroup(&at, 0);
        flags |= POSIX_SPAWN_SETPGROUP;
    }
    posix_spawnattr_setflags(&at, flags);
    pid_t pid = -1;
    int rc = strchr(path, '/') ? posix_spawn(&pid, path, &fa, &at, argv, envp ? envp : environ)
                               : posix_spawnp(&pid, path, &fa, &at, argv, envp ? envp : environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    for (int i = 0; i < 3; i++) {
        if (how[i] != DIST_STDIO_PIPE) continue;
        close(i == 0 ? pipes[i][0] : pipes[i][1]);
        ends[i] = i == 0 ? pipes[i][1] : pipes[i][0];
    }
    if (devnull >= 0) close(devnull);
    if (rc != 0) {
        for (int i = 0; i < 3; i++) if (ends[i] >= 0) { close(ends[i]); ends[i] = -1; }
        errno = rc;
        return -1;
    }
    return pid;
fail:
    for (int i = 0; i < 3; i++) {
        if (pipes[i][0] >= 0) close(pipes[i][0]);
        if (pipes[i][1] >= 0) close(pipes[i][1]);
    }
    if (devnull >= 0) close(devnull);
    return -1;
}

void dist_set_parent_death_signal(void) {
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
}

int dist_set_nonblocking(int fd, int on) {
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0) return -1;
    fl = on ? (fl | O_NONBLOCK) : (fl & ~O_NONBLOCK);
    return fcntl(fd, F_SETFL, fl);
}

int dist_set_cloexec(int fd) {
    int fl = fcntl(fd, F_GETFD);
    if (fl < 0) return -1;
    return fcntl(fd, F_SETFD, fl | FD_CLOEXEC);
}

int dist_wait_status_exited(int status, int *code) {
    if (WIFEXITED(status)) { *code = WEXITSTATUS(status); return 1; }
    if (WIFSIGNALED(status)) { *code = 128 + WTERMSIG(status); return 0; }
    *code = -1;
    return 0;
}

int dist_kill(pid_t pid, int sig) { return kill(pid, sig); }

void dist_make_immortal(void *object) {
    if (!object) return;
    uint64_t *refcounts = (uint64_t *)((char *)object + sizeof(void *));
    const uint64_t immortal = (UINT64_C(2) << 33) | UINT64_C(0xFFFFFFFF) | (UINT64_C(1) << 63);
    __atomic_store_n(refcounts, immortal, __ATOMIC_RELAXED);
}

uint64_t dist_object_refcounts(const void *object) {
    return __atomic_load_n((const uint64_t *)((const char *)object + sizeof(void *)), __ATOMIC_RELAXED);
}

void dist_interrupt_raise(void) { __atomic_fetch_or(&dist_interrupt_flag, 1, __ATOMIC_SEQ_CST); }

int dist_format_double(char *buf, size_t size, const char *spec, double x) {
    return snprintf(buf, size, spec, x);
}

int dist_format_llong(char *buf, size_t size, const char *spec, long long x) {
    return snprintf(buf, size, spec, x);
}
