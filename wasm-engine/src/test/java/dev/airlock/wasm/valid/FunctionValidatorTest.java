package dev.airlock.wasm.valid;

import static dev.airlock.wasm.ValType.EXTERNREF;
import static dev.airlock.wasm.ValType.F32;
import static dev.airlock.wasm.ValType.F64;
import static dev.airlock.wasm.ValType.FUNCREF;
import static dev.airlock.wasm.ValType.I32;
import static dev.airlock.wasm.ValType.I64;
import static dev.airlock.wasm.syntax.Opcode.*;
import static dev.airlock.wasm.valid.TestModule.block;
import static dev.airlock.wasm.valid.TestModule.blockOfType;
import static dev.airlock.wasm.valid.TestModule.brTable;
import static dev.airlock.wasm.valid.TestModule.f32;
import static dev.airlock.wasm.valid.TestModule.f64;
import static dev.airlock.wasm.valid.TestModule.i32;
import static dev.airlock.wasm.valid.TestModule.i64;
import static dev.airlock.wasm.valid.TestModule.mem;
import static dev.airlock.wasm.valid.TestModule.op;
import static dev.airlock.wasm.valid.TestModule.refNull;
import static dev.airlock.wasm.valid.TestModule.selectTyped;
import static dev.airlock.wasm.valid.TestModule.types;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.ExternKind;
import dev.airlock.wasm.InvalidModuleException;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.Instruction;
import dev.airlock.wasm.syntax.SegmentMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Tests of {@link FunctionValidator}: the typing of function bodies (spec 3.3, 3.4.1 and the appendix algorithm). */
class FunctionValidatorTest {
    private static final ValType[] NONE = new ValType[0];

    /** A module with one function {@code [params] -> [results]} and the given body. */
    private static TestModule fn(ValType[] params, ValType[] results, Instruction... body) {
        return new TestModule().func(params, results, body);
    }

    /** A module with one function {@code [] -> [results]}. */
    private static TestModule fn(ValType[] results, Instruction... body) {
        return fn(NONE, results, body);
    }

    @Nested
    class Numeric {
        @Test
        void fixedSignatureInstructionsTypeCheck() {
            fn(types(I32), i32(1), i32(2), op(I32_ADD)).assertValid();
            fn(types(I64), i64(1), op(I64_EXTEND8_S)).assertValid();
            fn(types(I32), f32(), op(I32_TRUNC_SAT_F32_S)).assertValid();
            fn(types(F64), i64(1), op(F64_CONVERT_I64_U)).assertValid();
            fn(types(I32), f64(), f64(), op(F64_LT)).assertValid();
        }

        @Test
        void wrongOperandType() {
            fn(types(I32), i32(1), i64(2), op(I32_ADD)).assertInvalid("type mismatch");
            fn(types(I32), f32(), op(I32_EQZ)).assertInvalid("type mismatch");
        }

        @Test
        void missingOperand() {
            fn(types(I32), i32(1), op(I32_ADD)).assertInvalid("type mismatch");
            fn(NONE, op(DROP)).assertInvalid("type mismatch");
        }

        @Test
        void wrongResult() {
            fn(types(I64), i32(1)).assertInvalid("type mismatch");
            fn(types(I32)).assertInvalid("type mismatch");
            fn(NONE, i32(1)).assertInvalid("type mismatch");
            fn(types(I32), i32(1), i32(2)).assertInvalid("type mismatch");
        }

        @Test
        void messageNamesFunctionAndInstruction() {
            InvalidModuleException e = fn(types(I32), i32(1), i64(2), op(I32_ADD)).assertInvalid("type mismatch");
            assertTrue(e.getMessage().contains("function 0"), e.getMessage());
            assertTrue(e.getMessage().contains("i32.add"), e.getMessage());
        }
    }

    @Nested
    class Unreachable {
        @Test
        void stackIsPolymorphicAfterUnreachable() {
            fn(types(I32), op(UNREACHABLE)).assertValid();
            fn(types(I32), op(UNREACHABLE), op(I32_ADD)).assertValid();
            fn(types(I32, F64), op(UNREACHABLE)).assertValid();
            fn(NONE, op(UNREACHABLE), op(DROP), op(DROP)).assertValid();
        }

        @Test
        void knownOperandsAreStillChecked() {
            fn(types(I32), op(UNREACHABLE), i64(0), op(I32_ADD)).assertInvalid("type mismatch");
            fn(types(I32), op(UNREACHABLE), i64(0)).assertInvalid("type mismatch");
            fn(NONE, op(UNREACHABLE), i32(0)).assertInvalid("type mismatch");
        }

