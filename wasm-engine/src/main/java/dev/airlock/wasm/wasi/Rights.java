package dev.airlock.wasm.wasi;

/**
 * The {@code rights} flags of WASI preview1 ({@code typenames.witx}, type {@code $rights}: flags
 * of repr {@code u64}, bit {@code i} for the {@code i}-th flag), and the rights sets this
 * implementation grants.
 *
 * <p>Every descriptor has a base set (what may be done with it) and an inheriting set (the most
 * that descriptors opened through it may get).
 *
 * <p>A read-only preopened directory has the same rights as a read-write one, like a directory
 * on a read-only mount: programs attempt what they would anywhere and get {@code rofs}. What
 * makes it read-only is the flag of its {@link SandboxRoot}, checked by every operation that
 * modifies anything, and, as a second line, that a file below it is never opened for writing on
 * the host and its descriptor never gets a right of {@link #FILE_MODIFYING} or
 * {@code fd_filestat_set_times}.
 */
final class Rights {
    /** {@code fd_datasync}; with {@code path_open}, the {@code dsync} flag. */
    static final long FD_DATASYNC = 1L << 0;
    /** {@code fd_read} (and {@code fd_pread} with {@link #FD_SEEK}). */
    static final long FD_READ = 1L << 1;
    /** {@code fd_seek}; implies {@link #FD_TELL}. */
    static final long FD_SEEK = 1L << 2;
    /** {@code fd_fdstat_set_flags}. */
    static final long FD_FDSTAT_SET_FLAGS = 1L << 3;
    /** {@code fd_sync}; with {@code path_open}, the {@code rsync} and {@code sync} flags. */
    static final long FD_SYNC = 1L << 4;
    /** {@code fd_tell}, and {@code fd_seek} that does not move. */
    static final long FD_TELL = 1L << 5;
    /** {@code fd_write} (and {@code fd_pwrite} with {@link #FD_SEEK}). */
    static final long FD_WRITE = 1L << 6;
    /** {@code fd_advise}. */
    static final long FD_ADVISE = 1L << 7;
    /** {@code fd_allocate}. */
    static final long FD_ALLOCATE = 1L << 8;
    /** {@code path_create_directory}. */
    static final long PATH_CREATE_DIRECTORY = 1L << 9;
    /** {@code path_open} with {@code oflags::creat}. */
    static final long PATH_CREATE_FILE = 1L << 10;
    /** {@code path_link} with the descriptor as the source directory. */
    static final long PATH_LINK_SOURCE = 1L << 11;
    /** {@code path_link} with the descriptor as the target directory. */
    static final long PATH_LINK_TARGET = 1L << 12;
    /** {@code path_open}. */
    static final long PATH_OPEN = 1L << 13;
    /** {@code fd_readdir}. */
    static final long FD_READDIR = 1L << 14;
    /** {@code path_readlink}. */
    static final long PATH_READLINK = 1L << 15;
    /** {@code path_rename} with the descriptor as the source directory. */
    static final long PATH_RENAME_SOURCE = 1L << 16;
    /** {@code path_rename} with the descriptor as the target directory. */
    static final long PATH_RENAME_TARGET = 1L << 17;
    /** {@code path_filestat_get}. */
    static final long PATH_FILESTAT_GET = 1L << 18;
    /** Changing a file's size; with {@code path_open}, {@code oflags::trunc}. */
    static final long PATH_FILESTAT_SET_SIZE = 1L << 19;
    /** {@code path_filestat_set_times}. */
    static final long PATH_FILESTAT_SET_TIMES = 1L << 20;
    /** {@code fd_filestat_get}. */
    static final long FD_FILESTAT_GET = 1L << 21;
    /** {@code fd_filestat_set_size}. */
    static final long FD_FILESTAT_SET_SIZE = 1L << 22;
    /** {@code fd_filestat_set_times}. */
    static final long FD_FILESTAT_SET_TIMES = 1L << 23;
    /** {@code path_symlink}. */
    static final long PATH_SYMLINK = 1L << 24;
    /** {@code path_remove_directory}. */
    static final long PATH_REMOVE_DIRECTORY = 1L << 25;
    /** {@code path_unlink_file}. */
    static final long PATH_UNLINK_FILE = 1L << 26;
    /** {@code poll_oneoff} subscriptions to {@code fd_read} / {@code fd_write}. */
    static final long POLL_FD_READWRITE = 1L << 27;
    /** {@code sock_shutdown}. */
    static final long SOCK_SHUTDOWN = 1L << 28;
    /** {@code sock_accept}. */
    static final long SOCK_ACCEPT = 1L << 29;

    /** Every right that applies to a regular file and only reads. */
    static final long FILE_READ_ONLY = FD_READ | FD_SEEK | FD_TELL | FD_ADVISE | FD_FILESTAT_GET
            | FD_FDSTAT_SET_FLAGS | POLL_FD_READWRITE;
    /** Every right that applies to a regular file. */
    static final long FILE_ALL = FILE_READ_ONLY | FD_DATASYNC | FD_SYNC | FD_WRITE | FD_ALLOCATE
            | FD_FILESTAT_SET_SIZE | FD_FILESTAT_SET_TIMES;
    /** The rights of a regular file that let it be modified (granted only with {@link #FD_WRITE} or alike). */
    static final long FILE_MODIFYING = FD_WRITE | FD_ALLOCATE | FD_FILESTAT_SET_SIZE;

    /** Every right that applies to a directory and only reads. */
    static final long DIRECTORY_READ_ONLY = PATH_OPEN | FD_READDIR | PATH_READLINK | PATH_FILESTAT_GET
            | FD_FILESTAT_GET | FD_FDSTAT_SET_FLAGS;
    /** Every right that applies to a directory. */
    static final long DIRECTORY_ALL = DIRECTORY_READ_ONLY | FD_DATASYNC | FD_SYNC | PATH_CREATE_DIRECTORY
            | PATH_CREATE_FILE | PATH_LINK_SOURCE | PATH_LINK_TARGET | PATH_RENAME_SOURCE | PATH_RENAME_TARGET
            | PATH_FILESTAT_SET_SIZE | PATH_FILESTAT_SET_TIMES | FD_FILESTAT_SET_TIMES | PATH_SYMLINK
            | PATH_REMOVE_DIRECTORY | PATH_UNLINK_FILE;

    /** What a read-write preopened directory may hand down. */
    static final long INHERITING_READ_WRITE = DIRECTORY_ALL | FILE_ALL;
    /** What a read-only preopened directory may hand down. */
    static final long INHERITING_READ_ONLY = DIRECTORY_READ_ONLY | FILE_READ_ONLY;

    /** Standard input. */
    static final long STDIN = FD_READ | FD_FILESTAT_GET | FD_FDSTAT_SET_FLAGS | POLL_FD_READWRITE;
    /** Standard output and standard error. */
    static final long STDOUT = FD_WRITE | FD_FILESTAT_GET | FD_FDSTAT_SET_FLAGS | POLL_FD_READWRITE;

    private Rights() {
    }

    /** Whether {@code set} holds every right of {@code wanted}. */
    static boolean has(long set, long wanted) {
        return (set & wanted) == wanted;
    }
}
