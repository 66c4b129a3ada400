package org.hounsfield.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A transfer syntax (PS3.5 section 10, PS3.6 Annex A) with the encoding properties a reader and
 * writer need.
 *
 * <pre>{@code
 * TransferSyntax ts = TransferSyntax.of("1.2.840.10008.1.2.4.90");
 * ts.name();           // "JPEG 2000 Image Compression (Lossless Only)"
 * ts.explicitVr();     // true
 * ts.encapsulated();   // true: Pixel Data is a sequence of fragments
 * ts.compression();    // "lossless"
 * TransferSyntax.IMPLICIT_VR_LE.explicitVr();   // false
 * TransferSyntax.of("1.2.3.4").isKnown();        // false; assumed explicit VR LE, encapsulated
 * }</pre>
 *
 * <p>Instances are immutable and compare by UID. The table is read once from the class path on
 * first use.
 */
public final class TransferSyntax {

    /** Implicit VR Little Endian, 1.2.840.10008.1.2: the default transfer syntax. */
    public static final TransferSyntax IMPLICIT_VR_LE = of("1.2.840.10008.1.2");
    /** Explicit VR Little Endian, 1.2.840.10008.1.2.1. */
    public static final TransferSyntax EXPLICIT_VR_LE = of("1.2.840.10008.1.2.1");
    /** Explicit VR Big Endian (retired), 1.2.840.10008.1.2.2. */
    public static final TransferSyntax EXPLICIT_VR_BE = of("1.2.840.10008.1.2.2");
    /** Deflated Explicit VR Little Endian, 1.2.840.10008.1.2.1.99: the Data Set is deflated. */
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LE = of("1.2.840.10008.1.2.1.99");

    private final String uid;
    private final String name;
    private final String keyword;
    private final boolean retired;
    private final boolean explicitVr;
    private final boolean bigEndian;
    private final String pixelData;
    private final boolean encapsulated;
    private final boolean deflated;
    private final String compression;
    private final String codecFamily;
    private final boolean known;

    private TransferSyntax(String uid, String name, String keyword, boolean retired, boolean explicitVr,
                           boolean bigEndian, String pixelData, boolean encapsulated, boolean deflated,
                           String compression, String codecFamily, boolean known) {
        this.uid = uid;
        this.name = name;
        this.keyword = keyword;
        this.retired = retired;
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
        this.pixelData = pixelData;
        this.encapsulated = encapsulated;
        this.deflated = deflated;
        this.compression = compression;
        this.codecFamily = codecFamily;
        this.known = known;
    }

    /**
     * The transfer syntax with this UID; never {@code null}. Trailing NUL/space padding is
     * ignored. An unregistered UID (e.g. a private syntax) gives an instance named by its UID
     * that is assumed, as pydicom and dcm4che do, to be explicit VR little endian with
     * encapsulated pixel data, not deflated, compression {@code "unknown"}.
     */
    public static TransferSyntax of(String uid) {
        Objects.requireNonNull(uid, "uid");
        int end = uid.length();
        while (end > 0 && (uid.charAt(end - 1) == '\0' || uid.charAt(end - 1) == ' ')) {
            end--;
        }
        String key = end == uid.length() ? uid : uid.substring(0, end);
        TransferSyntax ts = Table.BY_UID.get(key);
        return ts != null ? ts
                : new TransferSyntax(key, key, "", false, true, false, "encapsulated", true, false, "unknown", "",
                        false);
    }

    /** Whether {@code uid} is a transfer syntax registered in the standard. */
    public static boolean isKnown(String uid) {
        return uid != null && of(uid).known;
    }

    /** All registered transfer syntaxes in registry order. */
    public static List<TransferSyntax> all() {
        return Table.ALL;
    }

    /** The UID, e.g. "1.2.840.10008.1.2.1". */
    public String uid() {
        return uid;
    }

    /** The standard's name, e.g. "Explicit VR Little Endian"; the UID for unknown syntaxes. */
    public String name() {
        return name;
    }

    /** The standard's keyword, e.g. "ExplicitVRLittleEndian"; empty for unknown syntaxes. */
    public String keyword() {
        return keyword;
    }

    /** Whether the standard has retired this transfer syntax (e.g. Explicit VR Big Endian). */
    public boolean retired() {
        return retired;
    }

    /** Whether this instance is a registered transfer syntax rather than an assumed one. */
    public boolean isKnown() {
        return known;
    }

    /** Whether data elements carry an explicit VR (false for implicit VR and for MIME/XML). */
    public boolean explicitVr() {
        return explicitVr;
    }

    /** Whether binary values are big endian (only the retired Explicit VR Big Endian). */
    public boolean bigEndian() {
        return bigEndian;
    }

    /**
     * Where the pixel data is: {@code native}, {@code encapsulated} (fragments), {@code referenced}
     * (JPIP), {@code external} (SMPTE ST 2110 streams) or {@code n/a}.
     */
    public String pixelData() {
        return pixelData;
    }

    /** Whether Pixel Data is encapsulated (a sequence of fragments). */
    public boolean encapsulated() {
        return encapsulated;
    }

    /**
     * Whether the whole Data Set after the File Meta Information is deflated (Deflated Explicit
     * VR Little Endian and the JPIP "Deflate" syntaxes). Deflated Image Frame Compression
     * deflates frames, not the Data Set, so it is {@code false} there.
     */
    public boolean deflated() {
        return deflated;
    }

    /**
     * The pixel data compression: {@code none}, {@code lossless}, {@code lossy},
     * {@code lossless-or-lossy}, {@code n/a}, or {@code unknown} for unregistered syntaxes.
     */
    public String compression() {
        return compression;
    }

    /** Whether the compression is always lossy ({@code compression().equals("lossy")}). */
    public boolean lossy() {
        return "lossy".equals(compression);
    }

    /** The codec family, e.g. "JPEG", "JPEG 2000", "RLE", "HTJ2K"; empty for native syntaxes. */
    public String codecFamily() {
        return codecFamily;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransferSyntax t && uid.equals(t.uid);
    }

    @Override
    public int hashCode() {
        return uid.hashCode();
    }

    /** The name, e.g. "Explicit VR Little Endian". */
    @Override
    public String toString() {
        return name;
    }

    /** The registered syntaxes, loaded when first needed (initialization-on-demand holder). */
    private static final class Table {
        static final Map<String, TransferSyntax> BY_UID;
        static final List<TransferSyntax> ALL;

        static {
            List<TransferSyntax> list = new ArrayList<>(64);
            String path = "/org/hounsfield/core/dict/transfer_syntaxes.tsv";
            try (InputStream in = TransferSyntax.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("Missing dictionary resource " + path);
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                boolean header = true;
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isEmpty() || line.charAt(0) == '#') {
                        continue;
                    }
                    if (header) {
                        header = false;
                        continue;
                    }
                    // uid, name, keyword, retired, vr_encoding, byte_order, pixel_data, encapsulated,
                    // dataset_deflated, compression, codec_family
                    String[] f = line.split("\t", -1);
                    list.add(new TransferSyntax(f[0], f[1], f[2], "Y".equals(f[3]), "explicit".equals(f[4]),
                            "big".equals(f[5]), f[6], "Y".equals(f[7]), "Y".equals(f[8]), f[9], f[10], true));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read dictionary resource " + path, e);
            }
            Map<String, TransferSyntax> map = new HashMap<>(128);
            for (TransferSyntax ts : list) {
                map.put(ts.uid, ts);
            }
            BY_UID = map;
            ALL = List.copyOf(list);
        }
    }
}
