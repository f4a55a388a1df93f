package dev.airlock.libs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Damaged variants of a file, seeded: truncations and bit flips. */
final class Mutations {
    private Mutations() {
    }

    record Variant(String name, byte[] bytes) {
    }

    /** {@code truncations} truncated copies and {@code flips} copies with 1 to 8 flipped bits. */
    static List<Variant> of(byte[] file, long seed, int truncations, int flips) {
        Random random = new Random(seed);
        List<Variant> out = new ArrayList<>();
        for (int i = 0; i < truncations && file.length > 1; i++) {
            // Half the cuts in the first 256 bytes (headers), half anywhere.
            int bound = i % 2 == 0 ? Math.min(file.length - 1, 256) : file.length - 1;
            int length = 1 + random.nextInt(bound);
            out.add(new Variant("truncated@" + length, Arrays.copyOf(file, length)));
        }
        for (int i = 0; i < flips; i++) {
            byte[] copy = file.clone();
            int n = 1 + random.nextInt(8);
            StringBuilder name = new StringBuilder("flipped");
            for (int k = 0; k < n; k++) {
                // Mostly near the start, where headers and tables are.
                int bound = random.nextBoolean() ? Math.min(file.length, 512) : file.length;
                int pos = random.nextInt(bound);
                int bit = random.nextInt(8);
                copy[pos] ^= (byte) (1 << bit);
                name.append(k == 0 ? "@" : ",").append(pos).append('.').append(bit);
            }
            out.add(new Variant(name.toString(), copy));
        }
        return out;
    }
}
