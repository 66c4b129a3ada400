package org.hounsfield.codec.jpeg;

import java.util.Set;
import org.hounsfield.codec.CodecProvider;
import org.hounsfield.codec.FrameDecoder;

/**
 * Registers the pure Java JPEG decoder ({@link JpegDecoder}) for JPEG Baseline
 * (1.2.840.10008.1.2.4.50), JPEG Extended (.51), JPEG Lossless process 14 (.57) and JPEG
 * Lossless selection value 1 (.70).
 */
public final class JpegCodecProvider implements CodecProvider {
    /** JPEG Baseline (Process 1). */
    public static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    /** JPEG Extended (Process 2 and 4). */
    public static final String JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";
    /** JPEG Lossless, Non-Hierarchical (Process 14). */
    public static final String JPEG_LOSSLESS = "1.2.840.10008.1.2.4.57";
    /** JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, Selection Value 1). */
    public static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";

    private static final Set<String> UIDS = Set.of(JPEG_BASELINE, JPEG_EXTENDED, JPEG_LOSSLESS, JPEG_LOSSLESS_SV1);
    private static final JpegDecoder DECODER = new JpegDecoder();

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public JpegCodecProvider() {
    }

    @Override
    public Set<String> transferSyntaxUids() {
        return UIDS;
    }

    @Override
    public FrameDecoder decoder(String transferSyntaxUid) {
        if (!UIDS.contains(transferSyntaxUid)) {
            throw new IllegalArgumentException("not a JPEG transfer syntax: " + transferSyntaxUid);
        }
        return DECODER;
    }

    @Override
    public String name() {
        return "JPEG (pure Java)";
    }
}
