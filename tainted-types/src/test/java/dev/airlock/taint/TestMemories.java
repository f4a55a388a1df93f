package dev.airlock.taint;

/** Memories with adversarial behaviour, for tests. */
final class TestMemories {
    private TestMemories() {}

    /**
     * A memory whose 32-bit value at one address changes after every read, like a sandbox thread
     * racing the host: the first read returns {@code first}, every later read {@code later}.
     */
    static final class Racing extends Delegating {
        private final long address;
        private final int later;
        int reads;

        Racing(HeapSandboxMemory memory, long address, int first, int later) {
            super(memory, true);
            this.address = address;
            this.later = later;
            memory.putInt(address, first);
        }

        @Override
        public int getInt(long a) {
            int v = super.getInt(a);
            if (a == address) {
                reads++;
                delegate.putInt(address, later);
            }
            return v;
        }

        @Override
        public void copyOut(long a, byte[] dst, int off, int len) {
            super.copyOut(a, dst, off, len);
            if (a <= address && address < a + len) {
                reads++;
                delegate.putInt(address, later);
            }
        }
    }

    /** A memory that forwards everything, optionally claiming not to be isolated (native-like). */
    static class Delegating implements SandboxMemory {
        final HeapSandboxMemory delegate;
        private final boolean isolated;
        long largestCopy;

        Delegating(HeapSandboxMemory delegate, boolean isolated) {
            this.delegate = delegate;
            this.isolated = isolated;
        }

        @Override public Object owner() { return delegate.owner(); }
        @Override public int pointerSize() { return delegate.pointerSize(); }
        @Override public boolean isIsolated() { return isolated; }
        @Override public long size() { return isolated ? delegate.size() : Long.MAX_VALUE; }
        @Override public void checkRange(long a, long l) { delegate.checkRange(a, l); }
        @Override public byte getByte(long a) { return delegate.getByte(a); }
        @Override public short getShort(long a) { return delegate.getShort(a); }
        @Override public int getInt(long a) { return delegate.getInt(a); }
        @Override public long getLong(long a) { return delegate.getLong(a); }
        @Override public float getFloat(long a) { return delegate.getFloat(a); }
        @Override public double getDouble(long a) { return delegate.getDouble(a); }
        @Override public long getPointer(long a) { return delegate.getPointer(a); }
        @Override public void putByte(long a, byte v) { delegate.putByte(a, v); }
        @Override public void putShort(long a, short v) { delegate.putShort(a, v); }
        @Override public void putInt(long a, int v) { delegate.putInt(a, v); }
        @Override public void putLong(long a, long v) { delegate.putLong(a, v); }
        @Override public void putFloat(long a, float v) { delegate.putFloat(a, v); }
        @Override public void putDouble(long a, double v) { delegate.putDouble(a, v); }
        @Override public void putPointer(long a, long v) { delegate.putPointer(a, v); }
        @Override public void copyIn(long a, byte[] s, int o, int l) { delegate.copyIn(a, s, o, l); }
        @Override public void fill(long a, long l, byte v) { delegate.fill(a, l, v); }
        @Override public void copyWithin(long d, long s, long l) { delegate.copyWithin(d, s, l); }

        @Override
        public void copyOut(long a, byte[] dst, int off, int len) {
            largestCopy = Math.max(largestCopy, len);
            if (!isolated && Math.floorDiv(a, 4096) != Math.floorDiv(a + len - 1, 4096)) {
                throw new AssertionError("a native read crossed a page boundary: " + a + " + " + len);
            }
            delegate.copyOut(a, dst, off, len);
        }
    }
}
