package org.hounsfield.imaging.volume.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import org.hounsfield.imaging.volume.VoxelType;
import org.junit.jupiter.api.Test;

class VoxelStoreTest {

    /**
     * putFrame16 skips the masking when no sample has a bit to mask (the usual 12-bit slice), and
     * otherwise masks (unsigned) or sign-extends (signed) every sample as PixelData does: checked
     * against the per-sample rule on seeded random frames, clean and with garbage above Bits
     * Stored, in both byte orders, for odd sizes too (the four-at-a-time test has a tail).
     */
    @Test
    void putFrame16MasksAndSignExtendsLikeThePerSampleRule() {
        Random rnd = new Random(20261125);
        for (int round = 0; round < 400; round++) {
            int bitsStored = 8 + rnd.nextInt(9);
            boolean signed = rnd.nextBoolean();
            boolean garbage = rnd.nextBoolean();
            ByteOrder order = rnd.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            int n = 1 + rnd.nextInt(67);
            short[] raw = new short[n];
            for (int i = 0; i < n; i++) {
                int v = signed ? rnd.nextInt(1 << bitsStored) - (1 << (bitsStored - 1)) : rnd.nextInt(1 << bitsStored);
                int clean = v & ((1 << bitsStored) - 1); // two's complement within bitsStored
                raw[i] = (short) (garbage && rnd.nextInt(4) == 0 ? clean | rnd.nextInt(1 << 16) << bitsStored : clean);
            }
            ByteBuffer src = ByteBuffer.allocate(2 * n).order(order);
            for (short s : raw) {
                src.putShort(s);
            }
            src.flip();
            VoxelType type = signed ? VoxelType.INT16 : VoxelType.UINT16;
            VoxelStore store = VoxelStore.allocate(type, n, 1);
            store.putFrame16(0, src, bitsStored, signed, 1, 0);
            int mask = (1 << bitsStored) - 1;
            for (int i = 0; i < n; i++) {
                int v = raw[i] & mask;
                if (signed && (v & (1 << (bitsStored - 1))) != 0) {
                    v |= ~mask;
                }
                double expected = signed ? (short) v : v & 0xFFFF;
                assertThat(store.get(0, i)).as("round %d sample %d", round, i).isEqualTo(expected);
            }
        }
    }
}
