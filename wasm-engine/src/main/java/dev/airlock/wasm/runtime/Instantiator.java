package dev.airlock.wasm.runtime;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.GlobalType;
import dev.airlock.wasm.LinkException;
import dev.airlock.wasm.Trap;
import dev.airlock.wasm.TrapKind;
import dev.airlock.wasm.syntax.DataSegment;
import dev.airlock.wasm.syntax.ElementSegment;
import dev.airlock.wasm.syntax.Export;
import dev.airlock.wasm.syntax.GlobalDefinition;
import dev.airlock.wasm.syntax.Import;
import dev.airlock.wasm.syntax.ModuleDefinition;
import dev.airlock.wasm.syntax.SegmentMode;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * Instantiation (spec 4.5.4): resolves imports, allocates the instance's memory, tables and
 * globals, runs the active element and data segments in order, then the start function.
 *
 * <p>Import resolution fails with {@link LinkException} before anything is allocated. A segment
 * that does not fit traps ({@code out of bounds table access} / {@code out of bounds memory
 * access}); segments before it have been applied, which is visible through imported tables and
 * memories, exactly as the spec prescribes.
 */
public final class Instantiator {
    private Instantiator() {
    }

    /**
     * Instantiates a validated, compiled module.
     *
     * @param module the decoded module
     * @param code for each defined function, the static method implementing it
     * @param imports where imports are looked up
     * @param config limits for the new instance
     * @throws LinkException if an import is missing or has the wrong type
     * @throws Trap if a segment does not fit, the start function traps, or the memory cannot be allocated
     */
    public static Instance instantiate(ModuleDefinition module, MethodHandle[] code, Imports imports,
                                       InstanceConfig config) {
        Object[] resolved = resolveImports(module, imports);
        Instance instance = new Instance(module, code, config);
        instance.types = new FuncType[module.types.size()];
        for (int i = 0; i < instance.types.length; i++) {
            instance.types[i] = module.types.get(i).intern();
        }
        int maxResults = 0;
        for (FuncType t : module.types) {
            maxResults = Math.max(maxResults, t.resultCount());
        }
        if (maxResults > 1) {
            instance.results = new long[maxResults];
            instance.resultRefs = new Object[maxResults];
        }
        instance.functions = new FunctionInstance[module.functionCount()];
        instance.tables = new Table[module.tableCount()];
        instance.globals = new Global[module.globalCount()];
        int fn = 0;
        int tn = 0;
        int gn = 0;
        for (int i = 0; i < resolved.length; i++) {
            Import imp = module.imports.get(i);
            Object value = resolved[i];
            switch (imp.kind()) {
                case FUNCTION:
                    instance.functions[fn++] = value instanceof HostFunction
                            ? ((HostFunction) value).bind(instance, imp.module() + "." + imp.name())
                            : (FunctionInstance) value;
                    break;
                case TABLE: instance.tables[tn++] = (Table) value; break;
                case MEMORY: instance.memory = (Memory) value; break;
                case GLOBAL: instance.globals[gn++] = (Global) value; break;
                default: throw new AssertionError(imp.kind());
            }
        }
        allocate(module, instance, tn, gn);
        for (Export e : module.exports) {
            instance.addExport(e.name(), exportValue(instance, e));
        }
        initializeSegments(module, instance);
        if (module.startFunction >= 0) {
            instance.function(module.startFunction).call();
        }
        return instance;
    }

    private static Object[] resolveImports(ModuleDefinition module, Imports imports) {
        Object[] resolved = new Object[module.imports.size()];
        for (int i = 0; i < resolved.length; i++) {
            Import imp = module.imports.get(i);
            Object value = imports.resolve(imp.module(), imp.name());
            String what = "\"" + imp.module() + "\" \"" + imp.name() + "\"";
            if (value == null) {
                throw new LinkException("unknown import: " + what);
            }
            String mismatch = ImportMatcher.mismatch(module, imp, value);
            if (mismatch != null) {
                throw new LinkException("incompatible import type: " + what + ": " + mismatch);
            }
            resolved[i] = value;
        }
        return resolved;
    }

    private static void allocate(ModuleDefinition module, Instance instance, int tableIndex, int globalIndex) {
        try {
            for (var type : module.memories) {
                instance.memory = new Memory(type, instance.config.maxMemoryPages());
            }
            for (var type : module.tables) {
                instance.tables[tableIndex++] = new Table(type, null, instance.config.maxTableElements());
            }
        } catch (IllegalArgumentException e) {
            throw new Trap(TrapKind.RESOURCE_EXHAUSTED, e.getMessage());
        } catch (OutOfMemoryError e) {
            throw new Trap(TrapKind.RESOURCE_EXHAUSTED, "cannot allocate the module's memory or tables");
        }
        ConstantEvaluator eval = new ConstantEvaluator(instance);
        for (GlobalDefinition g : module.globals) {
            GlobalType type = g.type();
            Global global = new Global(type);
            global.setBits(eval.bits(g.init()), type.valueType().isReference() ? eval.reference(g.init()) : null);
            instance.globals[globalIndex++] = global;
        }
        instance.elements = new Object[module.elements.size()][];
        for (int i = 0; i < instance.elements.length; i++) {
            List<dev.airlock.wasm.syntax.ConstantExpression> items = module.elements.get(i).items();
            Object[] refs = new Object[items.size()];
            for (int j = 0; j < refs.length; j++) {
                refs[j] = eval.reference(items.get(j));
            }
            instance.elements[i] = refs;
        }
        instance.data = new byte[module.data.size()][];
        for (int i = 0; i < instance.data.length; i++) {
            instance.data[i] = module.data.get(i).bytes();
        }
    }

    private static Object exportValue(Instance instance, Export e) {
        switch (e.kind()) {
            case FUNCTION: return instance.function(e.index());
            case TABLE: return instance.tables[e.index()];
            case MEMORY: return instance.memory;
            case GLOBAL: return instance.globals[e.index()];
            default: throw new AssertionError(e.kind());
        }
    }

    private static void initializeSegments(ModuleDefinition module, Instance instance) {
        ConstantEvaluator eval = new ConstantEvaluator(instance);
        for (int i = 0; i < module.elements.size(); i++) {
            ElementSegment seg = module.elements.get(i);
            if (seg.mode() == SegmentMode.ACTIVE) {
                int offset = (int) eval.bits(seg.offset());
                TableOps.init(offset, 0, seg.items().size(), instance, seg.tableIndex(), i);
                instance.dropElements(i);
            } else if (seg.mode() == SegmentMode.DECLARATIVE) {
                instance.dropElements(i);
            }
        }
        for (int i = 0; i < module.data.size(); i++) {
            DataSegment seg = module.data.get(i);
            if (seg.mode() == SegmentMode.ACTIVE) {
                int offset = (int) eval.bits(seg.offset());
                MemoryOps.init(offset, 0, seg.bytes().length, instance, i);
                instance.dropData(i);
            }
        }
    }
}
