package dev.airlock.wasm.valid;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.GlobalType;
import dev.airlock.wasm.InvalidModuleException;
import dev.airlock.wasm.Limits;
import dev.airlock.wasm.MemoryType;
import dev.airlock.wasm.TableType;
import dev.airlock.wasm.ValType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Tests of {@link TypeValidator} (spec 3.2: limits, table, memory and global types). */
class TypeValidatorTest {
    private static void rejects(String text, Executable check) {
        InvalidModuleException e = assertThrows(InvalidModuleException.class, check);
        assertTrue(e.getMessage().startsWith(text), e.getMessage());
    }

    @Test
    void limits() {
        assertDoesNotThrow(() -> TypeValidator.validateLimits(new Limits(0, Limits.NO_MAX), 10, "big", "x"));
        assertDoesNotThrow(() -> TypeValidator.validateLimits(new Limits(10, 10), 10, "big", "x"));
        rejects("big", () -> TypeValidator.validateLimits(new Limits(11, Limits.NO_MAX), 10, "big", "x"));
        rejects("big", () -> TypeValidator.validateLimits(new Limits(1, 11), 10, "big", "x"));
        rejects("size minimum must not be greater than maximum",
                () -> TypeValidator.validateLimits(new Limits(5, 4), 10, "big", "x"));
        rejects("malformed limits", () -> TypeValidator.validateLimits(null, 10, "big", "x"));
    }

    @Test
    void memoryTypes() {
        assertDoesNotThrow(() -> TypeValidator.validateMemory(new MemoryType(new Limits(65536, 65536)), "m"));
        rejects("memory size must be at most 65536 pages (4GiB)",
                () -> TypeValidator.validateMemory(new MemoryType(new Limits(65537, Limits.NO_MAX)), "m"));
        rejects("memory size must be at most 65536 pages (4GiB)",
                () -> TypeValidator.validateMemory(new MemoryType(new Limits(0, 0x1_0000_0000L)), "m"));
    }

    @Test
    void tableTypes() {
        assertDoesNotThrow(() -> TypeValidator.validateTable(
                new TableType(ValType.EXTERNREF, new Limits(0, 0xFFFF_FFFFL)), "t"));
        rejects("size minimum must not be greater than maximum",
                () -> TypeValidator.validateTable(new TableType(ValType.FUNCREF, new Limits(3, 2)), "t"));
        rejects("malformed reference type",
                () -> TypeValidator.validateTable(new TableType(ValType.I32, new Limits(0, 1)), "t"));
    }

    @Test
    void globalTypes() {
        assertDoesNotThrow(() -> TypeValidator.validateGlobal(new GlobalType(ValType.FUNCREF, true), "g"));
        rejects("malformed global type", () -> TypeValidator.validateGlobal(new GlobalType(null, true), "g"));
    }
}
