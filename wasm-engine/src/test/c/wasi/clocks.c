/* WASI test program: clocks (clock_res_get, clock_time_get) and sleeping (poll_oneoff with a
 * clock subscription, through nanosleep).
 *   clocks         checks and prints "ok" lines (the same on every run)
 *   clocks print   prints the realtime clock in seconds and the monotonic clock in ns (for a
 *                  deterministic clock)
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

static long long ns(clockid_t id) {
    struct timespec t;
    if (clock_gettime(id, &t) != 0) {
        return -1;
    }
    return (long long) t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "print") == 0) {
        long long before = ns(CLOCK_MONOTONIC);
        struct timespec d = {2, 500000000};
        nanosleep(&d, NULL);
        long long after = ns(CLOCK_MONOTONIC);
        printf("realtime_s=%lld\n", ns(CLOCK_REALTIME) / 1000000000LL);
        printf("time=%lld\n", (long long) time(NULL));
        printf("slept_ns=%lld\n", after - before);
        return 0;
    }
    clockid_t ids[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID};
    const char *names[] = {"realtime", "monotonic", "process_cputime", "thread_cputime"};
    for (int i = 0; i < 4; i++) {
        struct timespec r;
        int rc = clock_getres(ids[i], &r);
        long long res = (long long) r.tv_sec * 1000000000LL + r.tv_nsec;
        printf("%s: getres %s, gettime %s\n", names[i], rc == 0 && res > 0 && res <= 1000000000LL ? "ok" : "BAD",
               ns(ids[i]) >= 0 ? "ok" : "BAD");
    }
    long long now = ns(CLOCK_REALTIME) / 1000000000LL;
    printf("realtime after 2020: %s\n", now > 1577836800LL ? "yes" : "NO");
    long long a = ns(CLOCK_MONOTONIC);
    long long b = ns(CLOCK_MONOTONIC);
    printf("monotonic does not go back: %s\n", b >= a ? "yes" : "NO");
    struct timespec d = {0, 30000000};
    long long before = ns(CLOCK_MONOTONIC);
    int rc = nanosleep(&d, NULL);
    long long slept = ns(CLOCK_MONOTONIC) - before;
    printf("nanosleep 30ms: rc=%d, slept at least 30ms: %s\n", rc, slept >= 30000000LL ? "yes" : "NO");
    volatile unsigned long spin = 0;
    long long cpu0 = ns(CLOCK_PROCESS_CPUTIME_ID);
    for (unsigned long i = 0; i < 20000000UL; i++) {
        spin += i;
    }
    printf("cpu time advances: %s\n", ns(CLOCK_PROCESS_CPUTIME_ID) > cpu0 && spin != 1 ? "yes" : "NO");
    return 0;
}