        @Test
        void brAndReturnMakeTheRestUnreachable() {
            fn(types(I32), i32(0), op(BR, 0), op(I64_ADD), op(DROP), i32(1)).assertValid();
            fn(types(I32), i32(0), op(RETURN), op(F32_NEG)).assertInvalid("type mismatch");
            fn(types(I32), i32(0), op(RETURN), f32(), op(F32_NEG), op(DROP)).assertValid();
            fn(types(I32), i32(5), i32(0), brTable(0), op(I32_ADD)).assertValid();
        }

        @Test
        void polymorphismEndsWithTheBlock() {
            fn(types(I32), block(BLOCK, null), op(UNREACHABLE), op(END), op(I32_EQZ)).assertInvalid("type mismatch");
            fn(types(I32), block(BLOCK, I32), op(UNREACHABLE), op(END), op(I32_EQZ)).assertValid();
        }

        @Test
        void unknownOperandsSatisfyEveryConsumer() {
            fn(types(I32), op(UNREACHABLE), op(REF_IS_NULL)).assertValid();
            fn(types(I64), op(UNREACHABLE), op(SELECT)).assertValid();
            fn(types(I64), op(UNREACHABLE), i64(0), op(SELECT)).assertInvalid("type mismatch");
            fn(types(I64), op(UNREACHABLE), i64(0), i32(0), op(SELECT)).assertValid();
            fn(NONE, op(UNREACHABLE), op(BR_IF, 0)).assertValid();
            fn(types(I32), op(UNREACHABLE), op(CALL_INDIRECT, 0, 0)).assertInvalid("unknown table");
        }
    }

    @Nested
    class Blocks {
        @Test
        void blockResults() {
            fn(types(I32), block(BLOCK, I32), i32(1), op(END)).assertValid();
            fn(types(I32), block(BLOCK, I32), i64(1), op(END)).assertInvalid("type mismatch");
            fn(types(I32), block(BLOCK, I32), op(END)).assertInvalid("type mismatch");
            fn(NONE, block(BLOCK, null), i32(1), op(END)).assertInvalid("type mismatch");
        }

        @Test
        void blocksCannotSeeOuterOperands() {
            fn(NONE, i32(1), block(BLOCK, null), op(DROP), op(END), op(DROP)).assertInvalid("type mismatch");
        }

        @Test
        void multiValueBlockTakesParameters() {
            TestModule m = new TestModule();
            int binary = m.type(types(I32, I32), types(I32, I64));
            int main = m.type(NONE, types(I32, I64));
            m.func(main, i32(1), i32(2), blockOfType(BLOCK, binary), op(I32_ADD), i64(7), op(END)).assertValid();
        }

        @Test
        void multiValueBlockMissingParameters() {
            TestModule m = new TestModule();
            int binary = m.type(types(I32, I32), types(I32));
            int main = m.type(NONE, types(I32));
            m.func(main, i32(1), blockOfType(BLOCK, binary), op(I32_ADD), op(END)).assertInvalid("type mismatch");
        }

        @Test
        void multiValueBlockParametersOfWrongType() {
            TestModule m = new TestModule();
            int binary = m.type(types(I32, I32), types(I32));
            int main = m.type(NONE, types(I32));
            m.func(main, i32(1), f32(), blockOfType(BLOCK, binary), op(I32_ADD), op(END)).assertInvalid("type mismatch");
        }

        @Test
        void unknownBlockType() {
            fn(NONE, blockOfType(BLOCK, 5), op(END)).assertInvalid("unknown type");
            fn(NONE, blockOfType(LOOP, -7), op(END)).assertInvalid("unknown type");
        }

        @Test
        void loopLabelTakesParameters() {
            TestModule m = new TestModule();
            int t = m.type(types(I32), types(I64));
            int main = m.type(NONE, types(I64));
            // br 0 inside the loop jumps back to its start, which expects an i32
            m.func(main, i32(1), blockOfType(LOOP, t), op(BR, 0), op(END)).assertValid();
            TestModule bad = new TestModule();
            t = bad.type(types(I32), types(I64));
            main = bad.type(NONE, types(I64));
            bad.func(main, i32(1), blockOfType(LOOP, t), op(DROP), i64(0), op(BR, 0), op(END)).assertInvalid("type mismatch");
        }

