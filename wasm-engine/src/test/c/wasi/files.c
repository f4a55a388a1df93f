/* WASI test program: files and directories below the preopened directory argv[1] (e.g. /sandbox):
 * path_open with its flags, fd_read/fd_write, fd_seek/fd_tell, fd_pread/fd_pwrite, append mode,
 * fd_filestat_set_size, fd_filestat_get/path_filestat_get, path_filestat_set_times,
 * path_rename, path_link, path_symlink/path_readlink, path_unlink_file,
 * path_create_directory/path_remove_directory, fd_readdir (with cookies: a directory too big for
 * one call, telldir/seekdir), fd_fdstat_get, and the errno of common mistakes.
 * Prints one line per check; the same here as under node's WASI (so it leaves out what node does
 * differently: clearing O_APPEND, O_NOFOLLOW on a link, read() on a directory, which the Java
 * tests check). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

static char root[256];

static const char *at(const char *rel) {
    static char buf[4][512];
    static int next;
    char *b = buf[next++ % 4];
    snprintf(b, 512, "%s/%s", root, rel);
    return b;
}

static void result(const char *what, int rc) {
    if (rc < 0) {
        printf("%s: error %s\n", what, strerror(errno));
    } else {
        printf("%s: ok\n", what);
    }
}

static int cmp(const void *a, const void *b) {
    return strcmp(*(char *const *) a, *(char *const *) b);
}

static void list(const char *dir) {
    DIR *d = opendir(at(dir));
    if (!d) {
        printf("opendir %s: error %s\n", dir, strerror(errno));
        return;
    }
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
            continue;
        }
        char *s = malloc(300);
        const char *type = e->d_type == DT_DIR ? "dir" : e->d_type == DT_REG ? "file" : e->d_type == DT_LNK ? "link" : "other";
        snprintf(s, 300, "%s(%s)", e->d_name, type);
        if (n < 64) {
            names[n++] = s;
        }
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    printf("list %s:", dir);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

static long long size_of(const char *rel) {
    struct stat st;
    return stat(at(rel), &st) == 0 ? (long long) st.st_size : -1;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: files DIR\n");
        return 2;
    }
    snprintf(root, sizeof root, "%s", argv[1]);
    char buf[256];

    result("mkdir d", mkdir(at("d"), 0755));
    result("mkdir d again", mkdir(at("d"), 0755));

    int fd = open(at("d/a.txt"), O_CREAT | O_WRONLY | O_TRUNC, 0644);
    result("create d/a.txt", fd);
    result("write", (int) write(fd, "hello, world\n", 13));
    printf("tell after write: %lld\n", (long long) lseek(fd, 0, SEEK_CUR));
    result("read from write-only fd", (int) read(fd, buf, 1));
    close(fd);
    printf("size d/a.txt: %lld\n", size_of("d/a.txt"));

    fd = open(at("d/a.txt"), O_RDWR);
    result("open O_RDWR", fd);
    ssize_t r = read(fd, buf, 5);
    printf("read 5: %zd [%.*s]\n", r, (int) r, buf);
    printf("seek end: %lld\n", (long long) lseek(fd, 0, SEEK_END));
    printf("seek set 7: %lld\n", (long long) lseek(fd, 7, SEEK_SET));
    r = read(fd, buf, sizeof buf);
    printf("read rest: %zd [%.*s]\n", r, (int) (r > 0 ? r - 1 : 0), buf);
    printf("read at eof: %zd\n", read(fd, buf, sizeof buf));
    result("seek before start", (int) lseek(fd, -100, SEEK_SET));
    r = pwrite(fd, "W", 1, 7);
    printf("pwrite at 7: %zd, tell %lld\n", r, (long long) lseek(fd, 0, SEEK_CUR));
    r = pread(fd, buf, 5, 7);
    printf("pread at 7: %zd [%.*s], tell %lld\n", r, (int) r, buf, (long long) lseek(fd, 0, SEEK_CUR));
    result("ftruncate 5", ftruncate(fd, 5));
    printf("size after truncate: %lld, tell %lld\n", size_of("d/a.txt"), (long long) lseek(fd, 0, SEEK_CUR));
    result("ftruncate 10", ftruncate(fd, 10));
    r = pread(fd, buf, 20, 0);
    printf("after growing: %zd bytes, byte 7 is %d\n", r, buf[7]);
    struct stat st;
    result("fstat", fstat(fd, &st));
    printf("fstat: size %lld, regular %d, nlink %lld\n", (long long) st.st_size, S_ISREG(st.st_mode), (long long) st.st_nlink);
    close(fd);

    fd = open(at("d/a.txt"), O_WRONLY | O_APPEND);
    printf("append flag: %d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
    lseek(fd, 0, SEEK_SET);
    write(fd, "++", 2);
    printf("size after append: %lld\n", size_of("d/a.txt"));
    close(fd);

    FILE *f = fopen(at("d/lines.txt"), "w");
    for (int i = 0; i < 1000; i++) {
        fprintf(f, "line %d\n", i);
    }
    fclose(f);
    f = fopen(at("d/lines.txt"), "r");
    int count = 0;
    while (fgets(buf, sizeof buf, f)) {
        count++;
    }
    fclose(f);
    printf("lines: %d, size %lld\n", count, size_of("d/lines.txt"));

    result("rename a.txt b.txt", rename(at("d/a.txt"), at("d/b.txt")));
    result("stat a.txt", stat(at("d/a.txt"), &st));
    result("link b.txt c.txt", link(at("d/b.txt"), at("d/c.txt")));
    stat(at("d/b.txt"), &st);
    printf("nlink b.txt: %lld\n", (long long) st.st_nlink);
    result("symlink l -> b.txt", symlink("b.txt", at("d/l")));
    ssize_t n = readlink(at("d/l"), buf, sizeof buf);
    printf("readlink l: %zd [%.*s]\n", n, (int) (n > 0 ? n : 0), buf);
    result("readlink b.txt", (int) readlink(at("d/b.txt"), buf, sizeof buf));
    result("lstat l", lstat(at("d/l"), &st));
    printf("l is a link: %d\n", S_ISLNK(st.st_mode));
    result("stat l", stat(at("d/l"), &st));
    printf("l leads to a regular file of %lld bytes\n", (long long) st.st_size);

    result("mkdir d/sub", mkdir(at("d/sub"), 0755));
    result("create d/sub/x", close(open(at("d/sub/x"), O_CREAT | O_WRONLY, 0644)));
    list("d");
    list("d/sub");
    result("rmdir non-empty d/sub", rmdir(at("d/sub")));
    result("unlink directory d/sub", unlink(at("d/sub")));
    result("rmdir file d/b.txt", rmdir(at("d/b.txt")));
    result("open missing", open(at("d/nope"), O_RDONLY));
    result("open missing dir component", open(at("d/nope/x"), O_RDONLY));
    result("open file as dir component", open(at("d/b.txt/x"), O_RDONLY));
    result("open O_CREAT|O_EXCL existing", open(at("d/b.txt"), O_CREAT | O_EXCL | O_WRONLY, 0644));
    result("open directory for writing", open(at("d/sub"), O_WRONLY));
    result("opendir on a file", opendir(at("d/b.txt")) ? 0 : -1);
    fd = open(at("d/sub"), O_RDONLY | O_DIRECTORY);
    result("open directory O_DIRECTORY", fd);
    close(fd);

    result("unlink d/sub/x", unlink(at("d/sub/x")));
    result("rmdir d/sub", rmdir(at("d/sub")));
    result("rename over existing", rename(at("d/c.txt"), at("d/lines.txt")));
    printf("size lines.txt: %lld\n", size_of("d/lines.txt"));

    struct timeval times[2] = {{1000000000, 0}, {1234567890, 0}};
    result("utimes b.txt", utimes(at("d/b.txt"), times));
    stat(at("d/b.txt"), &st);
    printf("mtime b.txt: %lld, atime %lld\n", (long long) st.st_mtime, (long long) st.st_atime);

    /* A directory too big for one fd_readdir call: the listing continues from cookies. */
    mkdir(at("big"), 0755);
    for (int i = 0; i < 300; i++) {
        char name[100];
        snprintf(name, sizeof name, "big/file-with-a-rather-long-name-number-%04d", i);
        close(open(at(name), O_CREAT | O_WRONLY, 0644));
    }
    DIR *d = opendir(at("big"));
    int entries = 0;
    long sum = 0;
    struct dirent *e;
    long pos = -1;
    char after[300] = "";
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') {
            continue;
        }
        entries++;
        sum += atoi(e->d_name + strlen("file-with-a-rather-long-name-number-"));
        if (entries == 100) {
            pos = telldir(d);
        } else if (entries == 101) {
            snprintf(after, sizeof after, "%s", e->d_name);
        }
    }
    printf("big: %d entries, sum of numbers %ld\n", entries, sum);
    seekdir(d, pos);
    e = readdir(d);
    printf("seekdir back: same entry %s\n", e && strcmp(e->d_name, after) == 0 ? "yes" : "NO");
    closedir(d);

    result("unlink d/l", unlink(at("d/l")));
    result("unlink d/b.txt", unlink(at("d/b.txt")));
    result("unlink d/lines.txt", unlink(at("d/lines.txt")));
    result("rmdir d", rmdir(at("d")));
    list(".");
    return 0;
}
