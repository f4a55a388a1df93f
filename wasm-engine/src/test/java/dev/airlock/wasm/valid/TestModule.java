package dev.airlock.wasm.valid;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.ExternKind;
import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.GlobalType;
import dev.airlock.wasm.InvalidModuleException;
import dev.airlock.wasm.Limits;
import dev.airlock.wasm.MemoryType;
import dev.airlock.wasm.TableType;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.BlockType;
import dev.airlock.wasm.syntax.ConstantExpression;
import dev.airlock.wasm.syntax.DataSegment;
import dev.airlock.wasm.syntax.ElementSegment;
import dev.airlock.wasm.syntax.Export;
import dev.airlock.wasm.syntax.FunctionBody;
import dev.airlock.wasm.syntax.GlobalDefinition;
import dev.airlock.wasm.syntax.Import;
import dev.airlock.wasm.syntax.Instruction;
import dev.airlock.wasm.syntax.ModuleDefinition;
import dev.airlock.wasm.syntax.Opcode;
import dev.airlock.wasm.syntax.SegmentMode;
import java.util.Arrays;
import java.util.List;

/**
 * Test helper: builds {@link ModuleDefinition}s directly (no decoder needed) with a compact syntax
 * for instructions, and asserts validation outcomes.
 */
final class TestModule {
    /** The builder being filled. */
    final ModuleDefinition.Builder builder = new ModuleDefinition.Builder();

    // ---- types ----------------------------------------------------------------------------------

    /** Adds the function type {@code params -> results}; returns its index. */
    int type(ValType[] params, ValType[] results) {
        builder.types.add(FuncType.of(params, results));
        return builder.types.size() - 1;
    }

    /** A list of value types. */
    static ValType[] types(ValType... types) {
        return types;
    }

    // ---- index spaces ---------------------------------------------------------------------------

    /** Imports a function of type {@code typeIndex}. */
    TestModule importFunction(int typeIndex) {
        builder.imports.add(Import.function("m", "f" + builder.imports.size(), typeIndex));
        return this;
    }

    /** Imports a global. */
    TestModule importGlobal(ValType type, boolean mutable) {
        builder.imports.add(Import.global("m", "g" + builder.imports.size(), new GlobalType(type, mutable)));
        return this;
    }

    /** Imports a table. */
    TestModule importTable(ValType type, long min, long max) {
        builder.imports.add(Import.table("m", "t" + builder.imports.size(), new TableType(type, new Limits(min, max))));
        return this;
    }

    /** Imports a memory. */
    TestModule importMemory(long min, long max) {
        builder.imports.add(Import.memory("m", "mem" + builder.imports.size(), new MemoryType(new Limits(min, max))));
        return this;
    }

    /** Defines a function of type {@code typeIndex} with the given locals and body (the final end is added). */
    TestModule func(int typeIndex, ValType[] locals, Instruction... body) {
        Instruction[] code = Arrays.copyOf(body, body.length + 1);
        code[body.length] = op(Opcode.END);
        builder.functionTypeIndices.add(typeIndex);
        builder.code.add(new FunctionBody(locals, code, 0));
        return this;
    }

    /** Defines a function of type {@code typeIndex} without locals (the final end is added). */
    TestModule func(int typeIndex, Instruction... body) {
        return func(typeIndex, new ValType[0], body);
    }

    /** Defines a function of type {@code [params] -> [results]} without locals (the final end is added). */
    TestModule func(ValType[] params, ValType[] results, Instruction... body) {
        return func(type(params, results), new ValType[0], body);
    }

    /** Defines a function whose body is given verbatim, final end included or not. */
    TestModule rawFunc(int typeIndex, Instruction... code) {
        builder.functionTypeIndices.add(typeIndex);
        builder.code.add(new FunctionBody(new ValType[0], code, 0));
        return this;
    }

    /** Defines a table. */
    TestModule table(ValType type, long min, long max) {
        builder.tables.add(new TableType(type, new Limits(min, max)));
        return this;
    }

    /** Defines a memory. */
    TestModule memory(long min, long max) {
        builder.memories.add(new MemoryType(new Limits(min, max)));
        return this;
    }

    /** Defines a global. */
    TestModule global(ValType type, boolean mutable, Instruction... init) {
        builder.globals.add(new GlobalDefinition(new GlobalType(type, mutable), expr(init)));
        return this;
    }

    /** Adds an export. */
    TestModule export(String name, ExternKind kind, int index) {
        builder.exports.add(new Export(name, kind, index));
        return this;
    }

    /** Sets the start function. */
    TestModule start(int function) {
        builder.startFunction = function;
        return this;
    }

