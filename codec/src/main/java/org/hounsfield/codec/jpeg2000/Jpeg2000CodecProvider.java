package org.hounsfield.codec.jpeg2000;

import java.util.Set;

import org.hounsfield.codec.CodecProvider;
import org.hounsfield.codec.FrameDecoder;

/** Registers the pure-Java JPEG 2000 decoder for transfer syntaxes .90 (lossless) and .91. */
public final class Jpeg2000CodecProvider implements CodecProvider {
    /** JPEG 2000 Image Compression (Lossless Only). */
    public static final String LOSSLESS = "1.2.840.10008.1.2.4.90";
    /** JPEG 2000 Image Compression. */
    public static final String LOSSY = "1.2.840.10008.1.2.4.91";

    private static final Jpeg2000Decoder DECODER = new Jpeg2000Decoder();

    @Override
    public Set<String> transferSyntaxUids() {
        return Set.of(LOSSLESS, LOSSY);
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
