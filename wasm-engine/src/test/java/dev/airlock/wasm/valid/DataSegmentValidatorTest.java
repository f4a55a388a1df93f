package dev.airlock.wasm.valid;

import static dev.airlock.wasm.valid.TestModule.i32;

import dev.airlock.wasm.syntax.DataSegment;
import dev.airlock.wasm.syntax.SegmentMode;
import org.junit.jupiter.api.Test;

/** Tests of {@link DataSegmentValidator} (spec 3.4.6). */
class DataSegmentValidatorTest {
    @Test
    void activeSegmentNeedsMemory() {
        new TestModule().memory(1, -1).activeData(0, i32(0)).assertValid();
        new TestModule().importMemory(1, -1).activeData(0, i32(0)).assertValid();
        new TestModule().activeData(0, i32(0)).assertInvalid("unknown memory 0");
        new TestModule().memory(1, -1).activeData(1, i32(0)).assertInvalid("unknown memory 1");
    }

    @Test
    void passiveSegmentNeedsNoMemory() {
        new TestModule().passiveData().passiveData().assertValid();
    }

    @Test
    void activeSegmentNeedsOffset() {
        TestModule m = new TestModule().memory(1, -1);
        m.builder.data.add(new DataSegment(SegmentMode.ACTIVE, 0, null, new byte[0]));
        m.assertInvalid("constant expression required");
    }

    @Test
    void declarativeModeIsNotADataMode() {
        TestModule m = new TestModule();
        m.builder.data.add(new DataSegment(SegmentMode.DECLARATIVE, 0, null, new byte[0]));
        m.assertInvalid("malformed data segment mode");
    }
}
