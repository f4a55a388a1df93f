package dev.airlock.wasm.testing;

import dev.airlock.wasm.ValType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles binary modules for tests (spec chapter 5), so that tests need no text-format tool.
 * Sections are written in the order the binary format requires. Nothing is validated: tests use
 * this to build malformed and invalid modules too.
 */
public final class WasmBuilder {
    private final List<byte[]> types = new ArrayList<>();
    private final Bytes imports = new Bytes();
    private int importCount;
    private int importedFunctions;
    private final List<Integer> functionTypes = new ArrayList<>();
    private final List<Code> bodies = new ArrayList<>();
    private final Bytes tables = new Bytes();
    private int tableCount;
    private final Bytes memories = new Bytes();
    private int memoryCount;
    private final Bytes globals = new Bytes();
    private int globalCount;
    private final Bytes exports = new Bytes();
    private int exportCount;
    private int start = -1;
    private final Bytes elements = new Bytes();
    private int elementCount;
    private final Bytes data = new Bytes();
    private int dataCount;
    private boolean writeDataCount;
    private final List<byte[]> customSections = new ArrayList<>();

    /** Adds a function type and returns its index. */
    public int type(ValType[] params, ValType[] results) {
        Bytes b = new Bytes();
        b.u8(0x60).u32(params.length);
        for (ValType t : params) {
            b.u8(t.binaryCode);
        }
        b.u32(results.length);
        for (ValType t : results) {
            b.u8(t.binaryCode);
        }
        types.add(b.toByteArray());
        return types.size() - 1;
    }

    /** Shorthand for {@link #type(ValType[], ValType[])} with no parameters. */
    public int type(ValType... results) {
        return type(new ValType[0], results);
    }

    /** Imports a function of type {@code typeIndex}; returns its function index. */
    public int importFunction(String module, String name, int typeIndex) {
        imports.name(module).name(name).u8(0x00).u32(typeIndex);
        importCount++;
        return importedFunctions++;
    }

    /** Imports a memory with the given page limits ({@code max < 0}: none). */
    public WasmBuilder importMemory(String module, String name, long min, long max) {
        imports.name(module).name(name).u8(0x02).limits(min, max);
        importCount++;
        return this;
    }

    /** Imports a global. */
    public WasmBuilder importGlobal(String module, String name, ValType type, boolean mutable) {
        imports.name(module).name(name).u8(0x03).u8(type.binaryCode).u8(mutable ? 1 : 0);
        importCount++;
        return this;
    }

    /** Imports a table. */
    public WasmBuilder importTable(String module, String name, ValType elementType, long min, long max) {
        imports.name(module).name(name).u8(0x01).u8(elementType.binaryCode).limits(min, max);
        importCount++;
        return this;
    }

    /** Defines a function of type {@code typeIndex}; returns its body, to be written up to and including its final {@code end}. */
    public Code function(int typeIndex) {
        functionTypes.add(typeIndex);
        Code code = new Code(importedFunctions + functionTypes.size() - 1);
        bodies.add(code);
        return code;
    }

    /** Defines a memory ({@code max < 0}: none). */
    public WasmBuilder memory(long min, long max) {
        memories.limits(min, max);
        memoryCount++;
        return this;
    }

    /** Defines a table ({@code max < 0}: none); returns its index among defined tables. */
    public int table(ValType elementType, long min, long max) {
        tables.u8(elementType.binaryCode).limits(min, max);
        return tableCount++;
    }

    /** Defines a global whose initialiser is {@code init} (without the final {@code end}). */
    public int global(ValType type, boolean mutable, Code init) {
        globals.u8(type.binaryCode).u8(mutable ? 1 : 0).raw(init.toByteArray()).u8(0x0B);
        return globalCount++;
    }

    /** Exports function {@code index} as {@code name}. */
    public WasmBuilder exportFunction(String name, int index) {
        return export(name, 0x00, index);
    }

