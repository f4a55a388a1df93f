package dev.airlock.wasm.syntax;

import dev.airlock.wasm.ExternKind;
import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.GlobalType;
import dev.airlock.wasm.MemoryType;
import dev.airlock.wasm.TableType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A decoded module (spec 2.5 "Modules"): what the binary format says, before validation.
 *
 * <p>Functions, tables, memories and globals each have one index space in which the imported
 * ones come first, followed by those the module defines (spec 2.5.1 "Indices"). The lookup methods
 * here ({@link #functionType(int)}, {@link #tableType(int)}, …) work on those index spaces; they do
 * not check bounds, which is the validator's job.
 *
 * <p>Instances are built by the decoder through {@link Builder} and never change afterwards.
 */
public final class ModuleDefinition {
    /** The type section: function types, indexed by type index. */
    public final List<FuncType> types;
    /** The import section, in order. */
    public final List<Import> imports;
    /** For each function the module defines, the index of its type. */
    public final List<Integer> functionTypeIndices;
    /** The tables the module defines. */
    public final List<TableType> tables;
    /** The memories the module defines. */
    public final List<MemoryType> memories;
    /** The globals the module defines. */
    public final List<GlobalDefinition> globals;
    /** The export section, in order. */
    public final List<Export> exports;
    /** The start function's index, or -1 if there is none. */
    public final int startFunction;
    /** The element section, in order. */
    public final List<ElementSegment> elements;
    /**
     * The data count section's value, or -1 if the section is absent (then data indices in
     * {@code memory.init} and {@code data.drop} are checked against {@code data.size()}).
     */
    public final int dataCount;
    /** The data section, in order. */
    public final List<DataSegment> data;
    /** The code section: one body per function the module defines, in order. */
    public final List<FunctionBody> code;
    /** Every custom section, in order of appearance. */
    public final List<CustomSection> customSections;
    /** Function names from the {@code name} custom section, by function index; may be empty. */
    public final Map<Integer, String> functionNames;
    /** The module name from the {@code name} custom section, or null. */
    public final String moduleName;

    // Index-space bookkeeping, derived from the imports.
    private final List<Import> importedFunctions = new ArrayList<>();
    private final List<Import> importedTables = new ArrayList<>();
    private final List<Import> importedMemories = new ArrayList<>();
    private final List<Import> importedGlobals = new ArrayList<>();

    private ModuleDefinition(Builder b) {
        this.types = List.copyOf(b.types);
        this.imports = List.copyOf(b.imports);
        this.functionTypeIndices = List.copyOf(b.functionTypeIndices);
        this.tables = List.copyOf(b.tables);
        this.memories = List.copyOf(b.memories);
        this.globals = List.copyOf(b.globals);
        this.exports = List.copyOf(b.exports);
        this.startFunction = b.startFunction;
        this.elements = List.copyOf(b.elements);
        this.dataCount = b.dataCount;
        this.data = List.copyOf(b.data);
        this.code = List.copyOf(b.code);
        this.customSections = List.copyOf(b.customSections);
        this.functionNames = Collections.unmodifiableMap(new HashMap<>(b.functionNames));
        this.moduleName = b.moduleName;
        for (Import imp : imports) {
            switch (imp.kind()) {
                case FUNCTION: importedFunctions.add(imp); break;
                case TABLE: importedTables.add(imp); break;
                case MEMORY: importedMemories.add(imp); break;
                case GLOBAL: importedGlobals.add(imp); break;
                default: throw new AssertionError(imp.kind());
            }
        }
    }

    /** Number of imported functions; defined function {@code i} has index {@code count + i}. */
    public int importedFunctionCount() {
        return importedFunctions.size();
    }

    /** Number of imported tables. */
    public int importedTableCount() {
        return importedTables.size();
    }

    /** Number of imported memories. */
    public int importedMemoryCount() {
        return importedMemories.size();
    }

    /** Number of imported globals. */
    public int importedGlobalCount() {
        return importedGlobals.size();
    }

    /** Size of the function index space. */
    public int functionCount() {
        return importedFunctions.size() + functionTypeIndices.size();
    }

    /** Size of the table index space. */
    public int tableCount() {
        return importedTables.size() + tables.size();
    }

    /** Size of the memory index space. */
    public int memoryCount() {
        return importedMemories.size() + memories.size();
    }

    /** Size of the global index space. */
    public int globalCount() {
        return importedGlobals.size() + globals.size();
    }

    /** The import that provides function {@code index}, which must be below the import count. */
    public Import functionImport(int index) {
        return importedFunctions.get(index);
    }

    /** The import that provides table {@code index}. */
    public Import tableImport(int index) {
        return importedTables.get(index);
    }

    /** The import that provides memory {@code index}. */
    public Import memoryImport(int index) {
        return importedMemories.get(index);
    }

    /** The import that provides global {@code index}. */
    public Import globalImport(int index) {
        return importedGlobals.get(index);
    }

    /** The type index of function {@code index} (imported or defined). */
    public int functionTypeIndex(int index) {
        int n = importedFunctions.size();
        return index < n ? importedFunctions.get(index).functionTypeIndex() : functionTypeIndices.get(index - n);
    }

    /** The type of function {@code index} (imported or defined). */
    public FuncType functionType(int index) {
        return types.get(functionTypeIndex(index));
    }

    /** The type of table {@code index}. */
    public TableType tableType(int index) {
        int n = importedTables.size();
        return index < n ? importedTables.get(index).tableType() : tables.get(index - n);
    }

    /** The type of memory {@code index}. */
    public MemoryType memoryType(int index) {
        int n = importedMemories.size();
        return index < n ? importedMemories.get(index).memoryType() : memories.get(index - n);
    }

    /** The type of global {@code index}. */
    public GlobalType globalType(int index) {
        int n = importedGlobals.size();
        return index < n ? importedGlobals.get(index).globalType() : globals.get(index - n).type();
    }

    /** The exports of the given kind, in order. */
    public List<Export> exportsOf(ExternKind kind) {
        List<Export> out = new ArrayList<>();
        for (Export e : exports) {
            if (e.kind() == kind) {
                out.add(e);
            }
        }
        return out;
    }

    /** A readable name for function {@code index}: its name-section name, or {@code func[index]}. */
    public String functionName(int index) {
        String name = functionNames.get(index);
        return name != null ? name : "func[" + index + "]";
    }

    /** Collects the parts of a module while it is decoded. Not thread-safe. */
    public static final class Builder {
        /** The type section. */
        public final List<FuncType> types = new ArrayList<>();
        /** The import section. */
        public final List<Import> imports = new ArrayList<>();
        /** The function section. */
        public final List<Integer> functionTypeIndices = new ArrayList<>();
        /** The table section. */
        public final List<TableType> tables = new ArrayList<>();
        /** The memory section. */
        public final List<MemoryType> memories = new ArrayList<>();
        /** The global section. */
        public final List<GlobalDefinition> globals = new ArrayList<>();
        /** The export section. */
        public final List<Export> exports = new ArrayList<>();
        /** The start section, or -1. */
        public int startFunction = -1;
        /** The element section. */
        public final List<ElementSegment> elements = new ArrayList<>();
        /** The data count section, or -1. */
        public int dataCount = -1;
        /** The data section. */
        public final List<DataSegment> data = new ArrayList<>();
        /** The code section. */
        public final List<FunctionBody> code = new ArrayList<>();
        /** Custom sections. */
        public final List<CustomSection> customSections = new ArrayList<>();
        /** Function names from the name section. */
        public final Map<Integer, String> functionNames = new HashMap<>();
        /** Module name from the name section, or null. */
        public String moduleName;

        /** The finished, immutable module. */
        public ModuleDefinition build() {
            return new ModuleDefinition(this);
        }
    }
}
