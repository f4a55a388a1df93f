package dev.airlock.wasm.valid;

import static dev.airlock.wasm.ValType.FUNCREF;
import static dev.airlock.wasm.ValType.I32;
import static dev.airlock.wasm.syntax.Opcode.DROP;
import static dev.airlock.wasm.syntax.Opcode.REF_FUNC;
import static dev.airlock.wasm.valid.TestModule.i32;
import static dev.airlock.wasm.valid.TestModule.op;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.airlock.wasm.ExternKind;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.SegmentMode;
import org.junit.jupiter.api.Test;

/** Tests of {@link DeclaredReferences}: the set C.refs (spec 3.4.10). */
class DeclaredReferencesTest {
    private static final ValType[] NONE = new ValType[0];

    /** A module with {@code n} functions of type [] -> []. */
    private static TestModule functions(int n) {
        TestModule m = new TestModule();
        int unit = m.type(NONE, NONE);
        for (int i = 0; i < n; i++) {
            m.func(unit);
        }
        return m;
    }

    @Test
    void collectsFromElementsGlobalsAndExports() {
        TestModule m = functions(6).table(FUNCREF, 1, -1);
        m.activeElem(0, 1).elem(SegmentMode.PASSIVE, 2).elem(SegmentMode.DECLARATIVE, 3)
                .global(FUNCREF, false, op(REF_FUNC, 4)).export("e", ExternKind.FUNCTION, 5);
        boolean[] declared = DeclaredReferences.collect(m.build());
        assertArrayEquals(new boolean[] {false, true, true, true, true, true}, declared);
    }

    @Test
    void ignoresFunctionBodiesStartAndOtherExports() {
        TestModule m = new TestModule();
        int unit = m.type(NONE, NONE);
        m.func(unit, op(REF_FUNC, 1), op(DROP)).func(unit).start(1).global(I32, false, i32(0))
                .export("g", ExternKind.GLOBAL, 0);
        assertArrayEquals(new boolean[] {false, false}, DeclaredReferences.collect(m.build()));
    }

    @Test
    void ignoresOutOfRangeIndices() {
        TestModule m = functions(1).elem(SegmentMode.DECLARATIVE, 9).export("x", ExternKind.FUNCTION, -3);
        assertArrayEquals(new boolean[] {false}, DeclaredReferences.collect(m.build()));
    }

    @Test
    void refFuncInBodyNeedsADeclaration() {
        TestModule declared = functions(0);
        int unit = declared.type(NONE, NONE);
        declared.func(unit, op(REF_FUNC, 0), op(DROP)).elem(SegmentMode.DECLARATIVE, 0).assertValid();
        TestModule undeclared = functions(0);
        unit = undeclared.type(NONE, NONE);
        undeclared.func(unit, op(REF_FUNC, 0), op(DROP)).assertInvalid("undeclared function reference");
    }
}
