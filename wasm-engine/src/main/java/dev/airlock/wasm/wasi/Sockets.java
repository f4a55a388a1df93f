package dev.airlock.wasm.wasi;

import dev.airlock.wasm.runtime.Instance;

/**
 * Preview1 {@code sock_accept}, {@code sock_recv}, {@code sock_send} and {@code sock_shutdown}:
 * no socket is ever granted, so each returns {@code badf} for a descriptor that is not open and
 * {@code notsup} otherwise (no descriptor can be a socket). Nothing is read from or written to
 * memory.
 */
final class Sockets {
    /** Shared state. */
    private final WasiContext context;

    Sockets(WasiContext context) {
        this.context = context;
    }

    /** {@code sock_accept(fd, flags, fd_out) -> errno}. */
    int sockAccept(Instance caller, int fd, int flags, int out) {
        return refuse(fd);
    }

    /** {@code sock_recv(fd, ri_data, ri_data_len, ri_flags, ro_datalen_out, ro_flags_out) -> errno}. */
    int sockRecv(Instance caller, int fd, int data, int dataLen, int flags, int lengthOut, int flagsOut) {
        return refuse(fd);
    }

    /** {@code sock_send(fd, si_data, si_data_len, si_flags, so_datalen_out) -> errno}. */
    int sockSend(Instance caller, int fd, int data, int dataLen, int flags, int lengthOut) {
        return refuse(fd);
    }

    /** {@code sock_shutdown(fd, how) -> errno}. */
    int sockShutdown(Instance caller, int fd, int how) {
        return refuse(fd);
    }

    private int refuse(int fd) {
        context.descriptor(fd);
        return Errno.NOTSUP;
    }
}
