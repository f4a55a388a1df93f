package dev.airlock.wasm.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CompilerOptionsTest {
    @Test
    void defaultsWithoutPropertiesUseTheDefaultBudgetAndNoDump() {
        CompilerOptions options = withProperties(null, null, CompilerOptions::defaults);
        assertEquals(CompilerOptions.DEFAULT_METHOD_BUDGET, options.methodBudget());
        assertNull(options.dumpDirectory());
    }

    @Test
    void propertiesSetTheBudgetAndTheDumpDirectory() {
        CompilerOptions options = withProperties(" 1200 ", "/tmp/airlock-dump", CompilerOptions::defaults);
        assertEquals(1200, options.methodBudget());
        assertEquals(Path.of("/tmp/airlock-dump"), options.dumpDirectory());
    }

    @Test
    void aBudgetThatIsNotANumberIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withProperties("big", null, CompilerOptions::defaults));
        assertTrue(e.getMessage().contains(CompilerOptions.BUDGET_PROPERTY) && e.getMessage().contains("'big'"), e.getMessage());
    }

    @Test
    void aBudgetOutsideItsRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> withProperties("0", null, CompilerOptions::defaults));
        assertThrows(IllegalArgumentException.class,
                () -> withProperties(String.valueOf(CompilerOptions.JIT_LIMIT + 1), null, CompilerOptions::defaults));
        assertThrows(IllegalArgumentException.class, () -> CompilerOptions.defaults().withMethodBudget(-5));
    }

    /** Runs {@code body} with the two properties set (null: cleared), restoring them afterwards. */
    private static <T> T withProperties(String budget, String dump, Supplier<T> body) {
        String oldBudget = System.getProperty(CompilerOptions.BUDGET_PROPERTY);
        String oldDump = System.getProperty(CompilerOptions.DUMP_PROPERTY);
        set(CompilerOptions.BUDGET_PROPERTY, budget);
        set(CompilerOptions.DUMP_PROPERTY, dump);
        try {
            return body.get();
        } finally {
            set(CompilerOptions.BUDGET_PROPERTY, oldBudget);
            set(CompilerOptions.DUMP_PROPERTY, oldDump);
        }
    }

    private static void set(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
