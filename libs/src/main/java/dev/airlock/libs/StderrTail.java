package dev.airlock.libs;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The last {@code capacity} bytes written: a library's standard error, kept for trap messages. */
final class StderrTail extends OutputStream {
    private final byte[] buffer;
    private int length;

    StderrTail(int capacity) {
        this.buffer = new byte[capacity];
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (len >= buffer.length) {
            System.arraycopy(b, off + len - buffer.length, buffer, 0, buffer.length);
            length = buffer.length;
            return;
        }
        int keep = Math.min(length, buffer.length - len);
        System.arraycopy(buffer, length - keep, buffer, 0, keep);
        System.arraycopy(b, off, buffer, keep, len);
        length = keep + len;
    }

    void reset() {
        length = 0;
    }

    /** "; stderr: ..." with what was written, or "" if nothing was. */
    String describe() {
        if (length == 0) {
            return "";
        }
        return "; stderr: " + new String(buffer, 0, length, StandardCharsets.UTF_8).strip();
    }
}
