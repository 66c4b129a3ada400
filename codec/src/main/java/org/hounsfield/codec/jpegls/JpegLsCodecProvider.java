package org.hounsfield.codec.jpegls;

import java.util.Set;
import org.hounsfield.codec.CodecProvider;
import org.hounsfield.codec.FrameDecoder;

/**
 * Registers the pure-Java {@link JpegLsDecoder} for JPEG-LS Lossless (1.2.840.10008.1.2.4.80)
 * and JPEG-LS Lossy/Near-Lossless (1.2.840.10008.1.2.4.81).
 */
public final class JpegLsCodecProvider implements CodecProvider {

    /** JPEG-LS Lossless Image Compression. */
    public static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
    /** JPEG-LS Lossy (Near-Lossless) Image Compression. */
    public static final String JPEG_LS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";

    @Override
    public Set<String> transferSyntaxUids() {
        return Set.of(JPEG_LS_LOSSLESS, JPEG_LS_NEAR_LOSSLESS);
    }

    @Override
    public FrameDecoder decoder(String transferSyntaxUid) {
        if (!transferSyntaxUids().contains(transferSyntaxUid)) {
            throw new IllegalArgumentException("not a JPEG-LS transfer syntax: " + transferSyntaxUid);
        }
        return new JpegLsDecoder();
    }

    @Override
    public String name() {
        return "JPEG-LS (pure Java)";
    }
}