    /** Exports an entity of binary kind {@code kind} (0 function, 1 table, 2 memory, 3 global). */
    public WasmBuilder export(String name, int kind, int index) {
        exports.name(name).u8(kind).u32(index);
        exportCount++;
        return this;
    }

    /** Sets the start function. */
    public WasmBuilder start(int function) {
        this.start = function;
        return this;
    }

    /** An active element segment for table 0 at constant offset, listing function indices. */
    public WasmBuilder activeElements(int offset, int... functions) {
        elements.u8(0x00).u8(0x41).s64(offset).u8(0x0B).u32(functions.length);
        for (int f : functions) {
            elements.u32(f);
        }
        elementCount++;
        return this;
    }

    /** An active data segment for memory 0 at constant offset. */
    public WasmBuilder activeData(int offset, byte[] bytes) {
        data.u8(0x00).u8(0x41).s64(offset).u8(0x0B).u32(bytes.length).raw(bytes);
        dataCount++;
        return this;
    }

    /** A passive data segment; also emits a data count section. */
    public WasmBuilder passiveData(byte[] bytes) {
        data.u8(0x01).u32(bytes.length).raw(bytes);
        dataCount++;
        writeDataCount = true;
        return this;
    }

    /** Appends a custom section. */
    public WasmBuilder custom(String name, byte[] contents) {
        customSections.add(new Bytes().name(name).raw(contents).toByteArray());
        return this;
    }

    /** The binary module. */
    public byte[] build() {
        Bytes out = new Bytes();
        out.raw(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
        if (!types.isEmpty()) {
            Bytes s = new Bytes().u32(types.size());
            types.forEach(s::raw);
            out.section(1, s);
        }
        if (importCount > 0) {
            out.section(2, new Bytes().u32(importCount).raw(imports.toByteArray()));
        }
        if (!functionTypes.isEmpty()) {
            Bytes s = new Bytes().u32(functionTypes.size());
            functionTypes.forEach(s::u32);
            out.section(3, s);
        }
        if (tableCount > 0) {
            out.section(4, new Bytes().u32(tableCount).raw(tables.toByteArray()));
        }
        if (memoryCount > 0) {
            out.section(5, new Bytes().u32(memoryCount).raw(memories.toByteArray()));
        }
        if (globalCount > 0) {
            out.section(6, new Bytes().u32(globalCount).raw(globals.toByteArray()));
        }
        if (exportCount > 0) {
            out.section(7, new Bytes().u32(exportCount).raw(exports.toByteArray()));
        }
        if (start >= 0) {
            out.section(8, new Bytes().u32(start));
        }
        if (elementCount > 0) {
            out.section(9, new Bytes().u32(elementCount).raw(elements.toByteArray()));
        }
        if (writeDataCount) {
            out.section(12, new Bytes().u32(dataCount));
        }
        if (!bodies.isEmpty()) {
            Bytes s = new Bytes().u32(bodies.size());
            for (Code c : bodies) {
                byte[] body = c.encodeBody();
                s.u32(body.length).raw(body);
            }
            out.section(10, s);
        }
        if (dataCount > 0) {
            out.section(11, new Bytes().u32(dataCount).raw(data.toByteArray()));
        }
        for (byte[] custom : customSections) {
            out.section(0, new Bytes().raw(custom));
        }
        return out.toByteArray();
    }

    /** A growable byte buffer with the binary format's primitive encodings (spec 5.2). */
    public static class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        /** One byte. */
        public Bytes u8(int b) {
            out.write(b);
            return this;
        }

        /** Unsigned LEB128. */
        public Bytes u32(long v) {
            do {
                int b = (int) (v & 0x7F);
                v >>>= 7;
                out.write(v != 0 ? b | 0x80 : b);
            } while (v != 0);
            return this;
        }

        /** Signed LEB128 (used for i32 and i64 constants). */
        public Bytes s64(long v) {
            while (true) {
                int b = (int) (v & 0x7F);
                v >>= 7;
                boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
                out.write(done ? b : b | 0x80);
                if (done) {
                    return this;
                }
            }
        }

        /** Raw bytes. */
        public Bytes raw(byte[] bytes) {
            out.write(bytes, 0, bytes.length);
            return this;
        }

        /** A length-prefixed UTF-8 name. */
        public Bytes name(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return u32(b.length).raw(b);
        }

        /** Limits ({@code max < 0}: none). */
        public Bytes limits(long min, long max) {
            return max < 0 ? u8(0x00).u32(min) : u8(0x01).u32(min).u32(max);
        }

        /** A section with its id and size prefix. */
        public Bytes section(int id, Bytes contents) {
            byte[] b = contents.toByteArray();
            return u8(id).u32(b.length).raw(b);
        }

        /** The bytes written so far. */
        public byte[] toByteArray() {
            return out.toByteArray();
        }

        /** Number of bytes written so far. */
        public int size() {
            return out.size();
        }
    }