        @Test
        void blockLabelTakesResults() {
            fn(types(I32), block(BLOCK, I32), i32(1), op(BR, 0), op(END)).assertValid();
            fn(types(I32), block(BLOCK, I32), i64(1), op(BR, 0), op(END)).assertInvalid("type mismatch");
            fn(types(I32), block(LOOP, I32), op(BR, 0), op(END)).assertValid();
        }

        @Test
        void deepNestingNeedsNoRecursion() {
            int depth = 200_000;
            List<Instruction> body = new ArrayList<>();
            for (int i = 0; i < depth; i++) {
                body.add(block(i % 2 == 0 ? BLOCK : LOOP, null));
            }
            body.add(op(BR, depth - 1));
            for (int i = 0; i < depth; i++) {
                body.add(op(END));
            }
            fn(NONE, body.toArray(new Instruction[0])).assertValid();
            body.set(depth, op(BR, depth + 1));
            fn(NONE, body.toArray(new Instruction[0])).assertInvalid("unknown label");
        }
    }

    @Nested
    class If {
        @Test
        void ifElse() {
            fn(types(I32), i32(1), block(IF, I32), i32(2), op(ELSE), i32(3), op(END)).assertValid();
            fn(types(I32), i32(1), block(IF, I32), i32(2), op(ELSE), i64(3), op(END)).assertInvalid("type mismatch");
            fn(types(I32), i32(1), block(IF, I32), op(ELSE), i32(3), op(END)).assertInvalid("type mismatch");
        }

        @Test
        void conditionMustBeI32() {
            fn(NONE, block(IF, null), op(END)).assertInvalid("type mismatch");
            fn(NONE, i64(1), block(IF, null), op(END)).assertInvalid("type mismatch");
        }

        @Test
        void ifWithoutElseNeedsEqualParamsAndResults() {
            fn(NONE, i32(1), block(IF, null), op(END)).assertValid();
            fn(types(I32), i32(1), block(IF, I32), i32(2), op(END)).assertInvalid("type mismatch");
            TestModule m = new TestModule();
            int same = m.type(types(I32), types(I32));
            int main = m.type(NONE, types(I32));
            m.func(main, i32(5), i32(1), blockOfType(IF, same), i32(1), op(I32_ADD), op(END)).assertValid();
            TestModule bad = new TestModule();
            int different = bad.type(types(I32), types(I64));
            main = bad.type(NONE, types(I64));
            bad.func(main, i32(5), i32(1), blockOfType(IF, different), op(I64_EXTEND_I32_U), op(END))
                    .assertInvalid("type mismatch");
        }

        @Test
        void elseArmStartsWithParameters() {
            TestModule m = new TestModule();
            int t = m.type(types(I32), types(I32));
            int main = m.type(NONE, types(I32));
            m.func(main, i32(5), i32(1), blockOfType(IF, t), op(ELSE), i32(1), op(I32_SUB), op(END)).assertValid();
        }

        @Test
        void elseWithoutIfIsRejected() {
            fn(NONE, block(BLOCK, null), op(ELSE), op(END)).assertInvalid("malformed");
        }
    }

    @Nested
    class Branches {
        @Test
        void unknownLabel() {
            fn(NONE, op(BR, 1)).assertInvalid("unknown label");
            fn(NONE, block(BLOCK, null), op(BR, 2), op(END)).assertInvalid("unknown label");
            fn(NONE, i32(0), op(BR_IF, 1)).assertInvalid("unknown label");
            fn(NONE, op(BR, -1)).assertInvalid("unknown label");
        }

        @Test
        void brIfKeepsOperands() {
            fn(types(I32), block(BLOCK, I32), i32(1), i32(0), op(BR_IF, 0), op(END)).assertValid();
            fn(types(I32), block(BLOCK, I32), i64(1), i32(0), op(BR_IF, 0), op(DROP), i32(0), op(END))
                    .assertInvalid("type mismatch");
            fn(NONE, i32(1), op(BR_IF, 0)).assertValid();
            fn(NONE, op(BR_IF, 0)).assertInvalid("type mismatch");
        }

        @Test
        void returnChecksResults() {
            fn(types(I64), i64(1), op(RETURN)).assertValid();
            fn(types(I64), i32(1), op(RETURN)).assertInvalid("type mismatch");
            fn(types(I64), block(BLOCK, null), i64(1), op(RETURN), op(END), op(UNREACHABLE)).assertValid();
        }

