package dev.airlock.marshal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CScalarTest {
    @Test
    void namesAndSignedness() {
        assertEquals("unsigned long long", CScalar.UNSIGNED_LONG_LONG.cName());
        assertEquals("uint8_t", CScalar.UINT8.cName());
        assertEquals("char", CScalar.CHAR.cName());
        assertEquals("size_t", CScalar.SIZE_T.cName());
        assertEquals("_Bool", CScalar.BOOL.cName());
        assertTrue(CScalar.CHAR.isSigned(), "char is signed on x86-64 and wasm32");
        assertFalse(CScalar.SIZE_T.isSigned());
        assertTrue(CScalar.DOUBLE.isFloating());
        assertFalse(CScalar.INT64.isFloating());
    }
}
