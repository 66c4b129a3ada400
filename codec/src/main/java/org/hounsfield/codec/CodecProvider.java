package org.hounsfield.codec;

import java.util.Set;

/**
 * Service provider interface: a codec family registers itself in
 * {@code META-INF/services/org.hounsfield.codec.CodecProvider} and is found by {@link Codecs}.
 */
public interface CodecProvider {

    /** Transfer syntax UIDs this provider decodes. */
    Set<String> transferSyntaxUids();

    /** A decoder for one of {@link #transferSyntaxUids()}. */
    FrameDecoder decoder(String transferSyntaxUid);

    /** A short name for messages and {@code --help}, e.g. "JPEG-LS (pure Java)". */
    String name();
}
