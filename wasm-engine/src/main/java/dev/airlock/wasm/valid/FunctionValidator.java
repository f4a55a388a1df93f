package dev.airlock.wasm.valid;

import dev.airlock.wasm.InvalidModuleException;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.BlockType;
import dev.airlock.wasm.syntax.FunctionBody;
import dev.airlock.wasm.syntax.Instruction;
import dev.airlock.wasm.syntax.Opcode;
import java.util.Arrays;

/**
 * Function bodies (spec 3.4.1 "Functions" with the instruction rules of 3.3 "Instructions"),
 * checked by the algorithm of the spec's appendix "Validation Algorithm": one pass over the flat
 * instruction array with an explicit operand stack and control stack ({@link ValidationStacks}).
 *
 * <p>The locals are the function's parameters followed by its declared locals; the outermost
 * frame's label and {@code return} take the function's results. Instructions with a fixed
 * signature ({@link Opcode#params}) are typed generically from the opcode table; the others case
 * by case. One instance validates the functions of one module in turn, reusing its arrays, so that
 * the loop over instructions allocates nothing.
 */
final class FunctionValidator extends ValidationStacks {
    /** For each opcode (by ordinal), its fixed parameter type codes, or null. */
    private static final int[][] PARAMS;
    /** For each opcode (by ordinal), its fixed result type codes, or null. */
    private static final int[][] RESULTS;

    static {
        Opcode[] opcodes = Opcode.values();
        PARAMS = new int[opcodes.length][];
        RESULTS = new int[opcodes.length][];
        for (Opcode op : opcodes) {
            if (op.params != null) {
                PARAMS[op.ordinal()] = TypeCodes.of(op.params);
                RESULTS[op.ordinal()] = TypeCodes.of(op.results);
            }
        }
    }

    /** The context of the module the functions belong to. */
    private final ValidationContext ctx;
    /** The types of the current function's locals (parameters first); only {@link #localCount} are live. */
    private int[] localTypes = new int[16];
    /** The number of locals of the current function, parameters included. */
    private int localCount;
    /** The current function's result types ({@code C.return}). */
    private int[] returnTypes;
    /** The index of the current function in the function index space, for messages. */
    private int functionIndex;
    /** The position of the current instruction in the body, for messages. */
    private int pc;
    /** The current function's instructions. */
    private Instruction[] code;
    /** Start types of the block type last resolved by {@link #resolveBlockType}. */
    private int[] blockParams;
    /** End types of the block type last resolved by {@link #resolveBlockType}. */
    private int[] blockResults;

    /** A validator for the functions of the module of {@code ctx}. */
    FunctionValidator(ValidationContext ctx) {
        this.ctx = ctx;
    }

    @Override
    InvalidModuleException error(String text, String detail) {
        StringBuilder where = new StringBuilder();
        if (detail != null) {
            where.append(detail).append("; ");
        }
        where.append("function ").append(functionIndex);
        if (code != null && pc >= 0 && pc < code.length && code[pc] != null) {
            where.append(", instruction ").append(pc).append(' ').append(code[pc].opcode.mnemonic);
        }
        return ValidationErrors.invalid(text, where.toString());
    }

    /** Validates {@code body}, the code of function {@code index} (in the function index space). */
    void validate(int index, FunctionBody body) {
        functionIndex = index;
        code = null;
        pc = -1;
        if (body == null || body.locals() == null || body.code() == null) {
            throw error("malformed function body", null);
        }
        int typeIndex = ctx.functionTypes[index];
        int[] params = ctx.typeParams[typeIndex];
        returnTypes = ctx.typeResults[typeIndex];
        setLocals(params, body.locals());
        code = body.code();
        resetStacks();
        pushCtrl(FUNCTION, TypeCodes.NONE, returnTypes);
        Instruction[] instructions = code;
        int n = instructions.length;
        for (int i = 0; i < n; i++) {
            pc = i;
            if (ctrlCount == 0) {
                throw error("malformed function body", "instructions after the function's final end");
            }
            Instruction instruction = instructions[i];
            if (instruction == null || instruction.opcode == null) {
                throw error("malformed instruction", null);
            }
            step(instruction);
        }
        if (ctrlCount != 0) {
            pc = n;
            throw error("malformed function body", "missing end");
        }
    }

