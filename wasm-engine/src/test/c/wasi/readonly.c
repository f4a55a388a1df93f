/* WASI test program: a read-only preopen argv[1] (holding "file.txt" and "dir/") next to a
 * read-write preopen argv[2]. Reading works; every modification is refused, including moving or
 * linking a file out of the read-only directory into the writable one. Prints errno names. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

static char ro[256], rw[256];

static const char *in(const char *base, const char *rel) {
    static char buf[4][512];
    static int next;
    char *b = buf[next++ % 4];
    snprintf(b, 512, "%s/%s", base, rel);
    return b;
}

static const char *name(int e) {
    switch (e) {
        case EACCES: return "EACCES";
        case EROFS: return "EROFS";
        case EPERM: return "EPERM";
        case ENOTCAPABLE: return "ENOTCAPABLE";
        case ENOENT: return "ENOENT";
        case EBADF: return "EBADF";
        default: return strerror(e);
    }
}

static void refused(const char *what, int rc) {
    if (rc < 0) {
        printf("%s: refused %s\n", what, name(errno));
    } else {
        printf("%s: ALLOWED\n", what);
    }
}

int main(int argc, char **argv) {
    if (argc < 3) {
        return 2;
    }
    snprintf(ro, sizeof ro, "%s", argv[1]);
    snprintf(rw, sizeof rw, "%s", argv[2]);
    char buf[64];
    int fd = open(in(ro, "file.txt"), O_RDONLY);
    ssize_t n = read(fd, buf, sizeof buf);
    printf("read: %zd [%.*s]\n", n, (int) (n > 0 ? n - 1 : 0), buf);
    struct stat st;
    printf("stat: %s\n", stat(in(ro, "file.txt"), &st) == 0 ? "ok" : "failed");
    printf("opendir: %s\n", opendir(in(ro, "dir")) ? "ok" : "failed");
    refused("write to O_RDONLY fd", (int) write(fd, "x", 1));
    refused("ftruncate O_RDONLY fd", ftruncate(fd, 0));
    close(fd);

    fd = open(in(ro, "file.txt"), O_WRONLY);
    if (fd >= 0) {
        refused("write to O_WRONLY fd", (int) write(fd, "x", 1));
        refused("ftruncate O_WRONLY fd", ftruncate(fd, 0));
        close(fd);
    } else {
        refused("open O_WRONLY", fd);
    }
    fd = open(in(ro, "file.txt"), O_RDWR);
    if (fd >= 0) {
        refused("write to O_RDWR fd", (int) write(fd, "x", 1));
        refused("pwrite to O_RDWR fd", (int) pwrite(fd, "x", 1, 0));
        close(fd);
    } else {
        refused("open O_RDWR", fd);
    }
    refused("open O_TRUNC", open(in(ro, "file.txt"), O_WRONLY | O_TRUNC));
    refused("fopen w", fopen(in(ro, "file.txt"), "w") ? 0 : -1);
    refused("fopen a", fopen(in(ro, "file.txt"), "a") ? 0 : -1);
    refused("create new file", open(in(ro, "new.txt"), O_CREAT | O_WRONLY, 0644));
    refused("mkdir", mkdir(in(ro, "newdir"), 0755));
    refused("rmdir", rmdir(in(ro, "dir")));
    refused("unlink", unlink(in(ro, "file.txt")));
    refused("rename inside", rename(in(ro, "file.txt"), in(ro, "renamed.txt")));
    refused("rename out to rw", rename(in(ro, "file.txt"), in(rw, "moved.txt")));
    refused("rename in from rw", rename(in(rw, "mine.txt"), in(ro, "mine.txt")));
    refused("link out to rw", link(in(ro, "file.txt"), in(rw, "linked.txt")));
    refused("symlink", symlink("file.txt", in(ro, "link")));
    refused("truncate", truncate(in(ro, "file.txt"), 0));
    struct timeval times[2] = {{1, 0}, {2, 0}};
    refused("utimes", utimes(in(ro, "file.txt"), times));
    fd = open(in(ro, "file.txt"), O_RDONLY);
    refused("futimens", futimens(fd, NULL));
    close(fd);
    fd = open(in(rw, "mine.txt"), O_CREAT | O_WRONLY, 0644);
    printf("rw still writable: %s\n", fd >= 0 && write(fd, "mine\n", 5) == 5 ? "yes" : "NO");
    close(fd);
    n = 0;
    fd = open(in(ro, "file.txt"), O_RDONLY);
    n = read(fd, buf, sizeof buf);
    printf("file unchanged: %zd [%.*s]\n", n, (int) (n > 0 ? n - 1 : 0), buf);
    return 0;
}
