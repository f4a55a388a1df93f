package dev.airlock.wasm.wasi;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Standard input, output or error (preview1 descriptors 0, 1 and 2, which wasi-libc uses as
 * {@code stdin}, {@code stdout}, {@code stderr}): a host stream the embedder configured.
 * Not seekable ({@code fd_seek} gives {@code spipe}); its {@code filetype} is {@code unknown}, so
 * programs do not take it for a terminal. Closing it only removes it from the table: the host
 * stream stays open.
 */
final class StreamDescriptor extends Descriptor {
    /** The stream read by {@code fd_read}, or null for an output stream. */
    final InputStream in;
    /** The stream written by {@code fd_write}, or null for an input stream. */
    final OutputStream out;

    private StreamDescriptor(InputStream in, OutputStream out, long rights) {
        super(rights, 0, 0);
        this.in = in;
        this.out = out;
    }

    /** Standard input. */
    static StreamDescriptor input(InputStream in) {
        return new StreamDescriptor(in, null, Rights.STDIN);
    }

    /** Standard output or error. */
    static StreamDescriptor output(OutputStream out) {
        return new StreamDescriptor(null, out, Rights.STDOUT);
    }

    @Override
    int fileType() {
        return WasiTypes.FILETYPE_UNKNOWN;
    }
}
