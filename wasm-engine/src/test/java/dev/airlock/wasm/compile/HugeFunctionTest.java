package dev.airlock.wasm.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.ValType;
import dev.airlock.wasm.WasmModule;
import dev.airlock.wasm.binary.ModuleDecoder;
import dev.airlock.wasm.runtime.FunctionInstance;
import dev.airlock.wasm.runtime.GeneratedCode;
import dev.airlock.wasm.syntax.ModuleDefinition;
import dev.airlock.wasm.testing.WasmBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * A single Wasm function of more than 200 KB of code — long arithmetic runs (one of them a single
 * expression thousands of instructions long), nested blocks left by br_if, br_table switches,
 * loops, if/else — over sixteen i64 locals that stay live across the whole body. Its direct
 * translation would be several hundred KB of bytecode; the compiler must split it so that no
 * generated method exceeds HotSpot's 8000-byte JIT limit, and the split code must compute exactly
 * what the program says. The test builds the program together with a Java model of it and compares.
 */
class HugeFunctionTest {
    private static final int STATE = 16;
    private static final int COUNTER = STATE + 1; // an i32 local after the param and the state

    /** One piece of the program: emits its Wasm and applies its effect to the model state. */
    private interface Segment {
        void emit(WasmBuilder.Code code);

        void apply(long[] x);
    }

    private static byte[] module;
    private static List<Segment> program;

    @BeforeAll
    static void buildProgram() {
        Random random = new Random(20261122);
        program = new ArrayList<>();
        WasmBuilder b = new WasmBuilder();
        int type = b.type(new ValType[] {ValType.I32}, new ValType[] {ValType.I64});
        WasmBuilder.Code f = b.function(type);
        f.locals(STATE, ValType.I64).locals(1, ValType.I32);
        // Initial state from the parameter: x[i] = n * (2i + 3) + i.
        for (int i = 0; i < STATE; i++) {
            f.op(0x20, 0).op(0xAC).i64Const(2L * i + 3).op(0x7E).i64Const(i).op(0x7C).op(0x21, i + 1);
        }
        int bodyStart = f.size();
        while (f.size() - bodyStart < 220_000) {
            Segment s;
            int kind = random.nextInt(10);
            if (program.size() % 400 == 17) {
                s = arithmetic(random, 3000); // one expression of thousands of instructions
            } else if (kind < 4) {
                s = arithmetic(random, 8 + random.nextInt(40));
            } else if (kind < 6) {
                s = nestedBlocks(random);
            } else if (kind < 8) {
                s = switchTable(random);
            } else if (kind < 9) {
                s = loop(random);
            } else {
                s = ifElse(random);
            }
            s.emit(f);
            program.add(s);
        }
        // Result: the xor of the state.
        f.op(0x20, 1);
        for (int i = 1; i < STATE; i++) {
            f.op(0x20, i + 1).op(0x85);
        }
        f.end();
        b.exportFunction("run", f.functionIndex);
        module = b.build();
        assertTrue(f.size() > 200_000, "the function body must hold at least 200 KB of code: " + f.size());
    }

    private static long model(int n) {
        long[] x = new long[STATE];
        for (int i = 0; i < STATE; i++) {
            x[i] = (long) n * (2L * i + 3) + i;
        }
        for (Segment s : program) {
            s.apply(x);
        }
        long r = x[0];
        for (int i = 1; i < STATE; i++) {
            r ^= x[i];
        }
        return r;
    }

    @Test
    void computesWhatTheProgramSays() {
        FunctionInstance run = WasmModule.compile(module).instantiate().function("run");
        for (int n : new int[] {0, 1, 7, -1, 123456789, Integer.MIN_VALUE}) {
            assertEquals(model(n), run.call(n)[0], "n = " + n);
        }
    }

    /**
     * The code_length of every method's Code attribute in a class file (JVMS 4.7.3), by name and
     * descriptor: the exact size of each method as generated, read from the bytes themselves.
     */
    private static Map<String, Integer> codeLengths(byte[] classFile) {
        ClassReader r = new ClassReader(classFile);
        char[] buffer = new char[r.getMaxStringLength()];
        int at = r.header + 6;                                   // access_flags, this_class, super_class
        at += 2 + 2 * r.readUnsignedShort(at);                   // interfaces
        int fields = r.readUnsignedShort(at);
        at += 2;
        for (int f = 0; f < fields; f++) {
            at = skipAttributes(r, at + 6);
        }
        Map<String, Integer> lengths = new HashMap<>();
        int methods = r.readUnsignedShort(at);
        at += 2;
        for (int m = 0; m < methods; m++) {
            String key = r.readUTF8(at + 2, buffer) + r.readUTF8(at + 4, buffer);
            int attributes = r.readUnsignedShort(at + 6);
            at += 8;
            for (int a = 0; a < attributes; a++) {
                if (r.readUTF8(at, buffer).equals("Code")) {
                    lengths.put(key, r.readInt(at + 6 + 4));    // after max_stack, max_locals
                }
                at += 6 + r.readInt(at + 2);
            }
        }
        return lengths;
    }

