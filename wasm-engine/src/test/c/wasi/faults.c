/* WASI test program: WASI functions called directly with pointers and lengths outside memory;
 * each must return EFAULT (21), never crash. Prints "NAME errno". */
#include <stdint.h>
#include <stdio.h>
#include <wasi/api.h>

#define BAD ((void *) 0xFFFFFF00u)
#define BAD_ADDR ((int32_t) 0xFFFFFF00u)

/* wasi-libc's wrappers of the path functions take C strings and call strlen on them (which would
 * trap in the program itself), so these take the raw pointer and length. */
__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_open")))
int32_t raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len, int32_t oflags, int64_t base,
                      int64_t inheriting, int32_t fdflags, int32_t fd_out);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_create_directory")))
int32_t raw_path_create_directory(int32_t fd, int32_t path, int32_t path_len);

int main(void) {
    __wasi_size_t n = 0;
    __wasi_fd_t fd = 0;
    __wasi_ciovec_t ciov = {(const uint8_t *) BAD, 16};
    __wasi_iovec_t iov = {(uint8_t *) BAD, 16};
    __wasi_ciovec_t huge = {(const uint8_t *) "x", 0x7FFFFFFF};
    __wasi_timestamp_t t;
    printf("fd_write iovs %d\n", __wasi_fd_write(1, (const __wasi_ciovec_t *) BAD, 1, &n));
    printf("fd_write buf %d\n", __wasi_fd_write(1, &ciov, 1, &n));
    printf("fd_write len %d\n", __wasi_fd_write(1, &huge, 1, &n));
    printf("fd_write nwritten %d\n", __wasi_fd_write(1, &huge, 0, (__wasi_size_t *) BAD));
    printf("fd_read buf %d\n", __wasi_fd_read(0, &iov, 1, &n));
    printf("args_sizes_get %d\n", __wasi_args_sizes_get((__wasi_size_t *) BAD, &n));
    printf("args_get %d\n", __wasi_args_get((uint8_t **) BAD, (uint8_t *) BAD));
    printf("environ_sizes_get %d\n", __wasi_environ_sizes_get(&n, (__wasi_size_t *) BAD));
    printf("clock_time_get %d\n", __wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, (__wasi_timestamp_t *) BAD));
    printf("clock_res_get %d\n", __wasi_clock_res_get(__WASI_CLOCKID_MONOTONIC, (__wasi_timestamp_t *) BAD));
    printf("random_get %d\n", __wasi_random_get((uint8_t *) BAD, 1024));
    printf("fd_fdstat_get %d\n", __wasi_fd_fdstat_get(1, (__wasi_fdstat_t *) BAD));
    printf("fd_filestat_get %d\n", __wasi_fd_filestat_get(1, (__wasi_filestat_t *) BAD));
    printf("fd_prestat_get %d\n", __wasi_fd_prestat_get(3, (__wasi_prestat_t *) BAD));
    printf("fd_prestat_dir_name %d\n", __wasi_fd_prestat_dir_name(3, (uint8_t *) BAD, 100));
    printf("fd_readdir %d\n", __wasi_fd_readdir(3, (uint8_t *) BAD, 1000, 0, &n));
    printf("path_open path %d\n", raw_path_open(3, 0, BAD_ADDR, 10, 0, 0, 0, 0, (int32_t) (uintptr_t) &fd));
    printf("path_open fd_out %d\n", raw_path_open(3, 0, (int32_t) (uintptr_t) ".", 1, 0, 0, 0, 0, BAD_ADDR));
    printf("path_create_directory %d\n", raw_path_create_directory(3, (int32_t) (uintptr_t) "x", 0x7FFFFFFF));
    printf("path_filestat_get %d\n", __wasi_path_filestat_get(3, 0, ".", (__wasi_filestat_t *) BAD));
    printf("poll_oneoff %d\n", __wasi_poll_oneoff((const __wasi_subscription_t *) BAD, (__wasi_event_t *) BAD, 1, &n));
    __wasi_rights_t rights = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL;
    if (__wasi_path_open(3, 0, "f.txt", __WASI_OFLAGS_CREAT, rights, 0, 0, &fd) != 0) {
        printf("cannot create f.txt\n");
        return 1;
    }
    printf("fd_seek %d\n", __wasi_fd_seek(fd, 0, __WASI_WHENCE_CUR, (__wasi_filesize_t *) BAD));
    printf("fd_tell %d\n", __wasi_fd_tell(fd, (__wasi_filesize_t *) BAD));
    printf("fd_pread %d\n", __wasi_fd_pread(fd, &iov, 1, 0, &n));
    printf("fd_pwrite %d\n", __wasi_fd_pwrite(fd, &ciov, 1, 0, &n));
    (void) t;
    return 0;
}