    /** Sets the local types: {@code params} then {@code declared}. */
    private void setLocals(int[] params, ValType[] declared) {
        long count = (long) params.length + declared.length;
        if (count > Integer.MAX_VALUE - 8) {
            throw error("too many locals", null);
        }
        if (localTypes.length < count) {
            localTypes = new int[(int) count];
        }
        System.arraycopy(params, 0, localTypes, 0, params.length);
        for (int i = 0; i < declared.length; i++) {
            if (declared[i] == null) {
                throw error("malformed local type", "local " + (params.length + i));
            }
            localTypes[params.length + i] = declared[i].ordinal();
        }
        localCount = (int) count;
    }

    /** Types one instruction (spec 3.3, appendix "Validation of Opcode Sequences"). */
    private void step(Instruction ins) {
        Opcode op = ins.opcode;
        switch (op) {
            // 3.3.8 Control instructions
            case UNREACHABLE:
                unreachable();
                break;
            case NOP:
                break;
            case BLOCK:
                resolveBlockType(ins);
                popVals(blockParams);
                pushCtrl(BLOCK, blockParams, blockResults);
                break;
            case LOOP:
                resolveBlockType(ins);
                popVals(blockParams);
                pushCtrl(LOOP, blockParams, blockResults);
                break;
            case IF:
                resolveBlockType(ins);
                popVal(TypeCodes.I32);
                popVals(blockParams);
                pushCtrl(IF, blockParams, blockResults);
                break;
            case ELSE:
                if (topKind() != IF) {
                    throw error("malformed function body", "else without a matching if");
                }
                enterElse();
                break;
            case END:
                end();
                break;
            case BR: {
                int depth = label(ins.index);
                popVals(labelTypes(depth));
                unreachable();
                break;
            }
            case BR_IF: {
                int depth = label(ins.index);
                popVal(TypeCodes.I32);
                int[] types = labelTypes(depth);
                popVals(types);
                pushVals(types);
                break;
            }
            case BR_TABLE:
                brTable(ins);
                break;
            case RETURN:
                popVals(returnTypes);
                unreachable();
                break;
            case CALL: {
                int function = function(ins.index);
                int type = ctx.functionTypes[function];
                popVals(ctx.typeParams[type]);
                pushVals(ctx.typeResults[type]);
                break;
            }
            case CALL_INDIRECT: {
                int table = table(ins.index2);
                int type = type(ins.index);
                if (ctx.tableElementTypes[table] != TypeCodes.FUNCREF) {
                    throw error("type mismatch", "call_indirect needs a table of funcref, table " + table + " holds "
                            + TypeCodes.name(ctx.tableElementTypes[table]));
                }
                popVal(TypeCodes.I32);
                popVals(ctx.typeParams[type]);
                pushVals(ctx.typeResults[type]);
                break;
            }

            // 3.3.2 Reference instructions
            case REF_NULL: {
                Object type = ins.extra;
                if (!(type instanceof ValType) || !((ValType) type).isReference()) {
                    throw error("malformed reference type", null);
                }
                pushVal(((ValType) type).ordinal());
                break;
            }
            case REF_IS_NULL: {
                int type = popVal();
                if (!TypeCodes.isRefOrUnknown(type)) {
                    throw error("type mismatch", "expected a reference but found " + TypeCodes.name(type));
                }
                pushVal(TypeCodes.I32);
                break;
            }
            case REF_FUNC: {
                int function = function(ins.index);
                if (!ctx.declaredFunctions[function]) {
                    throw error("undeclared function reference", "function " + function);
                }
                pushVal(TypeCodes.FUNCREF);
                break;
            }

            // 3.3.4 Parametric instructions
            case DROP:
                popVal();
                break;
            case SELECT:
                select();
                break;
            case SELECT_TYPED: {
                Object types = ins.extra;
                if (!(types instanceof ValType[]) || ((ValType[]) types).length != 1
                        || ((ValType[]) types)[0] == null) {
                    throw error("invalid result arity", "select must name exactly one type");
                }
                int type = ((ValType[]) types)[0].ordinal();
                popVal(TypeCodes.I32);
                popVal(type);
                popVal(type);
                pushVal(type);
                break;
            }

            // 3.3.5 Variable instructions
            case LOCAL_GET:
                pushVal(localTypes[local(ins.index)]);
                break;
            case LOCAL_SET:
                popVal(localTypes[local(ins.index)]);
                break;
            case LOCAL_TEE: {
                int type = localTypes[local(ins.index)];
                popVal(type);
                pushVal(type);
                break;
            }
            case GLOBAL_GET:
                pushVal(ctx.globalTypes[global(ins.index)]);
                break;
            case GLOBAL_SET: {
                int global = global(ins.index);
                if (!ctx.globalMutable[global]) {
                    throw error("global is immutable", "global " + global);
                }
                popVal(ctx.globalTypes[global]);
                break;
            }

            // 3.3.6 Table instructions
            case TABLE_GET: {
                int type = ctx.tableElementTypes[table(ins.index)];
                popVal(TypeCodes.I32);
                pushVal(type);
                break;
            }
            case TABLE_SET: {
                int type = ctx.tableElementTypes[table(ins.index)];
                popVal(type);
                popVal(TypeCodes.I32);
                break;
            }
            case TABLE_SIZE:
                table(ins.index);
                pushVal(TypeCodes.I32);
                break;
            case TABLE_GROW: {
                int type = ctx.tableElementTypes[table(ins.index)];
                popVal(TypeCodes.I32);
                popVal(type);
                pushVal(TypeCodes.I32);
                break;
            }
            case TABLE_FILL: {
                int type = ctx.tableElementTypes[table(ins.index)];
                popVal(TypeCodes.I32);
                popVal(type);
                popVal(TypeCodes.I32);
                break;
            }
            case TABLE_COPY: {
                int destination = ctx.tableElementTypes[table(ins.index)];
                int source = ctx.tableElementTypes[table(ins.index2)];
                if (destination != source) {
                    throw error("type mismatch", "table.copy from a table of " + TypeCodes.name(source)
                            + " to a table of " + TypeCodes.name(destination));
                }
                popI32s(3);
                break;
            }
            case TABLE_INIT: {
                int tableType = ctx.tableElementTypes[table(ins.index2)];
                int segmentType = ctx.elementTypes[element(ins.index)];
                if (tableType != segmentType) {
                    throw error("type mismatch", "table.init of a segment of " + TypeCodes.name(segmentType)
                            + " into a table of " + TypeCodes.name(tableType));
                }
                popI32s(3);
                break;
            }
            case ELEM_DROP:
                element(ins.index);
                break;

            // 3.3.7 Memory instructions (loads and stores are in the default case)
            case MEMORY_SIZE:
            case MEMORY_GROW:
            case MEMORY_FILL:
                memory(ins.index);
                applySignature(op);
                break;
            case MEMORY_COPY:
                memory(ins.index);
                memory(ins.index2);
                applySignature(op);
                break;
            case MEMORY_INIT:
                memory(ins.index2);
                data(ins.index);
                applySignature(op);
                break;
            case DATA_DROP:
                data(ins.index);
                break;

            // 3.3.1 Numeric instructions, loads and stores: fixed signatures
            default:
                if (op.accessSize != 0) {
                    memarg(ins);
                }
                applySignature(op);
                break;
        }
    }

