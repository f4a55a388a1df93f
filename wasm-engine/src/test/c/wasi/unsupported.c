/* WASI test program: what no program is granted here: sockets, signals (proc_raise, which
 * wasi-libc no longer declares), and descriptors that are not open. Prints "NAME errno". */
#include <stdint.h>
#include <stdio.h>
#include <wasi/api.h>

__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise")))
int32_t raw_proc_raise(int32_t signal);

int main(void) {
    __wasi_fd_t fd;
    __wasi_size_t n;
    __wasi_roflags_t flags;
    __wasi_iovec_t iov = {0, 0};
    __wasi_ciovec_t ciov = {0, 0};
    printf("sock_accept(1) %d\n", __wasi_sock_accept(1, 0, &fd));
    printf("sock_recv(0) %d\n", __wasi_sock_recv(0, &iov, 1, 0, &n, &flags));
    printf("sock_send(1) %d\n", __wasi_sock_send(1, &ciov, 1, 0, &n));
    printf("sock_shutdown(1) %d\n", __wasi_sock_shutdown(1, __WASI_SDFLAGS_RD));
    printf("sock_accept(99) %d\n", __wasi_sock_accept(99, 0, &fd));
    printf("proc_raise %d\n", raw_proc_raise(2));
    printf("sched_yield %d\n", __wasi_sched_yield());
    printf("fd_close(99) %d\n", __wasi_fd_close(99));
    printf("fd_read(99) %d\n", __wasi_fd_read(99, &iov, 1, &n));
    printf("fd_seek(1) %d\n", __wasi_fd_seek(1, 0, __WASI_WHENCE_SET, (__wasi_filesize_t *) &fd));
    printf("fd_prestat_get(1) %d\n", __wasi_fd_prestat_get(1, (__wasi_prestat_t *) &fd));
    printf("clock_time_get(9) %d\n", __wasi_clock_time_get(9, 1, (__wasi_timestamp_t *) &n));
    return 0;
}
