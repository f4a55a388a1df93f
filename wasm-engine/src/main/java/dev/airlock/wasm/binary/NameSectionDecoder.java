package dev.airlock.wasm.binary;

import dev.airlock.wasm.MalformedModuleException;
import dev.airlock.wasm.syntax.ModuleDefinition;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes the {@code name} custom section (spec appendix 7.4.1 "Name Section"): a sequence of
 * subsections, each a one-byte id, a u32 size and contents, in increasing id order. The module
 * name (id 0) and the function names (id 1, a name map: index/name pairs in increasing index
 * order) are kept; local names (id 2) and the ids of later proposals are skipped.
 *
 * <p>Like every custom section, the name section cannot make a module malformed: if any part of it
 * fails to decode, all of its names are dropped and decoding of the module goes on.
 */
final class NameSectionDecoder {
    /** The name of the name section. */
    static final String SECTION_NAME = "name";
    /** Subsection id of the module name. */
    private static final int MODULE_NAME = 0;
    /** Subsection id of the function names. */
    private static final int FUNCTION_NAMES = 1;

    /** Not instantiable. */
    private NameSectionDecoder() {
    }

    /**
     * Decodes {@code contents} (the section's bytes after its name) and, if they are well formed,
     * stores the names in {@code module}. Returns whether they were well formed.
     */
    static boolean decode(byte[] contents, ModuleDefinition.Builder module) {
        String moduleName = null;
        Map<Integer, String> functionNames = new HashMap<>();
        try {
            ByteReader r = new ByteReader(contents);
            int lastId = -1;
            while (!r.atEnd()) {
                int at = r.position();
                int id = r.u8();
                if (id <= lastId) {
                    throw r.error("name subsection out of order or repeated", at);
                }
                lastId = id;
                int size = r.length();
                long end = (long) r.position() + size;
                if (id == MODULE_NAME) {
                    moduleName = r.name();
                } else if (id == FUNCTION_NAMES) {
                    nameMap(r, functionNames);
                } else {
                    r.skip(size);
                }
                if (r.position() != end) {
                    throw r.error(Messages.SECTION_SIZE_MISMATCH + " in name subsection " + id, at);
                }
            }
        } catch (MalformedModuleException e) {
            return false;
        }
        module.moduleName = moduleName;
        module.functionNames.putAll(functionNames);
        return true;
    }

    /** A name map: a vector of (index, name) pairs with strictly increasing indices. */
    private static void nameMap(ByteReader r, Map<Integer, String> into) {
        int n = r.length();
        long last = -1;
        for (int i = 0; i < n; i++) {
            int at = r.position();
            long index = r.u32();
            if (index <= last) {
                throw r.error("name map indices not in increasing order", at);
            }
            last = index;
            String name = r.name();
            if (index <= Integer.MAX_VALUE) {
                into.put((int) index, name);
            }
        }
    }
}