    /** {@code end}: closes the innermost frame, which for an {@code if} without {@code else} needs in = out. */
    private void end() {
        int kind = topKind();
        int[] params = topParams();
        int[] results = topResults();
        popCtrl();
        if (kind == IF && !Arrays.equals(params, results)) {
            throw error("type mismatch", "if without else must have type [t*] -> [t*], not "
                    + TypeCodes.names(params) + " -> " + TypeCodes.names(results));
        }
        if (ctrlCount == 0) {
            if (pc != code.length - 1) {
                throw error("malformed function body", "instructions after the function's final end");
            }
        } else {
            pushVals(results);
        }
    }

    /**
     * {@code br_table l* l_N}: every label must exist and have the arity of the default label, and the
     * operands must fit every label's types.
     */
    private void brTable(Instruction ins) {
        popVal(TypeCodes.I32);
        int defaultDepth = label(ins.index);
        int[] defaultTypes = labelTypes(defaultDepth);
        int arity = defaultTypes.length;
        Object extra = ins.extra;
        if (!(extra instanceof int[])) {
            throw error("malformed br_table", null);
        }
        for (int depth : (int[]) extra) {
            int[] types = labelTypes(label(depth));
            if (types.length != arity) {
                throw error("type mismatch", "br_table label " + Integer.toUnsignedString(depth) + " has "
                        + types.length + " value(s) but the default label has " + arity);
            }
            checkTopVals(types);
        }
        popVals(defaultTypes);
        unreachable();
    }

