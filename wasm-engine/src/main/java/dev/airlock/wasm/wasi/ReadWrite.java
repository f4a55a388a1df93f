package dev.airlock.wasm.wasi;

import dev.airlock.wasm.runtime.Instance;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Preview1 {@code fd_read}, {@code fd_write}, {@code fd_pread}, {@code fd_pwrite},
 * {@code fd_seek} and {@code fd_tell}: data moves between the module's memory and a host stream
 * or file in ranges (through a 64 KiB buffer), never byte by byte.
 *
 * <ul>
 *   <li>Standard input is read with one blocking read plus whatever more is available; standard
 *       output and error are written and flushed on every call. Streams cannot seek ({@code spipe}).</li>
 *   <li>A regular file reads and writes at its offset ({@code fd_read}/{@code fd_write}) or at a
 *       given one ({@code fd_pread}/{@code fd_pwrite}, which need {@code fd_seek} too and leave the
 *       offset alone). With {@code fdflags::append}, every {@code fd_write} goes to the end.</li>
 *   <li>A directory cannot be read or written ({@code isdir}). A descriptor without the right
 *       {@code fd_read} / {@code fd_write} gives {@code badf}, as POSIX does for a descriptor
 *       not open for reading / writing; without {@code fd_seek}, positioned I/O and seeking give
 *       {@code notcapable}.</li>
 * </ul>
 */
final class ReadWrite {
    /** Shared state. */
    private final WasiContext context;

    ReadWrite(WasiContext context) {
        this.context = context;
    }

    /** {@code fd_read(fd, iovs, iovs_len, nread_out) -> errno}. */
    int fdRead(Instance caller, int fd, int iovs, int iovsLen, int nreadOut) throws IOException {
        GuestMemory memory = WasiContext.memory(caller);
        Descriptor d = context.descriptor(fd);
        IoVectors v = IoVectors.read(memory, iovs, iovsLen);
        memory.check(nreadOut, 4);
        int n;
        if (d instanceof OpenDirectory) {
            throw new ErrnoException(Errno.ISDIR);
        }
        d.require(Rights.FD_READ, Errno.BADF);
        if (d instanceof StreamDescriptor) {
            n = readStream(memory, ((StreamDescriptor) d).in, v);
        } else {
            n = readFile(memory, ((OpenFile) d).channel, v, -1);
        }
        memory.putU32(nreadOut, n);
        return Errno.SUCCESS;
    }

