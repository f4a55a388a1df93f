package dev.airlock.marshal;

import dev.airlock.taint.SandboxMemory;
import java.nio.ByteBuffer;

/** A {@link Pointer @Pointer long}: a raw sandbox address of the ABI's pointer size. */
final class RawPointerCodec extends Codec {
    RawPointerCodec(String where) {
        super(where);
    }

    @Override
    long size(Abi abi) {
        return abi.pointerSize();
    }

    @Override
    long alignment(Abi abi) {
        return abi.pointerAlignment();
    }

    @Override
    Object read(ByteBuffer bytes, int offset, SandboxMemory owner, Abi abi) {
        return abi.pointerSize() == 4 ? Integer.toUnsignedLong(bytes.getInt(offset)) : bytes.getLong(offset);
    }

    @Override
    void write(ByteBuffer bytes, int offset, Object value, SandboxMemory owner, Abi abi) {
        long address = (Long) requireValue(value);
        if (abi.pointerSize() == 4) {
            if ((address >>> 32) != 0) {
                throw new IllegalArgumentException(where + ": 0x" + Long.toHexString(address) + " is not a wasm32 address");
            }
            bytes.putInt(offset, (int) address);
        } else {
            bytes.putLong(offset, address);
        }
    }

    @Override
    String declaration(String name, Abi abi) {
        return "void *" + name;
    }
}
