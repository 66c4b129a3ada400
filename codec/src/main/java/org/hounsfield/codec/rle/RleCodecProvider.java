package org.hounsfield.codec.rle;

import java.util.Set;
import org.hounsfield.codec.CodecProvider;
import org.hounsfield.codec.FrameDecoder;

/** Registers the pure-Java {@link RleDecoder} for RLE Lossless (1.2.840.10008.1.2.5). */
public final class RleCodecProvider implements CodecProvider {

    /** RLE Lossless transfer syntax UID. */
    public static final String RLE_LOSSLESS = "1.2.840.10008.1.2.5";

    @Override
    public Set<String> transferSyntaxUids() {
        return Set.of(RLE_LOSSLESS);
    }

    @Override
    public FrameDecoder decoder(String transferSyntaxUid) {
        if (!RLE_LOSSLESS.equals(transferSyntaxUid)) {
            throw new IllegalArgumentException("not an RLE transfer syntax: " + transferSyntaxUid);
        }
        return new RleDecoder();
    }

    @Override
    public String name() {
        return "RLE Lossless (pure Java)";
    }
}
