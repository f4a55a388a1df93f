package dev.airlock.wasm.valid;

import static dev.airlock.wasm.ValType.I32;
import static dev.airlock.wasm.valid.TestModule.i32;
import static dev.airlock.wasm.valid.TestModule.types;

import dev.airlock.wasm.ValType;
import org.junit.jupiter.api.Test;

/** Tests of {@link StartFunctionValidator} (spec 3.4.7). */
class StartFunctionValidatorTest {
    private static final ValType[] NONE = new ValType[0];

    @Test
    void startFunctionOfTypeUnitIsValid() {
        new TestModule().func(NONE, NONE).start(0).assertValid();
        TestModule imported = new TestModule();
        imported.importFunction(imported.type(NONE, NONE)).start(0).assertValid();
    }

    @Test
    void startFunctionWithResults() {
        new TestModule().func(NONE, types(I32), i32(0)).start(0).assertInvalid("start function");
    }

    @Test
    void startFunctionWithParameters() {
        new TestModule().func(types(I32), NONE).start(0).assertInvalid("start function");
    }

    @Test
    void unknownStartFunction() {
        new TestModule().func(NONE, NONE).start(1).assertInvalid("unknown function 1");
        new TestModule().start(0).assertInvalid("unknown function 0");
    }
}