    private static int skipAttributes(ClassReader r, int at) {
        int attributes = r.readUnsignedShort(at);
        at += 2;
        for (int a = 0; a < attributes; a++) {
            at += 6 + r.readInt(at + 2);
        }
        return at;
    }

    @Test
    void everyGeneratedMethodIsJitCompilable() {
        ModuleDefinition definition = ModuleDecoder.decode(module);
        ModuleCompiler.Output output = ModuleCompiler.compile(definition, CompilerOptions.defaults().withDumpDirectory(null));
        int methods = 0;
        int largest = 0;
        int total = 0;
        for (GeneratedCode.GeneratedClass c : output.code().classes()) {
            ClassNode node = new ClassNode();
            new ClassReader(c.bytes()).accept(node, 0);
            Map<String, Integer> lengths = codeLengths(c.bytes());
            assertEquals(node.methods.size(), lengths.size());
            for (MethodNode m : node.methods) {
                int size = lengths.get(m.name + m.desc);
                largest = Math.max(largest, size);
                total += size;
                methods++;
                assertTrue(size <= CompilerOptions.JIT_LIMIT, m.name + " has " + size + " bytes of bytecode");
                // The compiler's own measure (a byte count, no assembly) may only overestimate.
                assertTrue(FunctionCompiler.measure(m) >= size, m.name + ": measured below its assembled size");
            }
        }
        assertEquals(1, output.statistics().splitFunctions());
        assertTrue(output.statistics().largestMethod() >= largest, "statistics: " + output.statistics());
        assertTrue(total > 65_535, "the translation must exceed even the class file's method limit: " + total);
        System.out.println("huge function: " + total + " bytes of bytecode in " + methods + " methods, largest "
                + largest + " bytes");
    }

