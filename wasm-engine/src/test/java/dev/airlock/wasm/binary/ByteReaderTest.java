package dev.airlock.wasm.binary;

import static dev.airlock.wasm.binary.TestBytes.assertFails;
import static dev.airlock.wasm.binary.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.MalformedModuleException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ByteReaderTest {
    private static ByteReader reader(int... b) {
        return new ByteReader(bytes(b));
    }

    @Nested
    class Unsigned32 {
        @Test
        void singleByteValues() {
            assertEquals(0, reader(0x00).u32());
            assertEquals(1, reader(0x01).u32());
            assertEquals(127, reader(0x7F).u32());
        }

        @Test
        void multiByteValues() {
            assertEquals(128, reader(0x80, 0x01).u32());
            assertEquals(624485, reader(0xE5, 0x8E, 0x26).u32());
            assertEquals(0xFFFFFFFFL, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).u32());
            assertEquals(0x80000000L, reader(0x80, 0x80, 0x80, 0x80, 0x08).u32());
        }

        @Test
        void nonMinimalEncodingsAreAccepted() {
            assertEquals(2, reader(0x82, 0x00).u32());
            assertEquals(0, reader(0x80, 0x80, 0x80, 0x80, 0x00).u32());
        }

        @Test
        void readsExactlyItsBytes() {
            ByteReader r = reader(0x80, 0x01, 0x05);
            assertEquals(128, r.u32());
            assertEquals(2, r.position());
            assertEquals(5, r.u32());
            assertTrue(r.atEnd());
        }

        @Test
        void sixBytesAreTooLong() {
            MalformedModuleException e = assertFails("integer representation too long",
                    () -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u32());
            assertEquals(5, e.offset());
        }

        @Test
        void fifthByteWithContinuationAndSmallPayloadIsTooLong() {
            assertFails("integer representation too long", () -> reader(0x80, 0x80, 0x80, 0x80, 0x80).u32());
        }

        @Test
        void unusedBitsInLastByteAreTooLarge() {
            MalformedModuleException e = assertFails("integer too large",
                    () -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x1F).u32());
            assertEquals(4, e.offset());
            assertFails("integer too large", () -> reader(0x80, 0x80, 0x80, 0x80, 0x10).u32());
            assertFails("integer too large", () -> reader(0x80, 0x80, 0x80, 0x80, 0x70).u32());
            // Payload too large is reported before the continuation bit.
            assertFails("integer too large", () -> reader(0x80, 0x80, 0x80, 0x80, 0x90, 0x00).u32());
        }

        @Test
        void truncatedIsUnexpectedEnd() {
            assertFails("unexpected end of section or function", () -> reader(0x80, 0x80).u32());
            assertFails("unexpected end of section or function", () -> reader().u32());
        }

        @Test
        void indexClampsValuesAboveIntRange() {
            assertEquals(Integer.MAX_VALUE, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).index());
            assertEquals(Integer.MAX_VALUE, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x07).index());
            assertEquals(1234, reader(0xD2, 0x09).index());
        }
    }

    @Nested
    class OneBitFlag {
        @Test
        void zeroAndOne() {
            assertEquals(0, reader(0x00).unsigned(1));
            assertEquals(1, reader(0x01).unsigned(1));
        }

        @Test
        void twoIsTooLarge() {
            assertFails("integer too large", () -> reader(0x02).unsigned(1));
            assertFails("integer too large", () -> reader(0x08, 0x00).unsigned(1));
        }

        @Test
        void continuationIsTooLong() {
            assertFails("integer representation too long", () -> reader(0x81, 0x00).unsigned(1));
            assertFails("integer representation too long", () -> reader(0x80, 0x00).unsigned(1));
        }
    }

    @Nested
    class Signed32 {
        @Test
        void smallValues() {
            assertEquals(0, reader(0x00).s32());
            assertEquals(-1, reader(0x7F).s32());
            assertEquals(63, reader(0x3F).s32());
            assertEquals(-64, reader(0x40).s32());
            assertEquals(64, reader(0xC0, 0x00).s32());
            assertEquals(-123456, reader(0xC0, 0xBB, 0x78).s32());
        }

        @Test
        void extremes() {
            assertEquals(Integer.MAX_VALUE, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x07).s32());
            assertEquals(Integer.MIN_VALUE, reader(0x80, 0x80, 0x80, 0x80, 0x78).s32());
        }

        @Test
        void nonMinimalEncodings() {
            assertEquals(0, reader(0x80, 0x00).s32());
            assertEquals(-1, reader(0xFF, 0x7F).s32());
            assertEquals(0, reader(0x80, 0x80, 0x80, 0x80, 0x00).s32());
            assertEquals(-1, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x7F).s32());
        }

        @Test
        void unusedBitsMustMatchSign() {
            assertFails("integer too large", () -> reader(0x80, 0x80, 0x80, 0x80, 0x70).s32());
            assertFails("integer too large", () -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).s32());
            assertFails("integer too large", () -> reader(0x80, 0x80, 0x80, 0x80, 0x08).s32());
            assertFails("integer too large", () -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x77).s32());
        }

        @Test
        void tooLong() {
            assertFails("integer representation too long", () -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).s32());
            assertFails("integer representation too long", () -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F).s32());
        }

        @Test
        void truncated() {
            assertFails("unexpected end of section or function", () -> reader(0xFF).s32());
        }
    }

    @Nested
    class Signed33 {
        @Test
        void values() {
            assertEquals(0, reader(0x00).s33());
            assertEquals(-64, reader(0x40).s33());
            assertEquals(0xFFFFFFFFL, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).s33());
            assertEquals(-(1L << 32), reader(0x80, 0x80, 0x80, 0x80, 0x70).s33());
        }

        @Test
        void limits() {
            assertFails("integer too large", () -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x1F).s33());
            assertFails("integer too large", () -> reader(0x80, 0x80, 0x80, 0x80, 0x60).s33());
            assertFails("integer representation too long", () -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).s33());
        }
    }

    @Nested
    class Signed64 {
        @Test
        void values() {
            assertEquals(0, reader(0x00).s64());
            assertEquals(-1, reader(0x7F).s64());
            assertEquals(Long.MAX_VALUE, reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00).s64());
            assertEquals(Long.MIN_VALUE, reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F).s64());
            assertEquals(1L << 35, reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x01).s64());
        }

        @Test
        void nonMinimalEncodings() {
            assertEquals(0, reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).s64());
            assertEquals(-1, reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F).s64());
        }

        @Test
        void unusedBitsMustMatchSign() {
            assertFails("integer too large",
                    () -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7E).s64());
            assertFails("integer too large",
                    () -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01).s64());
            assertFails("integer too large",
                    () -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02).s64());
        }

        @Test
        void elevenBytesAreTooLong() {
            assertFails("integer representation too long",
                    () -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).s64());
            assertFails("integer representation too long",
                    () -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F).s64());
        }
    }

    @Nested
    class FixedWidth {
        @Test
        void floatBitsAreLittleEndian() {
            assertEquals(0x3F800000, reader(0x00, 0x00, 0x80, 0x3F).f32Bits());
            assertEquals(0x7FC00001, reader(0x01, 0x00, 0xC0, 0x7F).f32Bits());
            assertEquals(0x3FF0000000000000L, reader(0, 0, 0, 0, 0, 0, 0xF0, 0x3F).f64Bits());
            assertEquals(0xFFF8000000000001L, reader(1, 0, 0, 0, 0, 0, 0xF8, 0xFF).f64Bits());
        }

        @Test
        void truncated() {
            assertFails("unexpected end of section or function", () -> reader(0, 0, 0).f32Bits());
            assertFails("unexpected end of section or function", () -> reader(0, 0, 0, 0, 0, 0, 0).f64Bits());
        }
    }

    @Nested
    class Lengths {
        @Test
        void lengthWithinRemainingBytes() {
            assertEquals(3, reader(0x03, 1, 2, 3).length());
            assertEquals(0, reader(0x00).length());
        }

        @Test
        void lengthIsMeasuredFromItsOwnFirstByte() {
            // Like the reference interpreter: 4 bytes remain counting the length byte itself.
            assertEquals(4, reader(0x04, 1, 2, 3).length());
            assertFails("length out of bounds", () -> reader(0x05, 1, 2, 3).length());
        }

        @Test
        void hugeLengthsFailBeforeAllocating() {
            assertFails("length out of bounds", () -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).length());
            assertFails("length out of bounds", () -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0).byteVector());
        }

        @Test
        void byteVectorIsCopied() {
            byte[] source = bytes(0x02, 0xAA, 0xBB, 0xCC);
            ByteReader r = new ByteReader(source);
            byte[] v = r.byteVector();
            assertArrayEquals(bytes(0xAA, 0xBB), v);
            source[1] = 0;
            assertEquals((byte) 0xAA, v[0]);
            assertEquals(3, r.position());
        }

        @Test
        void byteVectorPastTheEnd() {
            assertFails("unexpected end of section or function", () -> reader(0x03, 1, 2).byteVector());
        }
    }

    @Nested
    class Names {
        @Test
        void asciiAndMultiByte() {
            assertEquals("abc", reader(0x03, 'a', 'b', 'c').name());
            assertEquals("", reader(0x00).name());
            assertEquals("é€😀", new ByteReader(TestBytes.name("é€😀")).name());
        }

        @Test
        void invalidUtf8() {
            MalformedModuleException e = assertFails("malformed UTF-8 encoding", () -> reader(0x02, 0xC0, 0x80).name());
            assertEquals(0, e.offset());
            assertFails("malformed UTF-8 encoding", () -> reader(0x01, 0x80).name());
            assertFails("malformed UTF-8 encoding", () -> reader(0x03, 0xED, 0xA0, 0x80).name());
        }

        @Test
        void nameLongerThanInput() {
            assertFails("length out of bounds", () -> reader(0x09, 'a').name());
            assertFails("unexpected end of section or function", () -> reader(0x02, 'a').name());
        }
    }

    @Nested
    class Bounds {
        @Test
        void subRangeLimitsReads() {
            ByteReader r = new ByteReader(bytes(1, 2, 3, 4, 5), 1, 3);
            assertEquals(2, r.u8());
            assertEquals(3, r.peek());
            assertEquals(3, r.u8());
            assertTrue(r.atEnd());
            assertEquals(-1, r.peek());
            assertFails("unexpected end of section or function", r::u8);
        }

        @Test
        void skip() {
            ByteReader r = reader(1, 2, 3);
            r.skip(2);
            assertEquals(3, r.u8());
            assertFails("unexpected end of section or function", () -> r.skip(1));
            assertFails("unexpected end of section or function", () -> reader(1).skip(-1));
        }

        @Test
        void seekOnlyForwardWithinLimit() {
            ByteReader r = reader(1, 2, 3);
            r.seek(2);
            assertEquals(2, r.position());
            assertFails("unexpected end of section or function", () -> r.seek(4));
            assertFails("unexpected end of section or function", () -> r.seek(1));
            assertFalse(r.atEnd());
        }
    }
}
