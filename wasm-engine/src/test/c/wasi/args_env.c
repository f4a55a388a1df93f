/* WASI test program: arguments and environment (args_get, args_sizes_get, environ_get,
 * environ_sizes_get), and one line on stderr. */
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(int argc, char **argv) {
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++) {
        printf("argv[%d]=[%s]\n", i, argv[i]);
    }
    int n = 0;
    for (char **e = environ; *e; e++, n++) {
        printf("env[%d]=[%s]\n", n, *e);
    }
    const char *g = getenv("GREETING");
    printf("GREETING=%s\n", g ? g : "(unset)");
    printf("MISSING=%s\n", getenv("MISSING") ? "set" : "(unset)");
    fprintf(stderr, "args_env: %d args, %d variables\n", argc, n);
    return 0;
}