    /** A function body or constant expression, written instruction by instruction. */
    public static final class Code extends Bytes {
        /** The function index of this body (for functions; -1 for constant expressions). */
        public final int functionIndex;
        private final List<long[]> localGroups = new ArrayList<>();

        private Code(int functionIndex) {
            this.functionIndex = functionIndex;
        }

        /** A constant expression (global initialiser); write the instructions without {@code end}. */
        public static Code expression() {
            return new Code(-1);
        }

        /** Declares {@code count} more locals of {@code type}. */
        public Code locals(int count, ValType type) {
            localGroups.add(new long[] {count, type.binaryCode});
            return this;
        }

        /** An opcode byte. */
        public Code op(int opcode) {
            u8(opcode);
            return this;
        }

        /** An opcode followed by one u32 immediate (local.get, call, br, ...). */
        public Code op(int opcode, long immediate) {
            u8(opcode);
            u32(immediate);
            return this;
        }

        /** A 0xFC-prefixed opcode. */
        public Code fc(int subOpcode) {
            u8(0xFC);
            u32(subOpcode);
            return this;
        }

        /** {@code i32.const v}. */
        public Code i32Const(int v) {
            u8(0x41);
            s64(v);
            return this;
        }

        /** {@code i64.const v}. */
        public Code i64Const(long v) {
            u8(0x42);
            s64(v);
            return this;
        }

        /** {@code f32.const v} by bits. */
        public Code f32Const(int bits) {
            u8(0x43);
            for (int i = 0; i < 4; i++) {
                u8((bits >>> (8 * i)) & 0xFF);
            }
            return this;
        }

        /** {@code f64.const v} by bits. */
        public Code f64Const(long bits) {
            u8(0x44);
            for (int i = 0; i < 8; i++) {
                u8((int) (bits >>> (8 * i)) & 0xFF);
            }
            return this;
        }

        /** A load or store with a memarg. */
        public Code mem(int opcode, int alignExponent, long offset) {
            u8(opcode);
            u32(alignExponent);
            u32(offset);
            return this;
        }

        /** {@code block}/{@code loop}/{@code if} with a value-type block type (null: empty). */
        public Code block(int opcode, ValType result) {
            u8(opcode);
            u8(result == null ? 0x40 : result.binaryCode);
            return this;
        }

        /** {@code block}/{@code loop}/{@code if} with a type-index block type. */
        public Code blockOfType(int opcode, int typeIndex) {
            u8(opcode);
            s64(typeIndex);
            return this;
        }

        /** {@code br_table} with the given depths and default. */
        public Code brTable(int[] depths, int defaultDepth) {
            u8(0x0E);
            u32(depths.length);
            for (int d : depths) {
                u32(d);
            }
            u32(defaultDepth);
            return this;
        }

        /** {@code end}. */
        public Code end() {
            u8(0x0B);
            return this;
        }

        byte[] encodeBody() {
            Bytes b = new Bytes().u32(localGroups.size());
            for (long[] g : localGroups) {
                b.u32(g[0]).u8((int) g[1]);
            }
            return b.raw(toByteArray()).toByteArray();
        }
    }
}