    @Test
    void smallerBudgetsGiveTheSameResult() {
        for (int budget : new int[] {1500, 300}) {
            FunctionInstance run = WasmModule.compile(module, CompilerOptions.defaults().withDumpDirectory(null)
                    .withMethodBudget(budget)).instantiate().function("run");
            assertEquals(model(42), run.call(42)[0], "budget " + budget);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Program segments. x[i] is Wasm local i + 1.

    private static final int[] BINARY_OPS = {0x7C, 0x7D, 0x7E, 0x85, 0x84, 0x83, 0x86, 0x88, 0x89};

    /** x[d] = (((x[a] op1 v1) op2 v2) ...), v a constant or a state value. */
    private static Segment arithmetic(Random r, int length) {
        int a = r.nextInt(STATE);
        int d = r.nextInt(STATE);
        int[] ops = new int[length];
        int[] sources = new int[length];
        long[] constants = new long[length];
        for (int k = 0; k < length; k++) {
            ops[k] = BINARY_OPS[r.nextInt(BINARY_OPS.length)];
            sources[k] = r.nextInt(3) == 0 ? r.nextInt(STATE) : -1;
            constants[k] = r.nextInt(4) == 0 ? r.nextLong() : r.nextInt(1000) - 500;
        }
        return new Segment() {
            @Override
            public void emit(WasmBuilder.Code c) {
                c.op(0x20, a + 1);
                for (int k = 0; k < length; k++) {
                    if (sources[k] >= 0) {
                        c.op(0x20, sources[k] + 1);
                    } else {
                        c.i64Const(constants[k]);
                    }
                    c.op(ops[k]);
                }
                c.op(0x21, d + 1);
            }

            @Override
            public void apply(long[] x) {
                long v = x[a];
                for (int k = 0; k < length; k++) {
                    long w = sources[k] >= 0 ? x[sources[k]] : constants[k];
                    v = binary(ops[k], v, w);
                }
                x[d] = v;
            }
        };
    }

    private static long binary(int op, long v, long w) {
        switch (op) {
            case 0x7C: return v + w;
            case 0x7D: return v - w;
            case 0x7E: return v * w;
            case 0x85: return v ^ w;
            case 0x84: return v | w;
            case 0x83: return v & w;
            case 0x86: return v << (w & 63);
            case 0x88: return v >>> (w & 63);
            case 0x89: return Long.rotateLeft(v, (int) (w & 63));
            default: throw new AssertionError(op);
        }
    }

    /** k nested blocks; a br_if on the low bit of x[a] jumps out of the first t+1; statements after each end. */
    private static Segment nestedBlocks(Random r) {
        int k = 2 + r.nextInt(6);
        int t = r.nextInt(k);
        int a = r.nextInt(STATE);
        int d = r.nextInt(STATE);
        long c = r.nextLong();
        int[] e = new int[k];
        long[] ce = new long[k];
        for (int j = 0; j < k; j++) {
            e[j] = r.nextInt(STATE);
            ce[j] = r.nextLong();
        }
        return new Segment() {
            @Override
            public void emit(WasmBuilder.Code code) {
                for (int j = 0; j < k; j++) {
                    code.block(0x02, null);
                }
                code.op(0x20, a + 1).i64Const(1).op(0x83).op(0xA7).op(0x0D, t);
                code.op(0x20, d + 1).i64Const(c).op(0x7C).op(0x21, d + 1);
                for (int j = 0; j < k; j++) {
                    code.end();
                    code.op(0x20, e[j] + 1).i64Const(ce[j]).op(0x85).op(0x21, e[j] + 1);
                }
            }

            @Override
            public void apply(long[] x) {
                int start;
                if ((x[a] & 1) != 0) {
                    start = t;
                } else {
                    x[d] += c;
                    start = 0;
                }
                for (int j = start; j < k; j++) {
                    x[e[j]] ^= ce[j];
                }
            }
        };
    }

    /** A C-like switch with fall-through: br_table over n+1 nested blocks. */
    private static Segment switchTable(Random r) {
        int n = 2 + r.nextInt(12);
        int a = r.nextInt(STATE);
        int[] targets = new int[n];
        for (int i = 0; i < n; i++) {
            targets[i] = r.nextInt(n + 1);
        }
        int[] e = new int[n];
        long[] ce = new long[n];
        for (int j = 0; j < n; j++) {
            e[j] = r.nextInt(STATE);
            ce[j] = r.nextInt(1 << 20);
        }
        return new Segment() {
            @Override
            public void emit(WasmBuilder.Code code) {
                for (int j = 0; j <= n; j++) {
                    code.block(0x02, null);
                }
                code.op(0x20, a + 1).op(0xA7).i32Const(n + 1).op(0x70).brTable(targets, n);
                for (int j = 0; j < n; j++) {
                    code.end();
                    code.op(0x20, e[j] + 1).i64Const(ce[j]).op(0x7C).op(0x21, e[j] + 1);
                }
                code.end();
            }

            @Override
            public void apply(long[] x) {
                int sel = Integer.remainderUnsigned((int) x[a], n + 1);
                int t = sel < n ? targets[sel] : n;
                for (int j = t; j < n; j++) {
                    x[e[j]] += ce[j];
                }
            }
        };
    }

    /** A counted loop: i = x[a] & 7; while (i != 0) { x[d] += x[b] ^ i; i--; }. */
    private static Segment loop(Random r) {
        int a = r.nextInt(STATE);
        int b = r.nextInt(STATE);
        int d = r.nextInt(STATE);
        return new Segment() {
            @Override
            public void emit(WasmBuilder.Code c) {
                c.op(0x20, a + 1).op(0xA7).i32Const(7).op(0x71).op(0x21, COUNTER);
                c.block(0x02, null).block(0x03, null);
                c.op(0x20, COUNTER).op(0x45).op(0x0D, 1);
                c.op(0x20, d + 1).op(0x20, b + 1).op(0x20, COUNTER).op(0xAD).op(0x85).op(0x7C).op(0x21, d + 1);
                c.op(0x20, COUNTER).i32Const(1).op(0x6B).op(0x21, COUNTER);
                c.op(0x0C, 0).end().end();
            }

            @Override
            public void apply(long[] x) {
                int i = (int) x[a] & 7;
                while (i != 0) {
                    x[d] += x[b] ^ Integer.toUnsignedLong(i);
                    i--;
                }
            }
        };
    }

    /** x[d] = x[a] < c ? x[b] * c2 : x[e] - c3, with an if/else producing a value. */
    private static Segment ifElse(Random r) {
        int a = r.nextInt(STATE);
        int b = r.nextInt(STATE);
        int d = r.nextInt(STATE);
        int e = r.nextInt(STATE);
        long c = r.nextLong();
        long c2 = r.nextInt(99) + 1;
        long c3 = r.nextLong();
        return new Segment() {
            @Override
            public void emit(WasmBuilder.Code code) {
                code.op(0x20, a + 1).i64Const(c).op(0x53).block(0x04, ValType.I64);
                code.op(0x20, b + 1).i64Const(c2).op(0x7E);
                code.op(0x05);
                code.op(0x20, e + 1).i64Const(c3).op(0x7D);
                code.end().op(0x21, d + 1);
            }

            @Override
            public void apply(long[] x) {
                x[d] = x[a] < c ? x[b] * c2 : x[e] - c3;
            }
        };
    }
}
