/* WASI test program: poll_oneoff directly: a relative clock, an absolute clock (only with
 * argv[2] "abs": node's WASI never wakes up from one), a regular file ready to read (nbytes),
 * stdout ready to write, a bad descriptor, and no subscriptions.
 * argv[1] is a preopened directory holding "data.txt" (10 bytes). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

static long long mono(void) {
    __wasi_timestamp_t t;
    if (__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t) != 0) {
        return -1;
    }
    return (long long) t;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        return 2;
    }
    char path[300];
    snprintf(path, sizeof path, "%s/data.txt", argv[1]);
    int fd = open(path, O_RDONLY);

    __wasi_subscription_t s[3];
    __wasi_event_t ev[3];
    __wasi_size_t n = 0;
    memset(s, 0, sizeof s);
    s[0].userdata = 42;
    s[0].u.tag = __WASI_EVENTTYPE_CLOCK;
    s[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    s[0].u.u.clock.timeout = 25000000;
    long long t0 = mono();
    __wasi_errno_t err = __wasi_poll_oneoff(s, ev, 1, &n);
    long long slept = mono() - t0;
    printf("clock: errno %d, %u event, userdata %llu, type %d, error %d, waited 25ms: %s\n", err, (unsigned) n,
           (unsigned long long) ev[0].userdata, ev[0].type, ev[0].error, slept >= 25000000 ? "yes" : "NO");

    if (argc >= 3 && strcmp(argv[2], "abs") == 0) {
        s[0].u.u.clock.timeout = (__wasi_timestamp_t) (mono() + 20000000);
        s[0].u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
        t0 = mono();
        err = __wasi_poll_oneoff(s, ev, 1, &n);
        slept = mono() - t0;
        printf("absolute clock: errno %d, %u event, waited: %s\n", err, (unsigned) n, slept >= 15000000 ? "yes" : "NO");
    }

    memset(s, 0, sizeof s);
    s[0].userdata = 1;
    s[0].u.tag = __WASI_EVENTTYPE_CLOCK;
    s[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    s[0].u.u.clock.timeout = 10000000000ULL;
    s[1].userdata = 2;
    s[1].u.tag = __WASI_EVENTTYPE_FD_READ;
    s[1].u.u.fd_read.file_descriptor = fd;
    s[2].userdata = 3;
    s[2].u.tag = __WASI_EVENTTYPE_FD_WRITE;
    s[2].u.u.fd_write.file_descriptor = 1;
    t0 = mono();
    err = __wasi_poll_oneoff(s, ev, 3, &n);
    slept = mono() - t0;
    printf("file and stdout: errno %d, %u events, at once: %s\n", err, (unsigned) n, slept < 5000000000LL ? "yes" : "NO");
    for (__wasi_size_t i = 0; i < n; i++) {
        printf("  event userdata %llu type %d error %d", (unsigned long long) ev[i].userdata, ev[i].type, ev[i].error);
        if (ev[i].type == __WASI_EVENTTYPE_FD_READ) {
            printf(" nbytes %llu", (unsigned long long) ev[i].fd_readwrite.nbytes);
        }
        printf("\n");
    }

    memset(s, 0, sizeof s);
    s[0].userdata = 7;
    s[0].u.tag = __WASI_EVENTTYPE_FD_READ;
    s[0].u.u.fd_read.file_descriptor = 99;
    err = __wasi_poll_oneoff(s, ev, 1, &n);
    printf("bad fd: errno %d, %u event, error %d\n", err, (unsigned) n, n ? ev[0].error : -1);

    err = __wasi_poll_oneoff(s, ev, 0, &n);
    printf("no subscriptions: errno %d\n", err);
    return 0;
}