        @Test
        void branchToFunctionLabel() {
            fn(types(I32), i32(1), op(BR, 0)).assertValid();
            fn(types(I32), block(BLOCK, null), i32(1), op(BR, 1), op(END), i32(2)).assertValid();
        }
    }

    @Nested
    class BrTable {
        @Test
        void sameTypesEverywhere() {
            fn(types(I32), block(BLOCK, I32), i32(7), i32(0), brTable(0, 0, 1), op(END)).assertValid();
        }

        @Test
        void arityMustMatch() {
            fn(types(I32), block(BLOCK, null), i32(7), i32(0), brTable(0, 1), op(END), i32(0))
                    .assertInvalid("type mismatch");
            // still checked in unreachable code
            fn(NONE, block(BLOCK, I32), op(UNREACHABLE), brTable(0, 1), op(END), op(DROP))
                    .assertInvalid("type mismatch");
        }

        @Test
        void typesMustFitEveryTarget() {
            fn(NONE, block(BLOCK, F32), block(BLOCK, I32), i32(7), i32(0), brTable(0, 1), op(END),
                    op(DROP), f32(), op(END), op(DROP)).assertInvalid("type mismatch");
        }

        @Test
        void unknownOperandsFitDifferentTypesOfSameArity() {
            fn(NONE, block(BLOCK, F32), block(BLOCK, I32), op(UNREACHABLE), brTable(0, 1), op(END),
                    op(DROP), f32(), op(END), op(DROP)).assertValid();
        }

        @Test
        void unknownLabels() {
            fn(NONE, i32(0), brTable(0, 3)).assertInvalid("unknown label");
            fn(NONE, i32(0), brTable(4, 0)).assertInvalid("unknown label");
        }

        @Test
        void indexMustBeI32() {
            fn(NONE, i64(0), brTable(0)).assertInvalid("type mismatch");
            fn(NONE, brTable(0)).assertInvalid("type mismatch");
        }
    }

    @Nested
    class Calls {
        @Test
        void call() {
            TestModule m = new TestModule();
            int callee = m.type(types(I32, I64), types(F32));
            int main = m.type(NONE, types(F32));
            m.importFunction(callee).func(main, i32(1), i64(2), op(CALL, 0)).assertValid();
        }

        @Test
        void callWithWrongArguments() {
            TestModule m = new TestModule();
            int callee = m.type(types(I32, I64), types(F32));
            int main = m.type(NONE, types(F32));
            m.importFunction(callee).func(main, i64(2), i32(1), op(CALL, 0)).assertInvalid("type mismatch");
        }

        @Test
        void callUnknownFunction() {
            fn(NONE, op(CALL, 1)).assertInvalid("unknown function 1");
        }

        @Test
        void callIndirect() {
            TestModule m = new TestModule();
            int t = m.type(types(I32), types(I64));
            int main = m.type(NONE, types(I64));
            m.table(FUNCREF, 1, -1).func(main, i32(1), i32(0), op(CALL_INDIRECT, t, 0)).assertValid();
        }

        @Test
        void callIndirectNeedsFuncrefTable() {
            TestModule m = new TestModule();
            int t = m.type(NONE, NONE);
            m.table(EXTERNREF, 1, -1).func(t, i32(0), op(CALL_INDIRECT, t, 0)).assertInvalid("type mismatch");
        }

        @Test
        void callIndirectUnknownTableAndType() {
            TestModule m = new TestModule();
            int t = m.type(NONE, NONE);
            m.func(t, i32(0), op(CALL_INDIRECT, t, 0)).assertInvalid("unknown table 0");
            TestModule m2 = new TestModule();
            t = m2.type(NONE, NONE);
            m2.table(FUNCREF, 1, -1).func(t, i32(0), op(CALL_INDIRECT, 9, 0)).assertInvalid("unknown type 9");
            TestModule m3 = new TestModule();
            t = m3.type(NONE, NONE);
            m3.table(FUNCREF, 1, -1).func(t, i32(0), op(CALL_INDIRECT, t, 1)).assertInvalid("unknown table 1");
        }

        @Test
        void callIndirectNeedsI32Index() {
            TestModule m = new TestModule();
            int t = m.type(NONE, NONE);
            m.table(FUNCREF, 1, -1).func(t, op(CALL_INDIRECT, t, 0)).assertInvalid("type mismatch");
        }
    }

    @Nested
    class Select {
        @Test
        void untypedSelectOfNumbers() {
            fn(types(I64), i64(1), i64(2), i32(0), op(SELECT)).assertValid();
            fn(types(F64), f64(), f64(), i32(0), op(SELECT)).assertValid();
        }