    /**
     * Untyped {@code select}: both operands must be numeric (or both vectors) and of the same type;
     * reference operands need the typed {@code select t}.
     */
    private void select() {
        popVal(TypeCodes.I32);
        int t1 = popVal();
        int t2 = popVal();
        boolean numeric = TypeCodes.isNumOrUnknown(t1) && TypeCodes.isNumOrUnknown(t2);
        boolean vector = TypeCodes.isVecOrUnknown(t1) && TypeCodes.isVecOrUnknown(t2);
        if (!numeric && !vector) {
            throw error("type mismatch", "select without a type needs numeric operands, found "
                    + TypeCodes.name(t2) + " and " + TypeCodes.name(t1));
        }
        if (t1 != t2 && t1 != TypeCodes.UNKNOWN && t2 != TypeCodes.UNKNOWN) {
            throw error("type mismatch", "select operands " + TypeCodes.name(t2) + " and " + TypeCodes.name(t1));
        }
        pushVal(t1 == TypeCodes.UNKNOWN ? t2 : t1);
    }

    /** Pops and pushes the fixed signature of {@code op}. */
    private void applySignature(Opcode op) {
        int[] params = PARAMS[op.ordinal()];
        if (params == null) {
            throw error("malformed instruction", "no typing rule");
        }
        popVals(params);
        pushVals(RESULTS[op.ordinal()]);
    }

    /** Pops {@code n} operands of type i32. */
    private void popI32s(int n) {
        for (int i = 0; i < n; i++) {
            popVal(TypeCodes.I32);
        }
    }

    /** A load or store needs memory 0 and an alignment of at most its natural alignment. */
    private void memarg(Instruction ins) {
        memory(0);
        int exponent = ins.index;
        int natural = Integer.numberOfTrailingZeros(ins.opcode.accessSize);
        if (exponent < 0 || exponent > natural) {
            throw error("alignment must not be larger than natural", "2^" + Integer.toUnsignedString(exponent)
                    + " > " + ins.opcode.accessSize);
        }
    }

    /** Resolves the block type of {@code ins} into {@link #blockParams} and {@link #blockResults}. */
    private void resolveBlockType(Instruction ins) {
        Object extra = ins.extra;
        if (!(extra instanceof BlockType)) {
            throw error("malformed block type", null);
        }
        BlockType blockType = (BlockType) extra;
        ValType valueType = blockType.valueType();
        if (valueType != null) {
            blockParams = TypeCodes.NONE;
            blockResults = TypeCodes.single(valueType.ordinal());
        } else if (blockType.typeIndex() == -1) {
            blockParams = TypeCodes.NONE;
            blockResults = TypeCodes.NONE;
        } else {
            int type = type(blockType.typeIndex());
            blockParams = ctx.typeParams[type];
            blockResults = ctx.typeResults[type];
        }
    }

    /** Checks a label depth ("unknown label"). */
    private int label(int depth) {
        if (!hasLabel(depth)) {
            throw error("unknown label", "depth " + Integer.toUnsignedString(depth) + ", " + ctrlCount + " enclosing");
        }
        return depth;
    }

    /** Checks a local index ("unknown local"). */
    private int local(int index) {
        if (!ValidationErrors.inRange(index, localCount)) {
            throw unknown("local", index);
        }
        return index;
    }

    /** Checks a global index ("unknown global"). */
    private int global(int index) {
        if (!ValidationErrors.inRange(index, ctx.globalCount())) {
            throw unknown("global", index);
        }
        return index;
    }

    /** Checks a function index ("unknown function"). */
    private int function(int index) {
        if (!ValidationErrors.inRange(index, ctx.functionCount())) {
            throw unknown("function", index);
        }
        return index;
    }

    /** Checks a table index ("unknown table"). */
    private int table(int index) {
        if (!ValidationErrors.inRange(index, ctx.tableCount())) {
            throw unknown("table", index);
        }
        return index;
    }

    /** Checks a memory index ("unknown memory"). */
    private void memory(int index) {
        if (!ValidationErrors.inRange(index, ctx.memoryCount)) {
            throw unknown("memory", index);
        }
    }

    /** Checks a type index ("unknown type"). */
    private int type(int index) {
        if (!ValidationErrors.inRange(index, ctx.typeCount())) {
            throw unknown("type", index);
        }
        return index;
    }

    /** Checks an element segment index ("unknown elem segment"). */
    private int element(int index) {
        if (!ValidationErrors.inRange(index, ctx.elementTypes.length)) {
            throw unknown("elem segment", index);
        }
        return index;
    }

    /** Checks a data segment index ("unknown data segment"). */
    private void data(int index) {
        if (!ValidationErrors.inRange(index, ctx.dataCount)) {
            throw unknown("data segment", index);
        }
    }

    /** The error "unknown {@code space} {@code index}" at the current instruction. */
    private InvalidModuleException unknown(String space, int index) {
        return error("unknown " + space + " " + Integer.toUnsignedString(index), null);
    }
}
