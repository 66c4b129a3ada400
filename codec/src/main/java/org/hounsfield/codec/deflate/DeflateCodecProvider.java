package org.hounsfield.codec.deflate;

import java.util.Set;
import org.hounsfield.codec.CodecProvider;
import org.hounsfield.codec.FrameDecoder;

/** Registers {@link DeflateFrameDecoder} for Deflated Image Frame Compression (1.2.840.10008.1.2.8.1). */
public final class DeflateCodecProvider implements CodecProvider {

    /** Deflated Image Frame Compression transfer syntax UID. */
    public static final String DEFLATED_IMAGE_FRAME = "1.2.840.10008.1.2.8.1";

    @Override
    public Set<String> transferSyntaxUids() {
        return Set.of(DEFLATED_IMAGE_FRAME);
    }

    @Override
    public FrameDecoder decoder(String transferSyntaxUid) {
        if (!DEFLATED_IMAGE_FRAME.equals(transferSyntaxUid)) {
            throw new IllegalArgumentException("not the Deflated Image Frame Compression syntax: " + transferSyntaxUid);
        }
        return new DeflateFrameDecoder();
    }

    @Override
    public String name() {
        return "Deflated Image Frame Compression (java.util.zip)";
    }
}