        @Test
        void untypedSelectOperandsMustAgree() {
            fn(types(I64), i64(1), i32(2), i32(0), op(SELECT)).assertInvalid("type mismatch");
            fn(types(I64), i64(1), i64(2), i64(0), op(SELECT)).assertInvalid("type mismatch");
        }

        @Test
        void untypedSelectRejectsReferences() {
            fn(types(FUNCREF), refNull(FUNCREF), refNull(FUNCREF), i32(0), op(SELECT)).assertInvalid("type mismatch");
            fn(types(I32), op(UNREACHABLE), refNull(EXTERNREF), i32(0), op(SELECT), op(DROP), i32(0))
                    .assertInvalid("type mismatch");
        }

        @Test
        void typedSelectAcceptsAnyOneType() {
            fn(types(FUNCREF), refNull(FUNCREF), refNull(FUNCREF), i32(0), selectTyped(FUNCREF)).assertValid();
            fn(types(EXTERNREF), refNull(EXTERNREF), refNull(EXTERNREF), i32(0), selectTyped(EXTERNREF)).assertValid();
            fn(types(I32), i32(1), i32(2), i32(0), selectTyped(I32)).assertValid();
            fn(types(I32), i32(1), i64(2), i32(0), selectTyped(I32)).assertInvalid("type mismatch");
            fn(types(FUNCREF), refNull(FUNCREF), refNull(EXTERNREF), i32(0), selectTyped(FUNCREF))
                    .assertInvalid("type mismatch");
        }

        @Test
        void typedSelectNeedsExactlyOneType() {
            fn(NONE, i32(1), i32(2), i32(0), selectTyped(), op(DROP)).assertInvalid("invalid result arity");
            fn(NONE, i32(1), i32(2), i32(0), selectTyped(I32, I32), op(DROP)).assertInvalid("invalid result arity");
        }

        @Test
        void unknownOperandTakesTheOtherType() {
            fn(types(F32), op(UNREACHABLE), f32(), i32(0), op(SELECT)).assertValid();
            fn(types(I32), op(UNREACHABLE), f32(), i32(0), op(SELECT)).assertInvalid("type mismatch");
        }
    }

    @Nested
    class Variables {
        @Test
        void locals() {
            TestModule m = new TestModule();
            int t = m.type(types(I32), types(I64));
            m.func(t, types(I64, F32), op(LOCAL_GET, 0), op(I64_EXTEND_I32_S), op(LOCAL_TEE, 1), op(LOCAL_SET, 1),
                    f32(), op(LOCAL_SET, 2), op(LOCAL_GET, 1)).assertValid();
        }

        @Test
        void unknownLocal() {
            TestModule m = new TestModule();
            int t = m.type(types(I32), NONE);
            m.func(t, types(I64), op(LOCAL_GET, 2), op(DROP)).assertInvalid("unknown local 2");
            TestModule m2 = new TestModule();
            t = m2.type(NONE, NONE);
            m2.func(t, i32(0), op(LOCAL_SET, 0)).assertInvalid("unknown local");
            TestModule m3 = new TestModule();
            t = m3.type(NONE, NONE);
            m3.func(t, i32(0), op(LOCAL_TEE, -1), op(DROP)).assertInvalid("unknown local 4294967295");
        }

        @Test
        void localTypes() {
            TestModule m = new TestModule();
            int t = m.type(types(I32), NONE);
            m.func(t, types(F64), i32(0), op(LOCAL_SET, 1)).assertInvalid("type mismatch");
            TestModule m2 = new TestModule();
            t = m2.type(types(I32), types(F64));
            m2.func(t, types(F64), i64(0), op(LOCAL_TEE, 0)).assertInvalid("type mismatch");
        }

        @Test
        void globals() {
            TestModule m = new TestModule().importGlobal(I64, true).global(F32, false, f32());
            int t = m.type(NONE, types(F32));
            m.func(t, op(GLOBAL_GET, 0), op(GLOBAL_SET, 0), op(GLOBAL_GET, 1)).assertValid();
        }

        @Test
        void globalSetOfImmutable() {
            new TestModule().importGlobal(I32, false).func(NONE, NONE, i32(1), op(GLOBAL_SET, 0))
                    .assertInvalid("global is immutable");
            new TestModule().global(I32, false, i32(0)).func(NONE, NONE, i32(1), op(GLOBAL_SET, 0))
                    .assertInvalid("global is immutable");
        }

