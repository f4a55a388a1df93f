package dev.airlock.marshal;

import dev.airlock.taint.Pointee;
import dev.airlock.taint.SandboxMemory;
import dev.airlock.taint.TaintedPointer;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * A {@code TaintedPointer<T>} component: read as a tainted pointer into the memory the struct came
 * from, written after an ownership check. The pointee type is resolved on first use, because a
 * struct may point to itself ({@code struct node *next}) and its layout is still being built when
 * this codec is.
 */
final class PointerCodec extends Codec {
    private final Supplier<Pointee<?>> target;
    private final String targetName;
    private volatile Pointee<?> resolved;

    PointerCodec(String where, Supplier<Pointee<?>> target, String targetName) {
        super(where);
        this.target = target;
        this.targetName = targetName;
    }

    private Pointee<?> pointee() {
        Pointee<?> p = resolved;
        if (p == null) {
            p = target.get();
            resolved = p;
        }
        return p;
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
        long address = abi.pointerSize() == 4 ? Integer.toUnsignedLong(bytes.getInt(offset)) : bytes.getLong(offset);
        return TaintedPointer.of(owner, address, pointee());
    }

    @Override
    void write(ByteBuffer bytes, int offset, Object value, SandboxMemory owner, Abi abi) {
        long address = ((TaintedPointer<?>) requireValue(value)).unverifiedAddressBecause(owner,
                "stored into a struct in the memory of the sandbox the pointer came from");
        if (abi.pointerSize() == 4) {
            bytes.putInt(offset, (int) address);
        } else {
            bytes.putLong(offset, address);
        }
    }

    @Override
    String declaration(String name, Abi abi) {
        return targetName + " *" + name;
    }
}
