package dev.airlock.wasm.valid;

import static dev.airlock.wasm.ValType.EXTERNREF;
import static dev.airlock.wasm.ValType.FUNCREF;
import static dev.airlock.wasm.ValType.I32;
import static dev.airlock.wasm.syntax.Opcode.DROP;
import static dev.airlock.wasm.syntax.Opcode.GLOBAL_GET;
import static dev.airlock.wasm.syntax.Opcode.I32_ADD;
import static dev.airlock.wasm.syntax.Opcode.REF_FUNC;
import static dev.airlock.wasm.valid.TestModule.expr;
import static dev.airlock.wasm.valid.TestModule.i32;
import static dev.airlock.wasm.valid.TestModule.i64;
import static dev.airlock.wasm.valid.TestModule.op;
import static dev.airlock.wasm.valid.TestModule.refNull;

import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.ElementSegment;
import dev.airlock.wasm.syntax.SegmentMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests of {@link ElementSegmentValidator} (spec 3.4.5). */
class ElementSegmentValidatorTest {
    private static final ValType[] NONE = new ValType[0];

    @Test
    void activeSegment() {
        new TestModule().func(NONE, NONE).table(FUNCREF, 1, -1).activeElem(0, 0).assertValid();
        new TestModule().func(NONE, NONE).table(FUNCREF, 1, -1).activeElem(0).assertValid();
    }

    @Test
    void activeSegmentNeedsTable() {
        new TestModule().func(NONE, NONE).activeElem(0, 0).assertInvalid("unknown table 0");
        new TestModule().func(NONE, NONE).table(FUNCREF, 1, -1).activeElem(1, 0).assertInvalid("unknown table 1");
    }

    @Test
    void activeSegmentTypeMustMatchTable() {
        new TestModule().func(NONE, NONE).table(EXTERNREF, 1, -1).activeElem(0, 0).assertInvalid("type mismatch");
        new TestModule().table(EXTERNREF, 1, -1)
                .elem(new ElementSegment(SegmentMode.ACTIVE, 0, expr(i32(0)), EXTERNREF, List.of(expr(refNull(EXTERNREF)))))
                .assertValid();
    }

    @Test
    void activeSegmentOffset() {
        new TestModule().table(FUNCREF, 1, -1)
                .elem(new ElementSegment(SegmentMode.ACTIVE, 0, expr(i64(0)), FUNCREF, List.of())).assertInvalid("type mismatch");
        new TestModule().table(FUNCREF, 1, -1)
                .elem(new ElementSegment(SegmentMode.ACTIVE, 0, expr(i32(0), i32(0), op(I32_ADD)), FUNCREF, List.of()))
                .assertInvalid("constant expression required");
        new TestModule().importGlobal(I32, false).table(FUNCREF, 1, -1)
                .elem(new ElementSegment(SegmentMode.ACTIVE, 0, expr(op(GLOBAL_GET, 0)), FUNCREF, List.of())).assertValid();
        new TestModule().table(FUNCREF, 1, -1)
                .elem(new ElementSegment(SegmentMode.ACTIVE, 0, expr(op(GLOBAL_GET, 0)), FUNCREF, List.of()))
                .assertInvalid("unknown global 0");
        new TestModule().table(FUNCREF, 1, -1)
                .elem(new ElementSegment(SegmentMode.ACTIVE, 0, null, FUNCREF, List.of()))
                .assertInvalid("constant expression required");
    }

    @Test
    void passiveAndDeclarativeSegmentsNeedNoTable() {
        new TestModule().func(NONE, NONE).elem(SegmentMode.PASSIVE, 0, 0).assertValid();
        new TestModule().func(NONE, NONE).elem(SegmentMode.DECLARATIVE, 0).assertValid();
        new TestModule().elem(new ElementSegment(SegmentMode.PASSIVE, 0, null, EXTERNREF, List.of(expr(refNull(EXTERNREF)))))
                .assertValid();
    }

    @Test
    void itemsMustHaveTheSegmentType() {
        new TestModule().func(NONE, NONE)
                .elem(new ElementSegment(SegmentMode.PASSIVE, 0, null, EXTERNREF, List.of(expr(op(REF_FUNC, 0)))))
                .assertInvalid("type mismatch");
        new TestModule().elem(new ElementSegment(SegmentMode.DECLARATIVE, 0, null, FUNCREF, List.of(expr(i32(0)))))
                .assertInvalid("type mismatch");
        new TestModule().importGlobal(FUNCREF, false)
                .elem(new ElementSegment(SegmentMode.PASSIVE, 0, null, FUNCREF, List.of(expr(op(GLOBAL_GET, 0)))))
                .assertValid();
    }

    @Test
    void itemsMustBeConstant() {
        new TestModule().elem(new ElementSegment(SegmentMode.PASSIVE, 0, null, FUNCREF,
                List.of(expr(refNull(FUNCREF), op(DROP), refNull(FUNCREF)))))
                .assertInvalid("constant expression required");
    }

    @Test
    void itemsMustNameExistingFunctions() {
        new TestModule().func(NONE, NONE).elem(SegmentMode.PASSIVE, 1).assertInvalid("unknown function 1");
        new TestModule().func(NONE, NONE).table(FUNCREF, 1, -1).activeElem(0, 7).assertInvalid("unknown function 7");
    }

    @Test
    void segmentTypeMustBeAReference() {
        new TestModule().elem(new ElementSegment(SegmentMode.PASSIVE, 0, null, I32, List.of()))
                .assertInvalid("malformed reference type");
    }
}
