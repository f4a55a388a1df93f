package dev.airlock.wasm.valid;

import static dev.airlock.wasm.ValType.EXTERNREF;
import static dev.airlock.wasm.ValType.FUNCREF;
import static dev.airlock.wasm.ValType.I32;
import static dev.airlock.wasm.syntax.Opcode.CALL;
import static dev.airlock.wasm.syntax.Opcode.DROP;
import static dev.airlock.wasm.syntax.Opcode.GLOBAL_GET;
import static dev.airlock.wasm.syntax.Opcode.REF_FUNC;
import static dev.airlock.wasm.valid.TestModule.i32;
import static dev.airlock.wasm.valid.TestModule.op;
import static dev.airlock.wasm.valid.TestModule.types;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.ExternKind;
import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.InvalidModuleException;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.Instruction;
import dev.airlock.wasm.syntax.ModuleDefinition;
import dev.airlock.wasm.syntax.SegmentMode;
import org.junit.jupiter.api.Test;

/** Tests of {@link ModuleValidator}: the module-level rules of spec 3.4 and how they are combined. */
class ModuleValidatorTest {
    private static final ValType[] NONE = new ValType[0];

    @Test
    void emptyModuleIsValid() {
        new TestModule().assertValid();
    }

    @Test
    void moduleUsingEveryKindOfDefinitionIsValid() {
        TestModule m = new TestModule();
        int unit = m.type(NONE, NONE);
        m.importFunction(unit).importGlobal(I32, false).importTable(FUNCREF, 1, 10).importMemory(1, 2);
        m.func(unit, op(CALL, 0), op(REF_FUNC, 1), op(DROP));
        m.table(EXTERNREF, 0, -1);
        m.global(I32, true, op(GLOBAL_GET, 0));
        m.activeElem(0, 0, 1).elem(SegmentMode.DECLARATIVE, 1);
        m.activeData(0, i32(0)).passiveData();
        m.start(1);
        m.export("f", ExternKind.FUNCTION, 1).export("t", ExternKind.TABLE, 1).export("m", ExternKind.MEMORY, 0)
                .export("g", ExternKind.GLOBAL, 1);
        m.assertValid();
    }

    @Test
    void largeModulesReportTheFirstInvalidFunctionAsASequentialValidationWould() {
        // Enough code for the parallel path: 64 bodies of 500 instructions. Two are invalid, each
        // in its own way; the lower-numbered one's error is the one reported, every time.
        for (int attempt = 0; attempt < 5; attempt++) {
            TestModule m = new TestModule();
            int unit = m.type(NONE, NONE);
            Instruction[] fine = new Instruction[500];
            for (int k = 0; k < fine.length; k += 2) {
                fine[k] = i32(k);
                fine[k + 1] = op(DROP);
            }
            for (int f = 0; f < 64; f++) {
                if (f == 20) {
                    m.func(unit, op(DROP));                   // pops from an empty stack
                } else if (f == 50) {
                    m.func(unit, op(GLOBAL_GET, 7), op(DROP)); // no such global
                } else {
                    m.func(unit, fine);
                }
            }
            InvalidModuleException e = m.assertInvalid("type mismatch");
            assertTrue(e.getMessage().contains("function 20"), e.getMessage());
        }
    }

    @Test
    void functionSectionTypeIndexMustExist() {
        TestModule m = new TestModule();
        m.type(NONE, NONE);
        m.func(1).assertInvalid("unknown type 1");
    }

    @Test
    void functionImportTypeIndexMustExist() {
        new TestModule().importFunction(0).assertInvalid("unknown type 0");
    }

    @Test
    void atMostOneMemory() {
        new TestModule().memory(0, -1).memory(0, -1).assertInvalid("multiple memories");
        new TestModule().importMemory(1, -1).memory(0, -1).assertInvalid("multiple memories");
        new TestModule().importMemory(1, -1).importMemory(1, -1).assertInvalid("multiple memories");
    }

    @Test
    void severalTablesAreAllowed() {
        new TestModule().importTable(FUNCREF, 0, -1).table(EXTERNREF, 0, -1).table(FUNCREF, 0, -1).assertValid();
    }

    @Test
    void memoryLimits() {
        new TestModule().memory(0, 65536).assertValid();
        new TestModule().memory(65536, -1).assertValid();
        new TestModule().memory(65537, -1).assertInvalid("memory size must be at most 65536 pages (4GiB)");
        new TestModule().memory(0, 65537).assertInvalid("memory size must be at most 65536 pages (4GiB)");
        new TestModule().memory(0xFFFF_FFFFL, -1).assertInvalid("memory size must be at most 65536 pages (4GiB)");
        new TestModule().memory(2, 1).assertInvalid("size minimum must not be greater than maximum");
        new TestModule().importMemory(2, 1).assertInvalid("size minimum must not be greater than maximum");
    }

    @Test
    void tableLimits() {
        new TestModule().table(FUNCREF, 0, 0xFFFF_FFFFL).assertValid();
        new TestModule().table(FUNCREF, 0xFFFF_FFFFL, -1).assertValid();
        new TestModule().table(FUNCREF, 1, 0).assertInvalid("size minimum must not be greater than maximum");
        new TestModule().importTable(EXTERNREF, 10, 9).assertInvalid("size minimum must not be greater than maximum");
    }

    @Test
    void codeMustMatchFunctionSection() {
        ModuleDefinition.Builder b = new ModuleDefinition.Builder();
        b.types.add(FuncType.of(NONE, NONE));
        b.functionTypeIndices.add(0);
        ModuleDefinition module = b.build();
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> ModuleValidator.validate(module));
        assertTrue(e.getMessage().startsWith("function and code section"), e.getMessage());
    }

    @Test
    void nullModuleIsRejected() {
        assertThrows(InvalidModuleException.class, () -> ModuleValidator.validate(null));
    }

    @Test
    void functionBodiesAreValidatedAgainstTheirTypes() {
        TestModule m = new TestModule();
        int t = m.type(NONE, types(I32));
        m.func(t, i32(1)).func(t).assertInvalid("type mismatch (expected i32 but the stack is empty; function 1");
    }

    @Test
    void functionIndicesCountImportsFirst() {
        TestModule m = new TestModule();
        int unit = m.type(NONE, NONE);
        m.importFunction(unit).importFunction(unit).func(unit, op(CALL, 2)).assertValid();
        TestModule m2 = new TestModule();
        unit = m2.type(NONE, NONE);
        m2.importFunction(unit).func(unit, op(CALL, 2)).assertInvalid("unknown function 2");
    }
}
