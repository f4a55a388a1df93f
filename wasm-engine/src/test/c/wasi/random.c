/* WASI test program: random_get (through getentropy).
 *   random        checks that two draws differ and are not all zero
 *   random hex    prints 16 random bytes in hex (for a seeded source)
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    unsigned char a[64], b[64];
    if (getentropy(a, sizeof a) != 0 || getentropy(b, sizeof b) != 0) {
        printf("getentropy failed\n");
        return 1;
    }
    if (argc >= 2 && strcmp(argv[1], "hex") == 0) {
        for (int i = 0; i < 16; i++) {
            printf("%02x", a[i]);
        }
        printf("\n");
        return 0;
    }
    int zero = 1;
    for (size_t i = 0; i < sizeof a; i++) {
        zero &= a[i] == 0;
    }
    printf("two draws differ: %s\n", memcmp(a, b, sizeof a) != 0 ? "yes" : "NO");
    printf("not all zero: %s\n", zero ? "NO" : "yes");
    return 0;
}