    /** {@code fd_pread(fd, iovs, iovs_len, offset, nread_out) -> errno}. */
    int fdPread(Instance caller, int fd, int iovs, int iovsLen, long offset, int nreadOut) throws IOException {
        GuestMemory memory = WasiContext.memory(caller);
        OpenFile f = seekableFile(context.descriptor(fd), Rights.FD_READ);
        IoVectors v = IoVectors.read(memory, iovs, iovsLen);
        memory.check(nreadOut, 4);
        if (offset < 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        memory.putU32(nreadOut, readFile(memory, f.channel, v, offset));
        return Errno.SUCCESS;
    }

    /** {@code fd_write(fd, iovs, iovs_len, nwritten_out) -> errno}. */
    int fdWrite(Instance caller, int fd, int iovs, int iovsLen, int nwrittenOut) throws IOException {
        GuestMemory memory = WasiContext.memory(caller);
        Descriptor d = context.descriptor(fd);
        IoVectors v = IoVectors.read(memory, iovs, iovsLen);
        memory.check(nwrittenOut, 4);
        if (d instanceof OpenDirectory) {
            throw new ErrnoException(Errno.ISDIR);
        }
        d.require(Rights.FD_WRITE, Errno.BADF);
        if (d instanceof StreamDescriptor) {
            writeStream(memory, ((StreamDescriptor) d).out, v);
        } else {
            OpenFile f = (OpenFile) d;
            f.root.requireWritable();
            if ((f.flags & WasiTypes.FDFLAGS_APPEND) != 0) {
                f.channel.position(f.channel.size());
            }
            writeFile(memory, f.channel, v, -1);
        }
        memory.putU32(nwrittenOut, v.total);
        return Errno.SUCCESS;
    }

    /** {@code fd_pwrite(fd, iovs, iovs_len, offset, nwritten_out) -> errno}. */
    int fdPwrite(Instance caller, int fd, int iovs, int iovsLen, long offset, int nwrittenOut) throws IOException {
        GuestMemory memory = WasiContext.memory(caller);
        OpenFile f = seekableFile(context.descriptor(fd), Rights.FD_WRITE);
        IoVectors v = IoVectors.read(memory, iovs, iovsLen);
        memory.check(nwrittenOut, 4);
        if (offset < 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        if (offset + v.total < 0) {
            throw new ErrnoException(Errno.FBIG);
        }
        f.root.requireWritable();
        writeFile(memory, f.channel, v, offset);
        memory.putU32(nwrittenOut, v.total);
        return Errno.SUCCESS;
    }

    /** {@code fd_seek(fd, offset, whence, newoffset_out) -> errno}. */
    int fdSeek(Instance caller, int fd, long offset, int whence, int out) throws IOException {
        GuestMemory memory = WasiContext.memory(caller);
        Descriptor d = context.descriptor(fd);
        if (d instanceof StreamDescriptor) {
            throw new ErrnoException(Errno.SPIPE);
        }
        d.require(whence == WasiTypes.WHENCE_CUR && offset == 0 && !Rights.has(d.rightsBase, Rights.FD_SEEK)
                ? Rights.FD_TELL : Rights.FD_SEEK);
        if (!(d instanceof OpenFile)) {
            throw new ErrnoException(Errno.BADF);
        }
        memory.check(out, 8);
        FileChannel channel = ((OpenFile) d).channel;
        long base;
        switch (whence) {
            case WasiTypes.WHENCE_SET:
                base = 0;
                break;
            case WasiTypes.WHENCE_CUR:
                base = channel.position();
                break;
            case WasiTypes.WHENCE_END:
                base = channel.size();
                break;
            default:
                throw new ErrnoException(Errno.INVAL);
        }
        long target;
        try {
            target = Math.addExact(base, offset);
        } catch (ArithmeticException e) {
            throw new ErrnoException(Errno.OVERFLOW);
        }
        if (target < 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        channel.position(target);
        memory.putU64(out, target);
        return Errno.SUCCESS;
    }

    /** {@code fd_tell(fd, offset_out) -> errno}. */
    int fdTell(Instance caller, int fd, int out) throws IOException {
        GuestMemory memory = WasiContext.memory(caller);
        Descriptor d = context.descriptor(fd);
        if (d instanceof StreamDescriptor) {
            throw new ErrnoException(Errno.SPIPE);
        }
        if (!Rights.has(d.rightsBase, Rights.FD_SEEK)) {
            d.require(Rights.FD_TELL);
        }
        if (!(d instanceof OpenFile)) {
            throw new ErrnoException(Errno.BADF);
        }
        memory.check(out, 8);
        memory.putU64(out, ((OpenFile) d).channel.position());
        return Errno.SUCCESS;
    }

    /**
     * {@code d} as a file that allows positioned I/O with {@code right} ({@code fd_read} or
     * {@code fd_write}: {@code badf} without it, as POSIX has for a descriptor not open for that)
     * and {@code fd_seek} ({@code notcapable} without it).
     */
    private static OpenFile seekableFile(Descriptor d, long right) {
        if (d instanceof StreamDescriptor) {
            throw new ErrnoException(Errno.SPIPE);
        }
        if (d instanceof OpenDirectory) {
            throw new ErrnoException(Errno.ISDIR);
        }
        d.require(right, Errno.BADF);
        d.require(Rights.FD_SEEK);
        return (OpenFile) d;
    }

    /** Reads into the vectors from {@code in}: one read that may block, then what is available. */
    private int readStream(GuestMemory memory, InputStream in, IoVectors v) throws IOException {
        byte[] buf = context.scratch;
        int total = 0;
        for (int i = 0; i < v.lengths.length; i++) {
            int done = 0;
            while (done < v.lengths[i]) {
                if (total > 0 && in.available() <= 0) {
                    return total;
                }
                int r = in.read(buf, 0, Math.min(buf.length, v.lengths[i] - done));
                if (r <= 0) {
                    return total;
                }
                memory.write(v.addresses[i] + done, buf, 0, r);
                done += r;
                total += r;
            }
        }
        return total;
    }

    /** Reads into the vectors from {@code channel}, at its offset if {@code position} is -1. */
    private int readFile(GuestMemory memory, FileChannel channel, IoVectors v, long position) throws IOException {
        byte[] buf = context.scratch;
        int total = 0;
        for (int i = 0; i < v.lengths.length; i++) {
            int done = 0;
            while (done < v.lengths[i]) {
                int chunk = Math.min(buf.length, v.lengths[i] - done);
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, chunk);
                int r = position < 0 ? channel.read(bb) : channel.read(bb, position + total);
                if (r <= 0) {
                    return total;
                }
                memory.write(v.addresses[i] + done, buf, 0, r);
                done += r;
                total += r;
                if (r < chunk) {
                    return total;
                }
            }
        }
        return total;
    }

    /** Writes the vectors to {@code out} and flushes it. */
    private void writeStream(GuestMemory memory, OutputStream out, IoVectors v) throws IOException {
        byte[] buf = context.scratch;
        for (int i = 0; i < v.lengths.length; i++) {
            for (int done = 0; done < v.lengths[i]; ) {
                int chunk = Math.min(buf.length, v.lengths[i] - done);
                memory.read(v.addresses[i] + done, buf, 0, chunk);
                out.write(buf, 0, chunk);
                done += chunk;
            }
        }
        out.flush();
    }

    /** Writes the vectors to {@code channel}, at its offset if {@code position} is -1. */
    private void writeFile(GuestMemory memory, FileChannel channel, IoVectors v, long position) throws IOException {
        byte[] buf = context.scratch;
        long at = position;
        for (int i = 0; i < v.lengths.length; i++) {
            for (int done = 0; done < v.lengths[i]; ) {
                int chunk = Math.min(buf.length, v.lengths[i] - done);
                memory.read(v.addresses[i] + done, buf, 0, chunk);
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, chunk);
                while (bb.hasRemaining()) {
                    if (position < 0) {
                        channel.write(bb);
                    } else {
                        at += channel.write(bb, at);
                    }
                }
                done += chunk;
            }
        }
    }
}
