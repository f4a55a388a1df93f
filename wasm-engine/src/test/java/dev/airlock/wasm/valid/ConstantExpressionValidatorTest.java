package dev.airlock.wasm.valid;

import static dev.airlock.wasm.ValType.EXTERNREF;
import static dev.airlock.wasm.ValType.F32;
import static dev.airlock.wasm.ValType.F64;
import static dev.airlock.wasm.ValType.FUNCREF;
import static dev.airlock.wasm.ValType.I32;
import static dev.airlock.wasm.ValType.I64;
import static dev.airlock.wasm.syntax.Opcode.END;
import static dev.airlock.wasm.syntax.Opcode.GLOBAL_GET;
import static dev.airlock.wasm.syntax.Opcode.I32_ADD;
import static dev.airlock.wasm.syntax.Opcode.I32_CTZ;
import static dev.airlock.wasm.syntax.Opcode.NOP;
import static dev.airlock.wasm.syntax.Opcode.REF_FUNC;
import static dev.airlock.wasm.valid.TestModule.f32;
import static dev.airlock.wasm.valid.TestModule.f64;
import static dev.airlock.wasm.valid.TestModule.i32;
import static dev.airlock.wasm.valid.TestModule.i64;
import static dev.airlock.wasm.valid.TestModule.op;
import static dev.airlock.wasm.valid.TestModule.refNull;

import dev.airlock.wasm.GlobalType;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.GlobalDefinition;
import org.junit.jupiter.api.Test;

/** Tests of {@link ConstantExpressionValidator} (spec 3.3.10), through global initialisers and offsets. */
class ConstantExpressionValidatorTest {
    private static final ValType[] NONE = new ValType[0];

    @Test
    void constantsOfEveryType() {
        new TestModule().global(I32, false, i32(1)).global(I64, true, i64(1)).global(F32, false, f32())
                .global(F64, false, f64()).global(FUNCREF, false, refNull(FUNCREF))
                .global(EXTERNREF, true, refNull(EXTERNREF)).assertValid();
    }

    @Test
    void refFuncIsConstantAndDeclaresTheFunction() {
        new TestModule().func(NONE, NONE).global(FUNCREF, false, op(REF_FUNC, 0)).assertValid();
        new TestModule().func(NONE, NONE).global(FUNCREF, false, op(REF_FUNC, 1)).assertInvalid("unknown function 1");
    }

    @Test
    void globalGetOfImportedImmutableGlobal() {
        new TestModule().importGlobal(I64, false).global(I64, false, op(GLOBAL_GET, 0)).assertValid();
        new TestModule().importGlobal(I32, false).importGlobal(F32, false).global(F32, false, op(GLOBAL_GET, 1))
                .assertValid();
    }

    @Test
    void globalGetOfMutableGlobalIsNotConstant() {
        new TestModule().importGlobal(I32, true).global(I32, false, op(GLOBAL_GET, 0))
                .assertInvalid("constant expression required");
    }

    @Test
    void globalGetOfDefinedGlobalIsUnknown() {
        new TestModule().global(I32, false, i32(0)).global(I32, false, op(GLOBAL_GET, 0)).assertInvalid("unknown global 0");
        new TestModule().global(I32, false, op(GLOBAL_GET, 0)).assertInvalid("unknown global 0");
        new TestModule().importGlobal(I32, false).global(I32, false, op(GLOBAL_GET, 1)).assertInvalid("unknown global 1");
        new TestModule().global(I32, false, op(GLOBAL_GET, 1)).global(I32, false, i32(0)).assertInvalid("unknown global 1");
    }

    @Test
    void otherInstructionsAreNotConstant() {
        new TestModule().global(I32, false, i32(0), op(I32_CTZ)).assertInvalid("constant expression required");
        new TestModule().global(I32, false, i32(0), i32(1), op(I32_ADD)).assertInvalid("constant expression required");
        new TestModule().global(I32, false, op(NOP), i32(0)).assertInvalid("constant expression required");
        new TestModule().global(I32, false, i32(0), op(END)).assertInvalid("constant expression required");
    }

    @Test
    void constnessIsCheckedBeforeTypes() {
        new TestModule().global(I64, false, i32(0), op(I32_CTZ)).assertInvalid("constant expression required");
    }

    @Test
    void typeMismatch() {
        new TestModule().global(I32, false, i64(0)).assertInvalid("type mismatch");
        new TestModule().global(FUNCREF, false, refNull(EXTERNREF)).assertInvalid("type mismatch");
        new TestModule().importGlobal(EXTERNREF, false).global(FUNCREF, false, op(GLOBAL_GET, 0))
                .assertInvalid("type mismatch");
    }

    @Test
    void exactlyOneValue() {
        new TestModule().global(I32, false).assertInvalid("type mismatch");
        new TestModule().global(I32, false, i32(0), i32(1)).assertInvalid("type mismatch");
        new TestModule().importGlobal(I32, false).global(I32, false, op(GLOBAL_GET, 0), op(GLOBAL_GET, 0))
                .assertInvalid("type mismatch");
    }

    @Test
    void missingExpressionIsRejected() {
        TestModule m = new TestModule();
        m.builder.globals.add(new GlobalDefinition(new GlobalType(I32, false), null));
        m.assertInvalid("constant expression required");
    }

    @Test
    void offsetsAreConstantI32Expressions() {
        new TestModule().memory(1, -1).importGlobal(I32, false).activeData(0, op(GLOBAL_GET, 0)).assertValid();
        new TestModule().memory(1, -1).activeData(0, i64(0)).assertInvalid("type mismatch");
        new TestModule().memory(1, -1).activeData(0, i32(0), op(I32_CTZ)).assertInvalid("constant expression required");
        new TestModule().memory(1, -1).importGlobal(I32, true).activeData(0, op(GLOBAL_GET, 0))
                .assertInvalid("constant expression required");
        new TestModule().memory(1, -1).global(I32, false, i32(0)).activeData(0, op(GLOBAL_GET, 0))
                .assertInvalid("unknown global 0");
    }
}
