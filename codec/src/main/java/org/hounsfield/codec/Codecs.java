package org.hounsfield.codec;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the decoder for a transfer syntax among the {@link CodecProvider}s on the class path.
 *
 * <pre>{@code
 * FrameDecoder jpegLs = Codecs.decoder("1.2.840.10008.1.2.4.80").orElseThrow();
 * }</pre>
 */
public final class Codecs {
    private static volatile Map<String, CodecProvider> providers;

    private Codecs() {
    }

    private static Map<String, CodecProvider> providers() {
        Map<String, CodecProvider> p = providers;
        if (p == null) {
            synchronized (Codecs.class) {
                p = providers;
                if (p == null) {
                    p = new HashMap<>();
                    for (CodecProvider cp : ServiceLoader.load(CodecProvider.class, Codecs.class.getClassLoader())) {
                        for (String uid : cp.transferSyntaxUids()) {
                            p.putIfAbsent(uid, cp);
                        }
                    }
                    providers = p;
                }
            }
        }
        return p;
    }

    /** The decoder for {@code transferSyntaxUid}, if a provider supports it. */
    public static Optional<FrameDecoder> decoder(String transferSyntaxUid) {
        CodecProvider cp = providers().get(transferSyntaxUid);
        return cp == null ? Optional.empty() : Optional.of(cp.decoder(transferSyntaxUid));
    }

    /** Every transfer syntax UID some provider decodes, sorted. */
    public static Set<String> supportedTransferSyntaxes() {
        return new TreeSet<>(providers().keySet());
    }
}