        @Test
        void globalTypes() {
            new TestModule().global(I32, true, i32(0)).func(NONE, NONE, i64(1), op(GLOBAL_SET, 0))
                    .assertInvalid("type mismatch");
            new TestModule().global(I32, true, i32(0)).func(NONE, types(I64), op(GLOBAL_GET, 0))
                    .assertInvalid("type mismatch");
        }

        @Test
        void unknownGlobal() {
            fn(types(I32), op(GLOBAL_GET, 0)).assertInvalid("unknown global 0");
            new TestModule().global(I32, true, i32(0)).func(NONE, NONE, i32(1), op(GLOBAL_SET, 1))
                    .assertInvalid("unknown global 1");
        }
    }

    @Nested
    class References {
        @Test
        void refNullAndIsNull() {
            fn(types(I32), refNull(FUNCREF), op(REF_IS_NULL)).assertValid();
            fn(types(EXTERNREF), refNull(EXTERNREF)).assertValid();
            fn(types(FUNCREF), refNull(EXTERNREF)).assertInvalid("type mismatch");
            fn(types(I32), i32(0), op(REF_IS_NULL)).assertInvalid("type mismatch");
            fn(types(I32), op(REF_IS_NULL)).assertInvalid("type mismatch");
        }

        @Test
        void refFuncOfDeclaredFunction() {
            TestModule m = new TestModule();
            int t = m.type(NONE, types(FUNCREF));
            m.func(t, op(REF_FUNC, 0)).export("f", ExternKind.FUNCTION, 0).assertValid();
            TestModule m2 = new TestModule();
            t = m2.type(NONE, types(FUNCREF));
            m2.func(t, op(REF_FUNC, 0)).elem(SegmentMode.DECLARATIVE, 0).assertValid();
            TestModule m3 = new TestModule();
            t = m3.type(NONE, types(FUNCREF));
            m3.func(t, op(REF_FUNC, 0)).global(FUNCREF, false, op(REF_FUNC, 0)).assertValid();
        }

        @Test
        void refFuncOfUndeclaredFunction() {
            TestModule m = new TestModule();
            int t = m.type(NONE, types(FUNCREF));
            m.func(t, op(REF_FUNC, 0)).assertInvalid("undeclared function reference");
            // the start function does not declare a reference
            TestModule m2 = new TestModule();
            int unit = m2.type(NONE, NONE);
            m2.func(unit, op(REF_FUNC, 0), op(DROP)).start(0).assertInvalid("undeclared function reference");
        }

        @Test
        void refFuncOfUnknownFunction() {
            fn(types(FUNCREF), op(REF_FUNC, 3)).assertInvalid("unknown function 3");
        }
    }

    @Nested
    class Tables {
        private TestModule tables() {
            return new TestModule().table(FUNCREF, 1, -1).table(EXTERNREF, 1, -1);
        }

        @Test
        void getSetSizeGrowFill() {
            tables().func(NONE, types(FUNCREF), i32(0), op(TABLE_GET, 0)).assertValid();
            tables().func(NONE, NONE, i32(0), refNull(EXTERNREF), op(TABLE_SET, 1)).assertValid();
            tables().func(NONE, types(I32), op(TABLE_SIZE, 1)).assertValid();
            tables().func(NONE, types(I32), refNull(FUNCREF), i32(3), op(TABLE_GROW, 0)).assertValid();
            tables().func(NONE, NONE, i32(0), refNull(EXTERNREF), i32(3), op(TABLE_FILL, 1)).assertValid();
        }

        @Test
        void elementTypesAreChecked() {
            tables().func(NONE, types(FUNCREF), i32(0), op(TABLE_GET, 1)).assertInvalid("type mismatch");
            tables().func(NONE, NONE, i32(0), refNull(FUNCREF), op(TABLE_SET, 1)).assertInvalid("type mismatch");
            tables().func(NONE, types(I32), refNull(EXTERNREF), i32(3), op(TABLE_GROW, 0)).assertInvalid("type mismatch");
            tables().func(NONE, NONE, i32(0), refNull(FUNCREF), i32(3), op(TABLE_FILL, 1)).assertInvalid("type mismatch");
            tables().func(NONE, NONE, i32(0), i64(0), i32(3), op(TABLE_FILL, 0)).assertInvalid("type mismatch");
        }

