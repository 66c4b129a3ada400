package org.hounsfield.codec.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The lookahead tables, which are filled in runs, against their definition evaluated entry by
 * entry: the code (canonical, T.81 Annex C) that the entry's bits start with, and the magnitude
 * bits after it.
 */
class HuffmanTableTest {

    // T.81 Table K.3 (DC luminance) and K.5 (AC luminance)
    private static final int[] DC_COUNTS = {0, 0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0};
    private static final int[] DC_SYMBOLS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    private static final int[] AC_COUNTS = {0, 0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d};
    private static final int[] AC_SYMBOLS = {
        0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
        0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0,
        0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
        0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
        0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
        0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
        0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
        0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5,
        0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
        0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
        0xf9, 0xfa
    };

    @Test
    void standardTablesMatchTheirDefinition() {
        checkAgainstDefinition(DC_COUNTS, DC_SYMBOLS, false);
        checkAgainstDefinition(AC_COUNTS, AC_SYMBOLS, true);
    }

    @Test
    void randomTablesMatchTheirDefinition() {
        Random rnd = new Random(3);
        for (int t = 0; t < 300; t++) {
            // a prefix code: at each length, some of the still unused codes (complete or not)
            int[] counts = new int[17];
            int free = 2;
            int total = 0;
            for (int len = 1; len <= 16 && total < 256; len++) {
                int n = Math.min(Math.min(free, 256 - total), rnd.nextInt(Math.min(free, 12) + 1));
                counts[len] = n;
                total += n;
                free = (free - n) * 2;
            }
            int[] symbols = new int[total];
            boolean ac = rnd.nextBoolean();
            for (int i = 0; i < total; i++) {
                // DC: categories 0 to 16 and a few invalid ones; AC: any run/size byte
                symbols[i] = ac ? rnd.nextInt(256) : rnd.nextInt(10) == 0 ? 17 + rnd.nextInt(200) : rnd.nextInt(17);
            }
            checkAgainstDefinition(counts, symbols, ac);
        }
    }

    private static void checkAgainstDefinition(int[] counts, int[] symbols, boolean ac) {
        HuffmanTable t = new HuffmanTable(counts, symbols, ac, 0);
        final int la = HuffmanTable.LOOKAHEAD;
        // canonical codes: (length, code, symbol)
        List<int[]> codes = new ArrayList<>();
        int code = 0;
        int k = 0;
        for (int len = 1; len <= 16; len++) {
            for (int i = 0; i < counts[len]; i++) {
                codes.add(new int[] {len, code++, symbols[k++]});
            }
            code <<= 1;
        }
        for (int idx = 0; idx < 1 << la; idx++) {
            int look = 0;
            int fast = 0;
            for (int[] c : codes) {
                int len = c[0];
                if (len <= la && idx >> (la - len) == c[1]) {
                    int sym = c[2];
                    look = len << 8 | sym;
                    fast = fastDefinition(ac, len, sym, idx, la);
                }
            }
            assertThat(t.look[idx]).as("look[%d]", idx).isEqualTo(look);
            assertThat(t.fast[idx]).as("fast[%d] (ac %s)", idx, ac).isEqualTo(fast);
        }
    }

    /** The documented content of a fast entry. */
    private static int fastDefinition(boolean ac, int len, int sym, int idx, int la) {
        int s = ac ? sym & 15 : sym;
        if (ac && s == 0) {
            return (sym >> 4) << 8 | len;
        }
        if (!ac && s == 0) {
            return len;
        }
        if (!ac && s == 16) {
            return 32768 << 8 | len;
        }
        if (s > 16 || len + s > la) {
            return 0;
        }
        int bits = (idx >> (la - len - s)) & ((1 << s) - 1);
        int value = bits >= 1 << (s - 1) ? bits : bits - (1 << s) + 1;
        return ac ? value << 16 | (sym >> 4) << 8 | (len + s) : value << 8 | (len + s);
    }
}
