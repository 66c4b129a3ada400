package org.hounsfield.deid;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.hounsfield.core.DicomException;

/**
 * Replacement UIDs derived from the original UID and a secret: {@code 2.25.} followed by the
 * decimal value of the first 128 bits of HMAC-SHA256(secret, original). The same UID gives the
 * same replacement in every file and every run with the same secret, so references between
 * instances stay intact; without the secret the original cannot be recovered or tested for.
 *
 * <pre>{@code
 * UidMapper m = new UidMapper(secret);
 * m.map("1.2.840.113619.2.55.3.604688119.969.1268071029.320");  // "2.25.2874...", at most 44 characters
 * }</pre>
 *
 * <p>Thread safe.
 */
public final class UidMapper {
    private final byte[] secret;
    private final ThreadLocal<Mac> mac;

    /** @param secret the user's secret, at least 16 bytes */
    public UidMapper(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < 16) {
            throw new IllegalArgumentException("the secret must have at least 16 bytes, got " + secret.length);
        }
        this.secret = secret.clone();
        this.mac = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(secret, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new DicomException("HmacSHA256 is not available", e);
        }
    }

    /** HMAC-SHA256(secret, domain + "|" + text): the one keyed hash every pseudonym is built from. */
    public byte[] hmac(String domain, String text) {
        Mac m = mac.get();
        m.update(domain.getBytes(StandardCharsets.UTF_8));
        m.update((byte) '|');
        return m.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The replacement for {@code uid} (trailing NUL/space padding ignored); "" stays "". */
    public String map(String uid) {
        String u = strip(uid);
        if (u.isEmpty()) {
            return u;
        }
        byte[] h = hmac("uid", u);
        return "2.25." + new BigInteger(1, Arrays.copyOf(h, 16)).toString();
    }

    static String strip(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == 0 || s.charAt(end - 1) == ' ')) {
            end--;
        }
        int start = 0;
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        return s.substring(start, end);
    }
}
