package dev.airlock.taint;

import java.util.Objects;

/**
 * The C scalar types as {@link Pointee}s, for typing {@link TaintedPointer}s. The fixed-width
 * types have the same size in every ABI; the pointer types take the ABI's pointer size. For the C
 * types whose size depends on the ABI ({@code long}, {@code size_t}) use the marshalling module's
 * ABI descriptions, or pick the fixed-width type that matches the backend.
 */
public final class Pointees {
    private Pointees() {}

    /** {@code int8_t} / {@code signed char}, read as a Java byte. */
    public static final Pointee<Byte> INT8 = new ScalarPointee<>("int8_t", 1,
            SandboxMemory::getByte, SandboxMemory::putByte);

    /**
     * {@code uint8_t} / {@code unsigned char}, read as a Java byte holding the same bits (use
     * {@link Byte#toUnsignedInt} for the number). The usual type of pixel and file buffers.
     */
    public static final Pointee<Byte> UINT8 = new ScalarPointee<>("uint8_t", 1,
            SandboxMemory::getByte, SandboxMemory::putByte);

    /** {@code bool} / {@code _Bool}: one byte, any non-zero value reads as true. */
    public static final Pointee<Boolean> BOOL = new ScalarPointee<>("bool", 1,
            (m, a) -> m.getByte(a) != 0, (m, a, v) -> m.putByte(a, (byte) (v ? 1 : 0)));

    /** {@code int16_t} / {@code short}. */
    public static final Pointee<Short> INT16 = new ScalarPointee<>("int16_t", 2,
            SandboxMemory::getShort, SandboxMemory::putShort);

    /** {@code uint16_t}, read as a Java char (an unsigned 16-bit value). */
    public static final Pointee<Character> UINT16 = new ScalarPointee<>("uint16_t", 2,
            (m, a) -> (char) m.getShort(a), (m, a, v) -> m.putShort(a, (short) v.charValue()));

    /** {@code int32_t} / {@code int} (also {@code uint32_t}: the same bits, compare unsigned). */
    public static final Pointee<Integer> INT32 = new ScalarPointee<>("int32_t", 4,
            SandboxMemory::getInt, SandboxMemory::putInt);

    /** {@code int64_t} / {@code long long} (also {@code uint64_t}: the same bits). */
    public static final Pointee<Long> INT64 = new ScalarPointee<>("int64_t", 8,
            SandboxMemory::getLong, SandboxMemory::putLong);

    /** {@code float}. */
    public static final Pointee<Float> FLOAT32 = new ScalarPointee<>("float", 4,
            SandboxMemory::getFloat, SandboxMemory::putFloat);

    /** {@code double}. */
    public static final Pointee<Double> FLOAT64 = new ScalarPointee<>("double", 8,
            SandboxMemory::getDouble, SandboxMemory::putDouble);

    /**
     * {@code void}: what a {@code void*} points to. It has no size, so a {@code TaintedPointer<Void>}
     * can be passed around, compared and cast ({@link TaintedPointer#cast}), but not dereferenced
     * or moved — as in standard C.
     */
    public static final Pointee<Void> VOID = new VoidPointee();

    /**
     * {@code void*} stored in memory (an element of a {@code void**}): reads as a tainted pointer
     * into the same sandbox.
     */
    public static final Pointee<TaintedPointer<Void>> POINTER = pointerTo(VOID);

    /**
     * A pointer stored in memory, pointing to {@code target}: {@code T*} as an element of {@code T**}
     * or as a struct field. Reading yields a {@link TaintedPointer} into the same sandbox (it stays
     * tainted); writing checks that the stored pointer belongs to that sandbox.
     *
     * @param target what the stored pointer points to
     * @param <U> the Java type of the target
     * @return the pointer pointee, sized by the ABI's pointer size
     */
    public static <U> Pointee<TaintedPointer<U>> pointerTo(Pointee<U> target) {
        return new PointerPointee<>(Objects.requireNonNull(target, "target"));
    }

    /** A reader of one scalar. */
    @FunctionalInterface
    interface Reader<T> {
        T read(SandboxMemory memory, long address);
    }

    /** A writer of one scalar. */
    @FunctionalInterface
    interface Writer<T> {
        void write(SandboxMemory memory, long address, T value);
    }

    /** A fixed-size scalar, naturally aligned (true of every C scalar in both supported ABIs). */
    static final class ScalarPointee<T> implements Pointee<T> {
        private final String name;
        private final int size;
        private final Reader<T> reader;
        private final Writer<T> writer;

        ScalarPointee(String name, int size, Reader<T> reader, Writer<T> writer) {
            this.name = name;
            this.size = size;
            this.reader = reader;
            this.writer = writer;
        }

        @Override
        public long size(int pointerSize) {
            return size;
        }

        @Override
        public long alignment(int pointerSize) {
            return size;
        }

        @Override
        public T read(SandboxMemory memory, long address) {
            return reader.read(memory, address);
        }

        @Override
        public void write(SandboxMemory memory, long address, T value) {
            writer.write(memory, address, Objects.requireNonNull(value, "value"));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code void}: no size, no contents. */
    static final class VoidPointee implements Pointee<Void> {
        @Override
        public long size(int pointerSize) {
            return 0;
        }

        @Override
        public long alignment(int pointerSize) {
            return 1;
        }

        @Override
        public Void read(SandboxMemory memory, long address) {
            throw new IllegalStateException("cannot dereference a void pointer: cast it to a sized type first");
        }

        @Override
        public void write(SandboxMemory memory, long address, Void value) {
            throw new IllegalStateException("cannot write through a void pointer: cast it to a sized type first");
        }

        @Override
        public String toString() {
            return "void";
        }
    }

    /** A pointer stored in sandbox memory. */
    static final class PointerPointee<U> implements Pointee<TaintedPointer<U>> {
        private final Pointee<U> target;

        PointerPointee(Pointee<U> target) {
            this.target = target;
        }

        @Override
        public long size(int pointerSize) {
            return pointerSize;
        }

        @Override
        public long alignment(int pointerSize) {
            return pointerSize;
        }

        @Override
        public TaintedPointer<U> read(SandboxMemory memory, long address) {
            return TaintedPointer.of(memory, memory.getPointer(address), target);
        }

        @Override
        public void write(SandboxMemory memory, long address, TaintedPointer<U> value) {
            memory.putPointer(address, value.addressIn(memory));
        }

        @Override
        public String toString() {
            return target + "*";
        }
    }
}