    /** An active element segment of funcref for {@code table} at offset 0, listing functions. */
    TestModule activeElem(int table, int... functions) {
        return elem(new ElementSegment(SegmentMode.ACTIVE, table, expr(i32(0)), ValType.FUNCREF, funcItems(functions)));
    }

    /** A passive or declarative element segment of funcref listing functions. */
    TestModule elem(SegmentMode mode, int... functions) {
        return elem(new ElementSegment(mode, 0, null, ValType.FUNCREF, funcItems(functions)));
    }

    /** Adds an element segment. */
    TestModule elem(ElementSegment segment) {
        builder.elements.add(segment);
        return this;
    }

    /** An active data segment for memory {@code memory} at offset {@code offset}. */
    TestModule activeData(int memory, Instruction... offset) {
        builder.data.add(new DataSegment(SegmentMode.ACTIVE, memory, expr(offset), new byte[] {1, 2}));
        return this;
    }

    /** A passive data segment; also sets the data count. */
    TestModule passiveData() {
        builder.data.add(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[] {1, 2}));
        builder.dataCount = builder.data.size();
        return this;
    }

    /** The finished module. */
    ModuleDefinition build() {
        return builder.build();
    }

    // ---- instructions ---------------------------------------------------------------------------

    /** An instruction without immediates. */
    static Instruction op(Opcode op) {
        return Instruction.simple(op);
    }

    /** An instruction with one index immediate. */
    static Instruction op(Opcode op, int index) {
        return Instruction.indexed(op, index);
    }

    /** An instruction with two index immediates. */
    static Instruction op(Opcode op, int index, int index2) {
        return new Instruction(op, index, index2, 0, null);
    }

    /** {@code i32.const v}. */
    static Instruction i32(int v) {
        return new Instruction(Opcode.I32_CONST, 0, 0, v, null);
    }

    /** {@code i64.const v}. */
    static Instruction i64(long v) {
        return new Instruction(Opcode.I64_CONST, 0, 0, v, null);
    }

    /** {@code f32.const 0}. */
    static Instruction f32() {
        return new Instruction(Opcode.F32_CONST, 0, 0, 0, null);
    }

    /** {@code f64.const 0}. */
    static Instruction f64() {
        return new Instruction(Opcode.F64_CONST, 0, 0, 0, null);
    }

    /** {@code block}/{@code loop}/{@code if} with result {@code t} (null: empty). */
    static Instruction block(Opcode op, ValType t) {
        return new Instruction(op, 0, 0, 0, t == null ? BlockType.EMPTY : BlockType.of(t));
    }

    /** {@code block}/{@code loop}/{@code if} with the block type at {@code typeIndex}. */
    static Instruction blockOfType(Opcode op, int typeIndex) {
        return new Instruction(op, 0, 0, 0, BlockType.ofTypeIndex(typeIndex));
    }

    /** {@code br_table depths... defaultDepth}. */
    static Instruction brTable(int defaultDepth, int... depths) {
        return new Instruction(Opcode.BR_TABLE, defaultDepth, 0, 0, depths);
    }

    /** A load or store with alignment exponent {@code align} and offset 0. */
    static Instruction mem(Opcode op, int align) {
        return new Instruction(op, align, 0, 0, null);
    }

    /** {@code ref.null t}. */
    static Instruction refNull(ValType t) {
        return new Instruction(Opcode.REF_NULL, 0, 0, 0, t);
    }

    /** Typed {@code select t*}. */
    static Instruction selectTyped(ValType... types) {
        return new Instruction(Opcode.SELECT_TYPED, 0, 0, 0, types);
    }

    /** A constant expression. */
    static ConstantExpression expr(Instruction... instructions) {
        return new ConstantExpression(instructions);
    }

    /** Element items {@code ref.func f} for each function. */
    static List<ConstantExpression> funcItems(int... functions) {
        ConstantExpression[] items = new ConstantExpression[functions.length];
        for (int i = 0; i < functions.length; i++) {
            items[i] = expr(op(Opcode.REF_FUNC, functions[i]));
        }
        return List.of(items);
    }

    // ---- assertions -----------------------------------------------------------------------------

    /** Asserts that the module validates. */
    void assertValid() {
        ModuleDefinition module = build();
        assertDoesNotThrow(() -> ModuleValidator.validate(module));
    }

    /** Asserts that validation fails with a message starting with {@code text}; returns the exception. */
    InvalidModuleException assertInvalid(String text) {
        ModuleDefinition module = build();
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> ModuleValidator.validate(module));
        assertTrue(e.getMessage().startsWith(text), () -> "expected \"" + text + "\" but got \"" + e.getMessage() + "\"");
        return e;
    }
}