        @Test
        void unknownTable() {
            tables().func(NONE, types(FUNCREF), i32(0), op(TABLE_GET, 2)).assertInvalid("unknown table 2");
            fn(types(I32), op(TABLE_SIZE, 0)).assertInvalid("unknown table 0");
            fn(NONE, i32(0), i32(0), i32(0), op(TABLE_COPY, 0, 0)).assertInvalid("unknown table 0");
            tables().func(NONE, NONE, i32(0), i32(0), i32(0), op(TABLE_COPY, 0, 2)).assertInvalid("unknown table 2");
        }

        @Test
        void tableCopy() {
            tables().table(FUNCREF, 0, -1).func(NONE, NONE, i32(0), i32(0), i32(0), op(TABLE_COPY, 0, 2)).assertValid();
            tables().func(NONE, NONE, i32(0), i32(0), i32(0), op(TABLE_COPY, 0, 1)).assertInvalid("type mismatch");
            tables().func(NONE, NONE, i32(0), i32(0), i64(0), op(TABLE_COPY, 0, 0)).assertInvalid("type mismatch");
        }

        @Test
        void tableInitAndElemDrop() {
            tables().elem(SegmentMode.PASSIVE, 0).func(NONE, NONE, i32(0), i32(0), i32(0), op(TABLE_INIT, 0, 0),
                    op(ELEM_DROP, 0)).assertValid();
            // funcref segment into an externref table
            tables().elem(SegmentMode.PASSIVE, 0).func(NONE, NONE, i32(0), i32(0), i32(0), op(TABLE_INIT, 0, 1))
                    .assertInvalid("type mismatch");
            tables().func(NONE, NONE, i32(0), i32(0), i32(0), op(TABLE_INIT, 4, 0)).assertInvalid("unknown elem segment 4");
            fn(NONE, i32(0), i32(0), i32(0), op(TABLE_INIT, 4, 0)).assertInvalid("unknown table 0");
            fn(NONE, op(ELEM_DROP, 0)).assertInvalid("unknown elem segment 0");
            tables().elem(SegmentMode.PASSIVE, 0).func(NONE, NONE, i32(0), i32(0), op(TABLE_INIT, 0, 0))
                    .assertInvalid("type mismatch");
        }
    }

    @Nested
    class Memory {
        private TestModule withMemory() {
            return new TestModule().memory(1, -1);
        }

        @Test
        void loadsAndStores() {
            withMemory().func(NONE, types(I64), i32(0), mem(I64_LOAD, 3)).assertValid();
            withMemory().func(NONE, types(I32), i32(0), mem(I32_LOAD8_U, 0)).assertValid();
            withMemory().func(NONE, NONE, i32(0), f64(), mem(F64_STORE, 2)).assertValid();
            withMemory().func(NONE, NONE, i32(0), i64(0), mem(I64_STORE32, 2)).assertValid();
            withMemory().func(NONE, NONE, i64(0), i64(0), mem(I64_STORE, 3)).assertInvalid("type mismatch");
            withMemory().func(NONE, types(I32), i32(0), mem(I64_LOAD, 3)).assertInvalid("type mismatch");
        }

        @Test
        void alignmentAtMostNatural() {
            withMemory().func(NONE, types(I32), i32(0), mem(I32_LOAD, 3)).assertInvalid("alignment must not be larger than natural");
            withMemory().func(NONE, types(I32), i32(0), mem(I32_LOAD16_S, 2)).assertInvalid("alignment must not be larger than natural");
            withMemory().func(NONE, NONE, i32(0), i64(0), mem(I64_STORE8, 1)).assertInvalid("alignment must not be larger than natural");
            withMemory().func(NONE, types(I64), i32(0), mem(I64_LOAD, 4)).assertInvalid("alignment must not be larger than natural");
            withMemory().func(NONE, types(I64), i32(0), mem(I64_LOAD, 32)).assertInvalid("alignment must not be larger than natural");
            withMemory().func(NONE, types(I64), i32(0), mem(I64_LOAD, -1)).assertInvalid("alignment must not be larger than natural");
        }

        @Test
        void memoryInstructionsNeedAMemory() {
            fn(types(I32), i32(0), mem(I32_LOAD, 2)).assertInvalid("unknown memory 0");
            fn(NONE, i32(0), i32(0), mem(I32_STORE, 2)).assertInvalid("unknown memory 0");
            fn(types(I32), op(MEMORY_SIZE, 0)).assertInvalid("unknown memory 0");
            fn(types(I32), i32(1), op(MEMORY_GROW, 0)).assertInvalid("unknown memory 0");
            fn(NONE, i32(0), i32(0), i32(0), op(MEMORY_FILL, 0)).assertInvalid("unknown memory 0");
            fn(NONE, i32(0), i32(0), i32(0), op(MEMORY_COPY, 0, 0)).assertInvalid("unknown memory 0");
        }

