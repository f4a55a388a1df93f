/* WASI test program: standard streams (fd_read on 0, fd_write on 1 and 2).
 *   stdio          copies stdin to stdout in upper case; counts on stderr
 *   stdio big N    writes N MiB to stdout in one fwrite (bytes i % 251), then a checksum to stderr
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc >= 3 && strcmp(argv[1], "big") == 0) {
        size_t n = (size_t) atoi(argv[2]) << 20;
        unsigned char *buf = malloc(n);
        unsigned long sum = 0;
        for (size_t i = 0; i < n; i++) {
            buf[i] = (unsigned char) (i % 251);
            sum += buf[i];
        }
        setvbuf(stdout, NULL, _IONBF, 0);
        size_t written = fwrite(buf, 1, n, stdout);
        fprintf(stderr, "wrote %zu of %zu bytes, sum %lu\n", written, n, sum);
        return written == n ? 0 : 1;
    }
    char buf[1000];
    size_t total = 0;
    unsigned long lines = 0;
    size_t r;
    while ((r = fread(buf, 1, sizeof buf, stdin)) > 0) {
        for (size_t i = 0; i < r; i++) {
            if (buf[i] == '\n') {
                lines++;
            }
            buf[i] = (char) toupper((unsigned char) buf[i]);
        }
        fwrite(buf, 1, r, stdout);
        total += r;
    }
    fprintf(stderr, "read %zu bytes, %lu lines, eof=%d error=%d\n", total, lines, feof(stdin), ferror(stdin));
    return 0;
}
