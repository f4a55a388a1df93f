/* WASI test program: attempts to leave the preopened directory argv[1] (e.g. /sandbox). The test
 * creates, next to that directory on the host, a file "outside.txt", and inside it: "sub/", a
 * symlink "link_out" -> "../outside.txt", "abs_link" -> an absolute host path of outside.txt,
 * "dir_out" -> "..", "loop" -> "loop". Every attempt must be refused; each prints "denied" or
 * "ESCAPED". */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[256];
static int escaped;

static const char *at(const char *rel) {
    static char buf[4][512];
    static int next;
    char *b = buf[next++ % 4];
    snprintf(b, 512, "%s/%s", root, rel);
    return b;
}

static void check(const char *what, int succeeded) {
    printf("%s: %s\n", what, succeeded ? "ESCAPED" : "denied");
    escaped |= succeeded;
}

static int can_read(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        return 0;
    }
    char buf[16];
    ssize_t n = read(fd, buf, sizeof buf);
    close(fd);
    return n > 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        return 2;
    }
    snprintf(root, sizeof root, "%s", argv[1]);
    struct stat st;
    check("open ../outside.txt", can_read(at("../outside.txt")));
    check("open sub/../../outside.txt", can_read(at("sub/../../outside.txt")));
    check("open absolute host path", can_read("/etc/passwd"));
    check("open /outside.txt", can_read("/outside.txt"));
    check("open through link_out", can_read(at("link_out")));
    check("stat through link_out", stat(at("link_out"), &st) == 0);
    check("open through abs_link", can_read(at("abs_link")));
    check("open through dir_out/outside.txt", can_read(at("dir_out/outside.txt")));
    check("opendir dir_out", opendir(at("dir_out")) != NULL);
    check("opendir ..", opendir(at("..")) != NULL);
    check("opendir sub/../..", opendir(at("sub/../..")) != NULL);
    check("stat ..", stat(at(".."), &st) == 0);
    check("mkdir ../made", mkdir(at("../made"), 0755) == 0);
    check("create ../made.txt", open(at("../made.txt"), O_CREAT | O_WRONLY, 0644) >= 0);
    check("create through dir_out", open(at("dir_out/made2.txt"), O_CREAT | O_WRONLY, 0644) >= 0);
    check("create through link to missing outside file",
          symlink("../new_outside.txt", at("link_new")) == 0 && open(at("link_new"), O_CREAT | O_WRONLY, 0644) >= 0);
    check("rename to ../stolen.txt", rename(at("sub/inside.txt"), at("../stolen.txt")) == 0);
    check("link to ../linked.txt", link(at("sub/inside.txt"), at("../linked.txt")) == 0);
    check("unlink ../outside.txt", unlink(at("../outside.txt")) == 0);
    check("read made symlink to ../outside.txt", symlink("../outside.txt", at("made_link")) == 0 && can_read(at("made_link")));
    check("read made symlink to sub/../../outside.txt",
          symlink("sub/../../outside.txt", at("made_link2")) == 0 && can_read(at("made_link2")));
    char buf[64];
    check("readlink abs_link then open it", readlink(at("abs_link"), buf, sizeof buf) > 0 && can_read(buf));
    int loop = open(at("loop"), O_RDONLY);
    printf("open loop: %s\n", loop < 0 ? (errno == ELOOP ? "ELOOP" : "denied") : "opened");
    printf("inside still works: %s\n", can_read(at("sub/inside.txt")) && can_read(at("sub/../sub/./inside.txt")) ? "yes" : "NO");
    printf("%s\n", escaped ? "ESCAPED" : "all denied");
    return escaped;
}
