package dev.airlock.marshal;

import dev.airlock.taint.SandboxMemory;
import java.nio.ByteBuffer;

/** A nested record component: a struct embedded by value. */
final class StructCodec extends Codec {
    private final StructLayout<?> layout;

    StructCodec(String where, StructLayout<?> layout) {
        super(where);
        this.layout = layout;
    }

    @Override
    long size(Abi abi) {
        return layout.size(abi);
    }

    @Override
    long alignment(Abi abi) {
        return layout.alignment(abi);
    }

    @Override
    Object read(ByteBuffer bytes, int offset, SandboxMemory owner, Abi abi) {
        return layout.decode(bytes, offset, owner, abi);
    }

    @Override
    void write(ByteBuffer bytes, int offset, Object value, SandboxMemory owner, Abi abi) {
        layout.encodeUnchecked(bytes, offset, requireValue(value), owner, abi);
    }

    @Override
    String declaration(String name, Abi abi) {
        return "struct " + layout.cName() + " " + name;
    }
}
