package dev.airlock.wasm.binary;

/**
 * The section ids of the binary format (spec 5.5.2 "Sections") and the order in which the
 * non-custom sections must appear (spec 5.5.16 "Modules": the data count section, id 12, comes
 * between the element and the code section).
 */
enum SectionId {
    /** 5.5.3; may appear anywhere, any number of times. */
    CUSTOM(0, 0, "custom"),
    /** 5.5.4. */
    TYPE(1, 1, "type"),
    /** 5.5.5. */
    IMPORT(2, 2, "import"),
    /** 5.5.6. */
    FUNCTION(3, 3, "function"),
    /** 5.5.7. */
    TABLE(4, 4, "table"),
    /** 5.5.8. */
    MEMORY(5, 5, "memory"),
    /** 5.5.9. */
    GLOBAL(6, 6, "global"),
    /** 5.5.10. */
    EXPORT(7, 7, "export"),
    /** 5.5.11. */
    START(8, 8, "start"),
    /** 5.5.12. */
    ELEMENT(9, 9, "element"),
    /** 5.5.13. */
    CODE(10, 11, "code"),
    /** 5.5.14. */
    DATA(11, 12, "data"),
    /** 5.5.15. */
    DATA_COUNT(12, 10, "data count");

    /** The id byte. */
    final int id;
    /** Position in the required order of non-custom sections (1 first); 0 for custom sections. */
    final int order;
    /** The section's name, for messages. */
    final String label;

    /** Every section by id byte. */
    private static final SectionId[] BY_ID = new SectionId[13];

    static {
        for (SectionId s : values()) {
            BY_ID[s.id] = s;
        }
    }

    /** A section with id byte {@code id}, place {@code order} and name {@code label}. */
    SectionId(int id, int order, String label) {
        this.id = id;
        this.order = order;
        this.label = label;
    }

    /** The section with id byte {@code id}, or null if there is none. */
    static SectionId fromId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
