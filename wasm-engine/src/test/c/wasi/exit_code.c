/* WASI test program: exit statuses (proc_exit). argv[1] says how to end, argv[2] the status:
 *   return N   return N from main (wasi-libc calls proc_exit(N) unless N is 0)
 *   exit N     exit(N) after buffered output and an atexit handler
 *   _Exit N    _Exit(N): no atexit handlers, nothing flushed by them
 *   abort 0    abort(): traps (wasi-libc executes "unreachable")
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void goodbye(void) {
    printf("atexit handler ran\n");
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: exit_code return|exit|_Exit STATUS\n");
        return 2;
    }
    int status = atoi(argv[2]);
    atexit(goodbye);
    printf("ending with %s %d", argv[1], status); /* no newline: exit must flush it */
    if (strcmp(argv[1], "exit") == 0) {
        exit(status);
    }
    if (strcmp(argv[1], "abort") == 0) {
        fflush(stdout);
        abort();
    }
    if (strcmp(argv[1], "_Exit") == 0) {
        fflush(stdout);
        _Exit(status);
    }
    printf("\n");
    return status;
}
