package dev.airlock.wasm.wasi;

/**
 * Values and layouts of the WASI preview1 types ({@code typenames.witx}) other than errno and
 * rights: enums, flags, and the size and field offsets of the records the functions read and
 * write in the caller's memory (wasm32 layout: each field aligned to its size, as in
 * {@code wasi/api.h}).
 */
final class WasiTypes {
    /** {@code filetype::unknown}. */
    static final int FILETYPE_UNKNOWN = 0;
    /** {@code filetype::block_device}. */
    static final int FILETYPE_BLOCK_DEVICE = 1;
    /** {@code filetype::character_device}. */
    static final int FILETYPE_CHARACTER_DEVICE = 2;
    /** {@code filetype::directory}. */
    static final int FILETYPE_DIRECTORY = 3;
    /** {@code filetype::regular_file}. */
    static final int FILETYPE_REGULAR_FILE = 4;
    /** {@code filetype::symbolic_link}. */
    static final int FILETYPE_SYMBOLIC_LINK = 7;

    /** {@code fdflags::append}. */
    static final int FDFLAGS_APPEND = 1;
    /** {@code fdflags::dsync}. */
    static final int FDFLAGS_DSYNC = 2;
    /** {@code fdflags::nonblock}. */
    static final int FDFLAGS_NONBLOCK = 4;
    /** {@code fdflags::rsync}. */
    static final int FDFLAGS_RSYNC = 8;
    /** {@code fdflags::sync}. */
    static final int FDFLAGS_SYNC = 16;
    /** Every defined {@code fdflags} bit. */
    static final int FDFLAGS_ALL = 31;

    /** {@code oflags::creat}. */
    static final int OFLAGS_CREAT = 1;
    /** {@code oflags::directory}. */
    static final int OFLAGS_DIRECTORY = 2;
    /** {@code oflags::excl}. */
    static final int OFLAGS_EXCL = 4;
    /** {@code oflags::trunc}. */
    static final int OFLAGS_TRUNC = 8;
    /** Every defined {@code oflags} bit. */
    static final int OFLAGS_ALL = 15;

    /** {@code lookupflags::symlink_follow}. */
    static final int LOOKUP_SYMLINK_FOLLOW = 1;

    /** {@code fstflags::atim}. */
    static final int FST_ATIM = 1;
    /** {@code fstflags::atim_now}. */
    static final int FST_ATIM_NOW = 2;
    /** {@code fstflags::mtim}. */
    static final int FST_MTIM = 4;
    /** {@code fstflags::mtim_now}. */
    static final int FST_MTIM_NOW = 8;
    /** Every defined {@code fstflags} bit. */
    static final int FST_ALL = 15;

    /** {@code whence::set}. */
    static final int WHENCE_SET = 0;
    /** {@code whence::cur}. */
    static final int WHENCE_CUR = 1;
    /** {@code whence::end}. */
    static final int WHENCE_END = 2;

    /** The largest {@code advice} value ({@code noreuse}). */
    static final int ADVICE_MAX = 5;

    /** {@code eventtype::clock}. */
    static final int EVENTTYPE_CLOCK = 0;
    /** {@code eventtype::fd_read}. */
    static final int EVENTTYPE_FD_READ = 1;
    /** {@code eventtype::fd_write}. */
    static final int EVENTTYPE_FD_WRITE = 2;
    /** {@code subclockflags::subscription_clock_abstime}. */
    static final int SUBCLOCK_ABSTIME = 1;

    /** {@code preopentype::dir}. */
    static final int PREOPENTYPE_DIR = 0;

    /** {@code iovec} / {@code ciovec}: {@code buf} (pointer) at 0, {@code buf_len} (u32) at 4. */
    static final int IOVEC_SIZE = 8;
    /** The most iovecs one call takes ({@code IOV_MAX} of wasi-libc, as on Linux); more is {@code inval}. */
    static final int IOV_MAX = 1024;

    /** {@code fdstat}: filetype u8 at 0, flags u16 at 2, rights_base u64 at 8, rights_inheriting u64 at 16. */
    static final int FDSTAT_SIZE = 24;

    /**
     * {@code filestat}: dev u64 at 0, ino u64 at 8, filetype u8 at 16, nlink u64 at 24, size u64 at
     * 32, atim at 40, mtim at 48, ctim at 56.
     */
    static final int FILESTAT_SIZE = 64;

    /** {@code dirent}: d_next u64 at 0, d_ino u64 at 8, d_namlen u32 at 16, d_type u8 at 20; the name follows. */
    static final int DIRENT_SIZE = 24;

    /** {@code prestat}: tag u8 at 0, {@code prestat_dir.pr_name_len} u32 at 4. */
    static final int PRESTAT_SIZE = 8;

    /**
     * {@code subscription}: userdata u64 at 0, the tag (eventtype) u8 at 8, the union at 16:
     * {@code subscription_clock} (id u32 at 16, timeout u64 at 24, precision u64 at 32, flags u16
     * at 40) or {@code subscription_fd_readwrite} (file_descriptor u32 at 16).
     */
    static final int SUBSCRIPTION_SIZE = 48;

    /**
     * {@code event}: userdata u64 at 0, error u16 at 8, type u8 at 10, {@code fd_readwrite} at 16
     * (nbytes u64 at 16, flags u16 at 24).
     */
    static final int EVENT_SIZE = 32;

    /** The longest path (in bytes) a function accepts ({@code PATH_MAX} of wasi-libc). */
    static final int PATH_MAX = 4096;
    /** The longest path component (in bytes) ({@code NAME_MAX} of wasi-libc). */
    static final int NAME_MAX = 255;

    private WasiTypes() {
    }
}
