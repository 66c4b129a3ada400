package org.hounsfield.codec.jpeg2000;

import java.util.Set;

import org.hounsfield.codec.CodecProvider;
import org.hounsfield.codec.FrameDecoder;

/**
 * Registers the pure-Java JPEG 2000 decoder for transfer syntaxes .90 (lossless) and .91 and the
 * High-Throughput JPEG 2000 syntaxes .201 (HTJ2K Lossless), .202 (HTJ2K Lossless RPCL) and .203
 * (HTJ2K): one decoder reads Part 1 and Part 15 code-blocks alike.
 */
public final class Jpeg2000CodecProvider implements CodecProvider {
    /** JPEG 2000 Image Compression (Lossless Only). */
    public static final String LOSSLESS = "1.2.840.10008.1.2.4.90";
    /** JPEG 2000 Image Compression. */
    public static final String LOSSY = "1.2.840.10008.1.2.4.91";
    /** High-Throughput JPEG 2000 Image Compression (Lossless Only). */
    public static final String HTJ2K_LOSSLESS = "1.2.840.10008.1.2.4.201";
    /** High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only). */
    public static final String HTJ2K_LOSSLESS_RPCL = "1.2.840.10008.1.2.4.202";
    /** High-Throughput JPEG 2000 Image Compression. */
    public static final String HTJ2K = "1.2.840.10008.1.2.4.203";

    private static final Jpeg2000Decoder DECODER = new Jpeg2000Decoder();

    @Override
    public Set<String> transferSyntaxUids() {
        return Set.of(LOSSLESS, LOSSY, HTJ2K_LOSSLESS, HTJ2K_LOSSLESS_RPCL, HTJ2K);
    }

    @Override
    public FrameDecoder decoder(String transferSyntaxUid) {
        if (!transferSyntaxUids().contains(transferSyntaxUid)) {
            throw new IllegalArgumentException("not a JPEG 2000 transfer syntax: " + transferSyntaxUid);
        }
        return DECODER;
    }

    @Override
    public String name() {
        return "JPEG 2000 (pure Java)";
    }
}