        @Test
        void sizeGrowFillCopy() {
            withMemory().func(NONE, types(I32), op(MEMORY_SIZE, 0)).assertValid();
            withMemory().func(NONE, types(I32), i32(1), op(MEMORY_GROW, 0)).assertValid();
            withMemory().func(NONE, NONE, i32(0), i32(0), i32(0), op(MEMORY_FILL, 0)).assertValid();
            withMemory().func(NONE, NONE, i32(0), i32(0), i32(0), op(MEMORY_COPY, 0, 0)).assertValid();
            withMemory().func(NONE, types(I32), i64(1), op(MEMORY_GROW, 0)).assertInvalid("type mismatch");
            withMemory().func(NONE, NONE, i32(0), i64(0), i32(0), op(MEMORY_FILL, 0)).assertInvalid("type mismatch");
        }

        @Test
        void memoryInitAndDataDrop() {
            withMemory().passiveData().func(NONE, NONE, i32(0), i32(0), i32(0), op(MEMORY_INIT, 0, 0), op(DATA_DROP, 0))
                    .assertValid();
            withMemory().passiveData().func(NONE, NONE, i32(0), i32(0), i32(0), op(MEMORY_INIT, 1, 0))
                    .assertInvalid("unknown data segment 1");
            withMemory().func(NONE, NONE, op(DATA_DROP, 0)).assertInvalid("unknown data segment");
            new TestModule().passiveData().func(NONE, NONE, i32(0), i32(0), i32(0), op(MEMORY_INIT, 1, 0))
                    .assertInvalid("unknown memory 0");
            withMemory().passiveData().func(NONE, NONE, i32(0), i32(0), op(MEMORY_INIT, 0, 0))
                    .assertInvalid("type mismatch");
        }
    }

    @Nested
    class Structure {
        @Test
        void missingFinalEnd() {
            TestModule m = new TestModule();
            int t = m.type(NONE, NONE);
            m.rawFunc(t, op(NOP)).assertInvalid("malformed function body");
            TestModule empty = new TestModule();
            t = empty.type(NONE, NONE);
            empty.rawFunc(t).assertInvalid("malformed function body");
        }

        @Test
        void instructionsAfterFinalEnd() {
            TestModule m = new TestModule();
            int t = m.type(NONE, NONE);
            m.rawFunc(t, op(END), op(NOP)).assertInvalid("malformed function body");
        }

        @Test
        void malformedImmediatesAreRejectedNotThrown() {
            fn(NONE, new Instruction(BLOCK, 0, 0, 0, null), op(END)).assertInvalid("malformed block type");
            fn(NONE, i32(0), new Instruction(BR_TABLE, 0, 0, 0, null)).assertInvalid("malformed br_table");
            fn(NONE, new Instruction(REF_NULL, 0, 0, 0, I32), op(DROP)).assertInvalid("malformed reference type");
        }
    }

    @Test
    void largeFunctionValidatesQuickly() {
        // ~1.2 million instructions: i32.const/local.get/i32.add/local.set/block nests
        List<Instruction> body = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            body.add(block(BLOCK, I32));
            body.add(op(LOCAL_GET, 0));
            body.add(i32(i));
            body.add(op(I32_ADD));
            body.add(mem(I32_LOAD, 2));
            body.add(op(END));
            body.add(op(LOCAL_SET, 0));
            body.add(op(LOCAL_GET, 0));
            body.add(op(BR_IF, 0));
        }
        TestModule m = new TestModule().memory(1, -1);
        int t = m.type(types(I32), NONE);
        m.func(t, new ValType[0], body.toArray(new Instruction[0]));
        var module = m.build();
        for (int i = 0; i < 20; i++) {
            ModuleValidator.validate(module); // warm up
        }
        // The best of five, so that a pause of the JVM or of the machine does not count: the bound
        // guards against pathological (quadratic) slowness, not against a slow machine.
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            ModuleValidator.validate(module);
            best = Math.min(best, System.nanoTime() - start);
        }
        long millis = best / 1_000_000;
        assertTrue(millis < 500, "validation of ~900k instructions took " + millis + " ms at best");
    }
}
