package dev.airlock.wasm.valid;

import static dev.airlock.wasm.ValType.FUNCREF;
import static dev.airlock.wasm.ValType.I32;
import static dev.airlock.wasm.valid.TestModule.i32;

import dev.airlock.wasm.ExternKind;
import dev.airlock.wasm.ValType;
import org.junit.jupiter.api.Test;

/** Tests of {@link ExportValidator} (spec 3.4.9). */
class ExportValidatorTest {
    private static final ValType[] NONE = new ValType[0];

    private static TestModule everything() {
        return new TestModule().func(NONE, NONE).table(FUNCREF, 0, -1).memory(0, -1).global(I32, false, i32(0));
    }

    @Test
    void exportsOfEveryKind() {
        everything().export("f", ExternKind.FUNCTION, 0).export("t", ExternKind.TABLE, 0)
                .export("m", ExternKind.MEMORY, 0).export("g", ExternKind.GLOBAL, 0).assertValid();
    }

    @Test
    void oneEntityMayBeExportedTwice() {
        everything().export("a", ExternKind.FUNCTION, 0).export("b", ExternKind.FUNCTION, 0).assertValid();
    }

    @Test
    void duplicateNames() {
        everything().export("a", ExternKind.FUNCTION, 0).export("a", ExternKind.GLOBAL, 0)
                .assertInvalid("duplicate export name");
        everything().export("", ExternKind.TABLE, 0).export("", ExternKind.MEMORY, 0)
                .assertInvalid("duplicate export name");
    }

    @Test
    void unknownIndices() {
        everything().export("f", ExternKind.FUNCTION, 1).assertInvalid("unknown function 1");
        everything().export("t", ExternKind.TABLE, 1).assertInvalid("unknown table 1");
        everything().export("m", ExternKind.MEMORY, 1).assertInvalid("unknown memory 1");
        everything().export("g", ExternKind.GLOBAL, 1).assertInvalid("unknown global 1");
        everything().export("g", ExternKind.GLOBAL, -1).assertInvalid("unknown global 4294967295");
    }

    @Test
    void exportingMutableGlobalIsValid() {
        new TestModule().global(I32, true, i32(0)).export("g", ExternKind.GLOBAL, 0).assertValid();
    }
}
