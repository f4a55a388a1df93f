package dev.airlock.marshal;

import dev.airlock.taint.SandboxMemory;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;

/** A fixed-size C array ({@link CArray}) held in a Java array of exactly that length. */
final class ArrayCodec extends Codec {
    private final Codec element;
    private final int length;
    private final Class<?> elementType;

    ArrayCodec(String where, Codec element, int length, Class<?> elementType) {
        super(where);
        if (length < 1) {
            throw new IllegalArgumentException(where + ": @CArray length must be at least 1, not " + length);
        }
        this.element = element;
        this.length = length;
        this.elementType = elementType;
    }

    @Override
    long size(Abi abi) {
        return Math.multiplyExact(element.size(abi), (long) length);
    }

    @Override
    long alignment(Abi abi) {
        return element.alignment(abi);
    }

    @Override
    Object read(ByteBuffer bytes, int offset, SandboxMemory owner, Abi abi) {
        Object array = Array.newInstance(elementType, length);
        int stride = (int) element.size(abi);
        for (int i = 0; i < length; i++) {
            Array.set(array, i, element.read(bytes, offset + i * stride, owner, abi));
        }
        return array;
    }

    @Override
    void write(ByteBuffer bytes, int offset, Object value, SandboxMemory owner, Abi abi) {
        requireValue(value);
        int actual = Array.getLength(value);
        if (actual != length) {
            throw new IllegalArgumentException(where + ": the C array has " + length + " elements, the Java array " + actual);
        }
        int stride = (int) element.size(abi);
        for (int i = 0; i < length; i++) {
            element.write(bytes, offset + i * stride, Array.get(value, i), owner, abi);
        }
    }

    @Override
    String declaration(String name, Abi abi) {
        return element.declaration(name, abi) + "[" + length + "]";
    }
}
