/* pingpong.c — the raw TCP round trip between two processes on 127.0.0.1, the floor that a
 * remote call's latency is compared with in Scripts/bench; or, with `unix`, the round trip
 * over a Unix-domain stream socket, the transport dist's workers on one host use.
 *
 *   cc -O2 -o pingpong pingpong.c && ./pingpong [round_trips [message_bytes [spin_us [tcp|unix]]]]
 *
 * With spin_us > 0 each end, before it blocks in poll() for the next message, polls the socket
 * without blocking for up to spin_us microseconds: the way dist's processes wait after a
 * message (their event loop looks at its selector for a moment before it blocks; see
 * CDistSupport/system.c), so that the two can be compared like for like.
 *
 * The parent listens on an ephemeral loopback port and forks a child that connects; both set
 * TCP_NODELAY (with `unix` the two ends are a socketpair made before the fork). The parent sends a message of message_bytes (default 8), the child reads it
 * whole and sends it back, round_trips times (default 20000) after 1000 untimed warm-up trips.
 * Each round trip is timed with CLOCK_MONOTONIC. Prints, in microseconds:
 *   median_us M
 *   p99_us P
 *   mean_us A
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <errno.h>
#include <poll.h>

static double spin_us = 0;
static double now_us(void);

enum { warm_up = 1000, max_message = 1 << 20 };

static void die(const char *what) {
    perror(what);
    exit(1);
}

/* Reads exactly n bytes; 0 at end of file, -1 on error. */
static int read_full(int fd, char *buf, size_t n) {
    size_t got = 0;
    while (got < n) {
        ssize_t r;
        if (spin_us > 0) {
            double t0 = now_us();
            for (;;) {
                r = recv(fd, buf + got, n - got, MSG_DONTWAIT);
                if (r >= 0 || errno != EAGAIN) break;
                if (now_us() - t0 > spin_us) {
                    struct pollfd p = {fd, POLLIN, 0};
                    poll(&p, 1, -1);
                }
            }
        } else {
            r = read(fd, buf + got, n - got);
        }
        if (r == 0) return 0;
        if (r < 0) return -1;
        got += (size_t)r;
    }
    return 1;
}

static int write_full(int fd, const char *buf, size_t n) {
    size_t put = 0;
    while (put < n) {
        ssize_t w = write(fd, buf + put, n - put);
        if (w <= 0) return -1;
        put += (size_t)w;
    }
    return 1;
}

static double now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void no_delay(int fd) {
    int one = 1;
    if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) < 0) die("setsockopt");
}

int main(int argc, char **argv) {
    long trips = argc > 1 ? atol(argv[1]) : 20000;
    long size = argc > 2 ? atol(argv[2]) : 8;
    if (argc > 3) spin_us = atof(argv[3]);
    int unix_socket = argc > 4 && strcmp(argv[4], "unix") == 0;
    if (trips < 1 || size < 1 || size > max_message) {
        fprintf(stderr, "usage: pingpong [round_trips >= 1 [message_bytes 1..%d [spin_us]]]\n", max_message);
        return 2;
    }
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    if (listener < 0) die("socket");
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0) die("bind");
    if (listen(listener, 1) < 0) die("listen");
    socklen_t len = sizeof addr;
    if (getsockname(listener, (struct sockaddr *)&addr, &len) < 0) die("getsockname");

    char *buf = malloc((size_t)size);
    if (!buf) die("malloc");
    memset(buf, 'x', (size_t)size);

    int pair[2];
    if (unix_socket && socketpair(AF_UNIX, SOCK_STREAM, 0, pair) < 0) die("socketpair");
    pid_t child = fork();
    if (child < 0) die("fork");
    if (child == 0) { /* the echoing end */
        close(listener);
        int fd;
        if (unix_socket) {
            close(pair[0]);
            fd = pair[1];
        } else {
            fd = socket(AF_INET, SOCK_STREAM, 0);
            if (fd < 0) die("socket");
            if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) die("connect");
            no_delay(fd);
        }
        while (read_full(fd, buf, (size_t)size) == 1)
            if (write_full(fd, buf, (size_t)size) < 0) break;
        _exit(0);
    }
    int fd;
    if (unix_socket) {
        close(pair[1]);
        fd = pair[0];
    } else {
        fd = accept(listener, NULL, NULL);
        if (fd < 0) die("accept");
        no_delay(fd);
    }
    close(listener);

    double *samples = malloc(sizeof(double) * (size_t)trips);
    if (!samples) die("malloc");
    for (long i = 0; i < warm_up + trips; i++) {
        double t0 = now_us();
        if (write_full(fd, buf, (size_t)size) < 0 || read_full(fd, buf, (size_t)size) != 1) die("round trip");
        if (i >= warm_up) samples[i - warm_up] = now_us() - t0;
    }
    close(fd);
    waitpid(child, NULL, 0);

    double sum = 0;
    for (long i = 0; i < trips; i++) sum += samples[i];
    qsort(samples, (size_t)trips, sizeof(double), compare);
    long p99 = (long)((trips * 99 + 99) / 100) - 1; /* nearest rank */
    printf("median_us %.2f\np99_us %.2f\nmean_us %.2f\n", samples[trips / 2], samples[p99], sum / trips);
    return 0;
}
