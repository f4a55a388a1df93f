package dev.airlock.wasm.valid;

import static dev.airlock.wasm.ValType.EXTERNREF;
import static dev.airlock.wasm.ValType.FUNCREF;
import static dev.airlock.wasm.ValType.I64;

import dev.airlock.wasm.ValType;
import org.junit.jupiter.api.Test;

/** Tests of {@link ImportValidator} (spec 3.4.8). */
class ImportValidatorTest {
    private static final ValType[] NONE = new ValType[0];

    @Test
    void importsOfEveryKind() {
        TestModule m = new TestModule();
        m.importFunction(m.type(NONE, NONE)).importTable(EXTERNREF, 0, -1).importMemory(0, 65536)
                .importGlobal(I64, true).assertValid();
    }

    @Test
    void functionImportNeedsKnownType() {
        TestModule m = new TestModule();
        m.type(NONE, NONE);
        m.importFunction(1).assertInvalid("unknown type 1");
    }

    @Test
    void tableImportLimits() {
        new TestModule().importTable(FUNCREF, 2, 1).assertInvalid("size minimum must not be greater than maximum");
    }

    @Test
    void memoryImportLimits() {
        new TestModule().importMemory(65537, -1).assertInvalid("memory size must be at most 65536 pages (4GiB)");
        new TestModule().importMemory(1, 0).assertInvalid("size minimum must not be greater than maximum");
    }
}
