package org.hounsfield.core.io.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.hounsfield.core.DicomIOException;
import org.hounsfield.core.DicomParseException;
import org.hounsfield.core.Tag;

/**
 * A buffered, position-tracking byte source over an array or a stream, with the byte order as
 * reader state. Every read checks what is available and throws {@link DicomParseException}
 * naming the offset instead of running past the end.
 */
public final class DicomInput {
    private static final int CHUNK = 64 * 1024;
    /**
     * The first read of a stream: most headers fit, and a header scan of many files should not
     * read (and zero a buffer for) 64 KiB of pixel data per file. Refills after it use CHUNK.
     */
    private static final int FIRST = 8 * 1024;

    private final InputStream in;
    private final long length;
    private byte[] buf;
    private int pos;
    private int lim;
    private long bufStart;
    private boolean eof;
    private boolean bigEndian;
    private final long offsetBase;

    private DicomInput(InputStream in, byte[] buf, int pos, int lim, long length, long offsetBase) {
        this.in = in;
        this.buf = buf;
        this.pos = pos;
        this.lim = lim;
        this.length = length;
        this.eof = in == null;
        this.offsetBase = offsetBase;
        this.bufStart = 0;
    }

    /** Input over {@code b[off, off+len)}; positions are relative to {@code off}. */
    public static DicomInput of(byte[] b, int off, int len) {
        DicomInput d = new DicomInput(null, b, off, off + len, len, 0);
        d.bufStart = -off;
        return d;
    }

    /** Input over a stream of {@code length} bytes ({@code -1} when unknown). */
    public static DicomInput of(InputStream in, long length) {
        return new DicomInput(in, new byte[FIRST], 0, 0, length, 0);
    }

    /** Input over a stream whose positions are reported with {@code offsetBase} added (e.g. inflated data). */
    public static DicomInput of(InputStream in, long length, long offsetBase) {
        return new DicomInput(in, new byte[FIRST], 0, 0, length, offsetBase);
    }

    public boolean bigEndian() {
        return bigEndian;
    }

    public void bigEndian(boolean be) {
        this.bigEndian = be;
    }

    /** Current position from the start of the input. */
    public long position() {
        return bufStart + pos;
    }

    /** Position as reported in messages. */
    public long reportedPosition() {
        return offsetBase + position();
    }

    /** Bytes left, or {@link Long#MAX_VALUE} when the length is not known. */
    public long remaining() {
        if (length < 0) {
            return eof ? lim - pos : Long.MAX_VALUE;
        }
        return length - position();
    }

    /** Whether the total length is known (file or array input). */
    public boolean lengthKnown() {
        return length >= 0 || eof;
    }

    /** Tries to buffer {@code n} bytes; false when the input ends first. */
    public boolean ensure(int n) {
        if (lim - pos >= n) {
            return true;
        }
        if (eof) {
            return false;
        }
        if (n > buf.length || (buf.length < CHUNK && (pos > 0 || bufStart > 0))) {
            // past the first read: a bigger buffer (or one that holds n)
            buf = Arrays.copyOf(buf, Math.max(n, Math.max(CHUNK, buf.length * 2)));
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            bufStart += pos;
            lim -= pos;
            pos = 0;
        }
        try {
            while (lim < n) {
                int r = in.read(buf, lim, buf.length - lim);
                if (r < 0) {
                    eof = true;
                    return false;
                }
                lim += r;
            }
        } catch (IOException e) {
            throw new DicomIOException("read failed at byte offset " + reportedPosition(), e);
        }
        return true;
    }

    public boolean atEnd() {
        return !ensure(1);
    }

    private void need(int n, String what) {
        if (!ensure(n)) {
            throw new DicomParseException("unexpected end of data: expected " + what + " (" + n + " bytes), "
                    + (lim - pos) + " left", reportedPosition());
        }
    }

    /** Byte at {@code position() + i} without consuming; -1 past the end. */
    public int peek(int i) {
        return ensure(i + 1) ? buf[pos + i] & 0xFF : -1;
    }

    public int u8(String what) {
        need(1, what);
        return buf[pos++] & 0xFF;
    }

    /*
     * Variants that take what is being read as a prefix and a tag ("value length of " and
     * (0010,0010)): the message is only put together when the read fails. Building it for every
     * element (a tag formatted, strings joined) cost more than reading the element itself.
     */

    public int u16(String prefix, int tag) {
        if (lim - pos < 2 && !ensure(2)) {
            need(2, prefix.concat(Tag.toString(tag)));
        }
        return u16(prefix);
    }

    public long u32(String prefix, int tag) {
        if (lim - pos < 4 && !ensure(4)) {
            need(4, prefix.concat(Tag.toString(tag)));
        }
        return u32(prefix);
    }

    public int tag(String prefix, int tag) {
        if (lim - pos < 4 && !ensure(4)) {
            need(4, prefix.concat(Tag.toString(tag)));
        }
        return tag(prefix);
    }

    public byte[] bytes(long n, String prefix, int tag) {
        if (n <= lim - pos) {
            byte[] out = Arrays.copyOfRange(buf, pos, pos + (int) n);
            pos += (int) n;
            return out;
        }
        return bytes(n, prefix.concat(Tag.toString(tag)));
    }

    public void skip(long n, String prefix, int tag) {
        if (n <= lim - pos) {
            pos += (int) n;
            return;
        }
        skip(n, prefix.concat(Tag.toString(tag)));
    }

    public int u16(String what) {
        need(2, what);
        int v = bigEndian ? (buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF) : (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    public long u32(String what) {
        need(4, what);
        long v = bigEndian
                ? (buf[pos] & 0xFFL) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8 | (buf[pos + 3] & 0xFF)
                : (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFFL) << 24;
        pos += 4;
        return v;
    }

    /** A tag: group and element in the current byte order, as one int. */
    public int tag(String what) {
        need(4, what);
        int g;
        int e;
        if (bigEndian) {
            g = (buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF);
            e = (buf[pos + 2] & 0xFF) << 8 | (buf[pos + 3] & 0xFF);
        } else {
            g = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
            e = (buf[pos + 2] & 0xFF) | (buf[pos + 3] & 0xFF) << 8;
        }
        pos += 4;
        return g << 16 | e;
    }

    /**
     * Reads {@code n} bytes. With a known length the request is checked first; with an unknown
     * length the array grows only as data arrives, so a lying length cannot allocate more than
     * the input holds.
     */
    public byte[] bytes(long n, String what) {
        if (n > remaining()) {
            throw new DicomParseException(what + " declares " + n + " bytes but only " + remaining() + " remain", reportedPosition());
        }
        if (n > Integer.MAX_VALUE - 16) {
            throw new DicomParseException(what + " is too long (" + n + " bytes)", reportedPosition());
        }
        int len = (int) n;
        int avail = lim - pos;
        if (avail >= len) {
            byte[] out = Arrays.copyOfRange(buf, pos, pos + len);
            pos += len;
            return out;
        }
        byte[] out = new byte[lengthKnown() ? len : Math.min(len, CHUNK)];
        int filled = 0;
        while (filled < len) {
            if (lim == pos && !ensure(1)) {
                throw new DicomParseException("unexpected end of data in " + what + ": expected " + len + " bytes, got " + filled,
                        reportedPosition());
            }
            int k = Math.min(lim - pos, len - filled);
            if (filled + k > out.length) {
                out = Arrays.copyOf(out, (int) Math.min(len, Math.max((long) out.length * 2, filled + k)));
            }
            System.arraycopy(buf, pos, out, filled, k);
            pos += k;
            filled += k;
        }
        return out;
    }

    /** Skips {@code n} bytes, checking that they exist. */
    public void skip(long n, String what) {
        if (n > remaining()) {
            throw new DicomParseException(what + " declares " + n + " bytes but only " + remaining() + " remain", reportedPosition());
        }
        long left = n;
        while (left > 0) {
            if (lim == pos && !ensure(1)) {
                throw new DicomParseException("unexpected end of data in " + what, reportedPosition());
            }
            int k = (int) Math.min(lim - pos, left);
            pos += k;
            left -= k;
        }
    }

    /** The rest of the input as a stream (buffered bytes first). */
    public InputStream rest() {
        return new InputStream() {
            @Override
            public int read() {
                return ensure(1) ? buf[pos++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (!ensure(1)) {
                    return -1;
                }
                int k = Math.min(len, lim - pos);
                System.arraycopy(buf, pos, b, off, k);
                pos += k;
                return k;
            }
        };
    }
}
