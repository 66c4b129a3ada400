package org.hounsfield.deid;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.Element;
import org.hounsfield.core.Sequence;
import org.hounsfield.core.Tag;
import org.hounsfield.core.TransferSyntax;
import org.hounsfield.core.VR;
import org.hounsfield.core.dict.ElementDictionary;
import org.hounsfield.core.dict.UidRegistry;
import org.hounsfield.core.io.DicomWriter;
import org.hounsfield.deid.internal.DateShifter;
import org.hounsfield.deid.internal.PixelBlanker;
import org.hounsfield.deid.internal.SafePrivate;
import org.hounsfield.deid.internal.TextScrubber;

/**
 * De-identifies data sets with the PS3.15 Basic Application Level Confidentiality Profile and
 * any of its options, following Table E.1-1 (edition 2026d, see {@link ProfileTable}) at every
 * depth of sequence nesting.
 *
 * <p>What it does, per instance:
 * <ul>
 *   <li>every listed attribute gets its action: X removed, Z emptied, D replaced by a dummy of its
 *       VR, K kept, C cleaned, U replaced by a UID derived from the original and the secret
 *       ({@link UidMapper}); compound codes resolve by {@link CompoundPolicy};</li>
 *   <li>private attributes are removed, unless {@link Option#RETAIN_SAFE_PRIVATE} keeps those known
 *       to be safe (PS3.15 Table E.3.10-1, or declared SAFE in the instance);</li>
 *   <li>overlay (60xx) and curve (50xx) groups are removed whole, or kept and cleaned with
 *       {@link Option#CLEAN_GRAPHICS};</li>
 *   <li>Patient ID and Patient's Name come from the user's {@link PatientMapping}, or are a
 *       pseudonym derived from the secret; with modified dates every date is shifted by a
 *       per-patient number of days derived from the secret (times of day are kept);</li>
 *   <li>Patient Identity Removed (0012,0062) YES, De-identification Method (0012,0063) and its
 *       Code Sequence (0012,0064) with the CID 7050 codes of the profile and options used,
 *       Longitudinal Temporal Information Modified (0028,0303), and a new File Meta Information
 *       without the original preamble;</li>
 *   <li>instances whose pixel data may show identity (Burned In Annotation YES, or absent for
 *       US, XA, RF, ES, OP, XC, GM, SC, SM, DOC and secondary capture) are refused with
 *       {@link DeidentificationRefusedException} unless accepted, or rectangles to blank are given.</li>
 * </ul>
 *
 * <p>Beyond the table (PS3.15 E.1.1 Note 4 allows it, and the profile is minimal): dates and times
 * of attributes the table does not list are handled like listed ones by their VR, instance UIDs
 * in unlisted UI attributes are replaced, unlisted attributes of unknown VR (UN) are removed and
 * group lengths are dropped. Registered DICOM UIDs (SOP classes, well-known frames of reference)
 * are never replaced.
 *
 * <pre>{@code
 * Deidentifier deid = Deidentifier.builder()
 *         .secret(Files.readAllBytes(Path.of("secret.key")))
 *         .options(Option.RETAIN_LONGITUDINAL_MODIFIED_DATES, Option.RETAIN_PATIENT_CHARACTERISTICS)
 *         .build();
 * Dataset ds = DicomReader.read(in);
 * Deidentifier.Result r = deid.deidentify(ds);       // changes ds in place
 * DicomWriter.write(ds, out);
 * r.newSopInstanceUid();                              // "2.25.3187..."
 * }</pre>
 *
 * <p>Immutable and thread safe; one instance can process a whole folder on many threads and
 * gives every file the same replacements.
 */
public final class Deidentifier {

    /** How the compound codes of Table E.1-1a are resolved without the IOD's attribute types. */
    public enum CompoundPolicy {
        /**
         * Keep conformance whatever the attribute's Type: X/Z gives Z, X/D and X/Z/D give D, Z/D
         * gives D, X/Z/U* keeps the sequence with its instance UIDs replaced. Attributes the table
         * marks as not used in standard composite IODs are removed (PS3.15 E.1.1 Note 13).
         */
        CONFORMANT,
        /** Remove wherever the code allows it (X), Z/D gives Z: smallest output, may break Type 1/2 attributes. */
        REMOVE
    }

    /** The single actions of PS3.15 Table E.1-1a. */
    public enum Action {
        /** Replace with a non-zero-length dummy value. */
        D,
        /** Replace with a zero-length value (or a dummy). */
        Z,
        /** Remove. */
        X,
        /** Keep (sequences: apply the profile to their items). */
        K,
        /** Clean: replace with values of similar meaning that are not identifying. */
        C,
        /** Replace with a UID consistent within the set of instances. */
        U
    }

    /**
     * What was done to one instance.
     *
     * @param originalSopInstanceUid the SOP Instance UID before (empty when absent)
     * @param newSopInstanceUid      the SOP Instance UID after (empty when absent)
     * @param patientId              the new Patient ID
     * @param patientName            the new Patient's Name
     * @param dateShiftDays          days added to every date (modified dates), else null
     * @param removed                attributes removed (X, private, overlay and curve groups)
     * @param emptied                attributes emptied (Z)
     * @param replaced               attributes replaced by dummies (D) or pseudonyms
     * @param uidsReplaced           UID attributes given new UIDs (U)
     * @param cleaned                attributes cleaned (C)
     * @param privateKept            private attributes kept as safe
     * @param pixelsBlanked          pixels set to 0 by the user's rectangles (all frames)
     * @param notes                  remarks for the report (accepted burned-in annotation, ...)
     */
    public record Result(String originalSopInstanceUid, String newSopInstanceUid, String patientId, String patientName,
                         Integer dateShiftDays, int removed, int emptied, int replaced, int uidsReplaced, int cleaned,
                         int privateKept, long pixelsBlanked, List<String> notes) {
    }

    private static final Set<String> BURNED_IN_MODALITIES = Set.of("US", "IVUS", "XA", "RF", "ES", "OP", "XC", "GM", "SC", "SM", "DOC");
    private static final String SECONDARY_CAPTURE_ROOT = "1.2.840.10008.5.1.4.1.1.7";
    private static final String DICOMDIR_CLASS = "1.2.840.10008.1.3.10";
    private static final int MAX_DEPTH = 64;

    private final Set<Option> options;
    private final UidMapper uids;
    private final PatientMapping mapping;
    private final boolean acceptBurnedIn;
    private final CompoundPolicy policy;
    private final List<Rect> blank;
    private final boolean beyondTable;
    private final ProfileTable table;
    private final SafePrivate safePrivate;
    private final boolean randomSecret;

    private Deidentifier(Builder b) {
        EnumSet<Option> o = EnumSet.noneOf(Option.class);
        o.addAll(b.options);
        if (o.contains(Option.RETAIN_LONGITUDINAL_FULL_DATES) && o.contains(Option.RETAIN_LONGITUDINAL_MODIFIED_DATES)) {
            throw new IllegalArgumentException("choose one of the two Retain Longitudinal Temporal Information options, not both");
        }
        if (o.contains(Option.CLEAN_RECOGNIZABLE_VISUAL_FEATURES)) {
            throw new IllegalArgumentException("the Clean Recognizable Visual Features Option (defacing) is not implemented");
        }
        if (o.remove(Option.CLEAN_PIXEL_DATA) && b.blank.isEmpty()) {
            throw new IllegalArgumentException("the Clean Pixel Data Option is recorded when rectangles to blank are given");
        }
        this.options = java.util.Collections.unmodifiableSet(o);
        this.randomSecret = b.secret == null;
        byte[] secret = b.secret;
        if (secret == null) {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
        }
        this.uids = new UidMapper(secret);
        this.mapping = b.mapping;
        this.acceptBurnedIn = b.acceptBurnedIn;
        this.policy = b.policy;
        this.blank = List.copyOf(b.blank);
        this.beyondTable = b.beyondTable;
        this.table = b.table != null ? b.table : ProfileTable.standard();
        this.safePrivate = SafePrivate.standard();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The options in use (never CLEAN_PIXEL_DATA, which is recorded per instance when pixels were blanked). */
    public Set<Option> options() {
        return options;
    }

    /** The UID mapping of this de-identifier (the same for every instance). */
    public UidMapper uidMapper() {
        return uids;
    }

    /** Whether no secret was given (UIDs and pseudonyms then differ from run to run). */
    public boolean usesRandomSecret() {
        return randomSecret;
    }

    /** The single action that the code of Table E.1-1 gives under this de-identifier's policy. */
    public Action resolve(String code, boolean inStdCompIod) {
        boolean remove = policy == CompoundPolicy.REMOVE || !inStdCompIod;
        return switch (code) {
            case "D" -> Action.D;
            case "Z" -> Action.Z;
            case "X" -> Action.X;
            case "K" -> Action.K;
            case "C" -> Action.C;
            case "U" -> Action.U;
            case "Z/D" -> policy == CompoundPolicy.REMOVE ? Action.Z : Action.D;
            case "X/Z" -> remove ? Action.X : Action.Z;
            case "X/D", "X/Z/D" -> remove ? Action.X : Action.D;
            case "X/Z/U*" -> remove ? Action.X : Action.U;
            default -> throw new IllegalStateException("unknown action code " + code);
        };
    }

    /**
     * De-identifies {@code ds} in place (the file meta and preamble are replaced too).
     *
     * @throws DeidentificationRefusedException when the instance is refused (burned-in annotation, DICOMDIR)
     * @throws DicomException                   when a value cannot be processed
     */
    public Result deidentify(Dataset ds) {
        Objects.requireNonNull(ds, "ds");
        return new Run(ds).run();
    }

    /** Builds a {@link Deidentifier}. */
    public static final class Builder {
        private final Set<Option> options = EnumSet.noneOf(Option.class);
        private byte[] secret;
        private PatientMapping mapping;
        private boolean acceptBurnedIn;
        private CompoundPolicy policy = CompoundPolicy.CONFORMANT;
        private final List<Rect> blank = new ArrayList<>();
        private boolean beyondTable = true;
        private ProfileTable table;

        private Builder() {
        }

        public Builder options(Option... o) {
            options.addAll(List.of(o));
            return this;
        }

        public Builder options(Collection<Option> o) {
            options.addAll(o);
            return this;
        }

        /** The secret that UIDs, pseudonyms and date shifts derive from (at least 16 bytes); random when not set. */
        public Builder secret(byte[] s) {
            if (s != null && s.length < 16) {
                throw new IllegalArgumentException("the secret must have at least 16 bytes, got " + s.length);
            }
            this.secret = s == null ? null : s.clone();
            return this;
        }

        /** Replacement Patient ID and name per original Patient ID; unmapped patients get a pseudonym. */
        public Builder patientMapping(PatientMapping m) {
            this.mapping = m;
            return this;
        }

        /** De-identify instances whose pixel data may show burned-in identity instead of refusing them. */
        public Builder acceptBurnedIn(boolean v) {
            this.acceptBurnedIn = v;
            return this;
        }

        public Builder compoundPolicy(CompoundPolicy p) {
            this.policy = Objects.requireNonNull(p);
            return this;
        }

        /** Rectangles set to 0 in every frame of native pixel data (records the Clean Pixel Data Option). */
        public Builder blank(Collection<Rect> rects) {
            blank.addAll(rects);
            return this;
        }

        /** Whether unlisted dates, instance UIDs and UN attributes are handled too (default true). */
        public Builder beyondTable(boolean v) {
            this.beyondTable = v;
            return this;
        }

        /** A different edition of Table E.1-1 (tests); default {@link ProfileTable#standard()}. */
        public Builder table(ProfileTable t) {
            this.table = t;
            return this;
        }

        public Deidentifier build() {
            return new Deidentifier(this);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private enum Scope {
        /** Unlisted attributes are kept. */
        NORMAL,
        /** Inside a sequence replaced by a dummy (D): unlisted text is replaced too. */
        DUMMY,
        /** Inside a sequence being cleaned (C): unlisted text is scrubbed. */
        CLEAN
    }

    /** The state of one deidentify() call. */
    private final class Run {
        private final Dataset root;
        private final List<String> notes = new ArrayList<>();
        private String patientKey;
        private String newPatientId;
        private String newPatientName;
        private DateShifter shifter;
        private TextScrubber scrubber;
        private int removed;
        private int emptied;
        private int replaced;
        private int uidCount;
        private int cleaned;
        private int privateKept;
        private final Set<String> originalTemporal = new HashSet<>();
        private String dummyDate;
        private String dummyTime;
        private String fingerprint;

        Run(Dataset root) {
            this.root = root;
        }

        Result run() {
            refuseIfNeeded();
            String oldSop = text(root.get(Tag.SOPInstanceUID));
            fingerprint = fingerprint(root);
            patientIdentity();
            if (options.contains(Option.RETAIN_LONGITUDINAL_MODIFIED_DATES)) {
                shifter = new DateShifter(dateShift());
            }
            scrubber = new TextScrubber();
            collectTokens(root, 0);
            long blanked = 0;
            if (!blank.isEmpty()) {
                blanked = PixelBlanker.blank(root, blank);
                notes.add("blanked rectangles " + blank + " in the pixel data");
            }
            process(root, Scope.NORMAL, 0);
            addDeidentificationAttributes(blanked > 0 || !blank.isEmpty());
            replaceFileMeta();
            String newSop = text(root.get(Tag.SOPInstanceUID));
            return new Result(oldSop, newSop, newPatientId, newPatientName, shifter == null ? null : shifter.days(),
                    removed, emptied, replaced, uidCount, cleaned, privateKept, blanked, List.copyOf(notes));
        }

        // ------------------------------------------------------------------ refusal

        private void refuseIfNeeded() {
            Dataset meta = root.fileMeta();
            String cls = meta == null ? null : meta.getString(Tag.MediaStorageSOPClassUID);
            if (DICOMDIR_CLASS.equals(cls == null ? null : UidMapper.strip(cls)) || root.contains(Tag.DirectoryRecordSequence)) {
                throw new DeidentificationRefusedException("DICOMDIR: de-identify the referenced files and build a new DICOMDIR");
            }
            boolean pixels = root.contains(Tag.PixelData) || root.contains(Tag.FloatPixelData) || root.contains(Tag.DoubleFloatPixelData);
            if (!pixels) {
                return;
            }
            String bia = text(root.get(Tag.BurnedInAnnotation)).trim().toUpperCase(Locale.ROOT);
            String modality = text(root.get(Tag.Modality)).trim().toUpperCase(Locale.ROOT);
            String sopClass = UidMapper.strip(text(root.get(Tag.SOPClassUID)));
            boolean risky = BURNED_IN_MODALITIES.contains(modality) || sopClass.startsWith(SECONDARY_CAPTURE_ROOT);
            String why = null;
            if (bia.equals("YES")) {
                why = "Burned In Annotation is YES";
            } else if (!bia.equals("NO") && risky) {
                why = "Burned In Annotation is " + (bia.isEmpty() ? "absent" : "'" + bia + "'") + " for "
                        + (sopClass.startsWith(SECONDARY_CAPTURE_ROOT) ? "a secondary capture image" : "modality " + modality)
                        + ", which often has text burned in";
            }
            if (why == null) {
                return;
            }
            if (acceptBurnedIn) {
                notes.add(why + ": accepted by the user");
            } else if (!blank.isEmpty()) {
                notes.add(why + ": the user's rectangles are blanked");
            } else {
                throw new DeidentificationRefusedException(why + ": the pixel data may show the patient's identity;"
                        + " check the images and accept them (--accept-burned-in) or blank the text (--blank x,y,w,h)");
            }
        }

        // ------------------------------------------------------------------ patient identity and dates

        private void patientIdentity() {
            String pid = UidMapper.strip(text(root.get(Tag.PatientID)));
            if (!pid.isEmpty()) {
                patientKey = "id:" + pid;
            } else {
                String name = UidMapper.strip(text(root.get(Tag.PatientName)));
                String birth = UidMapper.strip(text(root.get(Tag.PatientBirthDate)));
                patientKey = !name.isEmpty() ? "name:" + name + "|" + birth : "study:" + UidMapper.strip(text(root.get(Tag.StudyInstanceUID)));
            }
            PatientMapping.Entry e = mapping == null || pid.isEmpty() ? null : mapping.lookup(pid);
            if (e != null) {
                newPatientId = e.newId();
                newPatientName = e.newName();
            } else {
                String h = hex(uids.hmac("patient", patientKey), 6);
                newPatientId = "ANON" + h;
                newPatientName = "ANON^" + h;
                if (mapping != null) {
                    notes.add("patient not in the mapping: pseudonym " + newPatientId);
                }
            }
        }

        /** Between 1 and 3650 days back, fixed per patient and secret. */
        private int dateShift() {
            byte[] h = uids.hmac("date-shift", patientKey);
            long v = ((h[0] & 0xFFL) << 24 | (h[1] & 0xFFL) << 16 | (h[2] & 0xFFL) << 8 | (h[3] & 0xFFL));
            return -(int) (1 + v % 3650);
        }

        // ------------------------------------------------------------------ identifying tokens for cleaning

        /** Values of attributes the profile protects (and that are not descriptors): what cleaning must remove from text. */
        private void collectTokens(Dataset ds, int depth) {
            if (depth > MAX_DEPTH) {
                return;
            }
            for (Element e : ds) {
                int tag = e.tag();
                if (e.rawValue() instanceof Sequence s) {
                    for (Dataset item : s) {
                        collectTokens(item, depth + 1);
                    }
                    continue;
                }
                if (e.vr() == VR.DA || e.vr() == VR.DT || e.vr() == VR.TM) {
                    for (String v : text(e).split("\\\\")) {
                        if (!v.isBlank()) {
                            originalTemporal.add(v.trim());
                        }
                    }
                }
                if (Tag.isPrivate(tag)) {
                    continue;
                }
                ProfileTable.Rule r = table.rule(tag);
                if (r == null || r.options().containsKey(Option.CLEAN_DESCRIPTORS)) {
                    continue;
                }
                Action a = resolve(r.code(options), r.inStdCompIod());
                if (a == Action.K || a == Action.C) {
                    continue;
                }
                VR vr = e.vr();
                String v = text(e);
                if (vr == VR.PN) {
                    scrubber.addName(v);
                } else if (vr == VR.LO || vr == VR.SH || vr == VR.AE || vr == VR.UC) {
                    scrubber.addToken(v);
                } else if (vr == VR.DA) {
                    for (String d : v.split("\\\\")) {
                        scrubber.addDate(d);
                    }
                }
            }
        }

        // ------------------------------------------------------------------ the walk

        private void process(Dataset ds, Scope scope, int depth) {
            if (depth > MAX_DEPTH) {
                throw new DicomException("sequences nested deeper than " + MAX_DEPTH + " levels");
            }
            boolean sawPrivate = false;
            Set<Integer> doneGroups = null;
            for (int tag : ds.tags()) {
                if (!ds.contains(tag)) {
                    continue; // removed with its overlay or curve group
                }
                if (Tag.isPrivate(tag)) {
                    sawPrivate = true;
                    continue;
                }
                int group = tag >>> 16;
                if ((tag & 0xFFFF) == 0) {
                    ds.remove(tag); // group lengths are wrong once anything changed, and retired
                    continue;
                }
                if (ProfileTable.isRepeatingGroup(group, 0x6000) || ProfileTable.isRepeatingGroup(group, 0x5000)) {
                    if (doneGroups == null) {
                        doneGroups = new HashSet<>();
                    }
                    if (doneGroups.add(group)) {
                        repeatingGroup(ds, group);
                    }
                    continue;
                }
                Element e = ds.get(tag);
                ProfileTable.Rule r = table.rule(tag);
                if (r == null) {
                    unlisted(ds, e, scope, depth);
                } else {
                    apply(ds, e, resolve(r.code(options), r.inStdCompIod()), scope, depth);
                }
            }
            if (sawPrivate) {
                privates(ds, depth);
            }
        }

        private void apply(Dataset ds, Element e, Action a, Scope scope, int depth) {
            int tag = e.tag();
            boolean sq = e.rawValue() instanceof Sequence;
            switch (a) {
                case X -> {
                    ds.remove(tag);
                    removed++;
                }
                case Z -> {
                    if (tag == Tag.PatientName) {
                        setText(ds, tag, VR.PN, newPatientName); // Z allows a dummy: the consistent pseudonym
                        replaced++;
                    } else if (sq) {
                        ds.newSequence(tag, true);
                        emptied++;
                    } else {
                        ds.putRaw(tag, e.vr(), new byte[0], 0);
                        emptied++;
                    }
                }
                case K -> {
                    if (sq) {
                        recurse(e, Scope.NORMAL, depth);
                    }
                }
                case U -> {
                    if (sq) {
                        recurse(e, Scope.NORMAL, depth); // X/Z/U*: keep, the contained instance UIDs are replaced
                        uidCount++;
                    } else if (e.vr() == VR.UI || e.vr() == VR.UN) {
                        mapUids(ds, e, true);
                    } else {
                        dummy(ds, e);
                    }
                }
                case D -> {
                    if (sq) {
                        recurse(e, Scope.DUMMY, depth);
                        replaced++;
                    } else {
                        dummy(ds, e);
                    }
                }
                case C -> clean(ds, e, depth);
                default -> throw new IllegalStateException(a.toString());
            }
        }

        private void unlisted(Dataset ds, Element e, Scope scope, int depth) {
            VR vr = e.vr();
            int tag = e.tag();
            if (e.rawValue() instanceof Sequence) {
                // coded entries are safe (PS3.15 Table E.1-1 Note 10); other items inherit the scope
                recurse(e, scope == Scope.NORMAL || isCodeSequence(tag) ? Scope.NORMAL : scope, depth);
                return;
            }
            if (!beyondTable) {
                if (scope == Scope.NORMAL) {
                    return;
                }
            } else {
                if (vr == VR.UN && ElementDictionary.lookup(tag) == null) {
                    ds.remove(tag); // a new standard attribute we cannot read: keep only what is known to be safe
                    removed++;
                    return;
                }
                if (vr == VR.UI) {
                    if (!options.contains(Option.RETAIN_UIDS) && isInstanceUidAttribute(tag)) {
                        mapUids(ds, e);
                    }
                    return;
                }
                if (vr == VR.DA || vr == VR.DT || vr == VR.TM) {
                    String code = options.contains(Option.RETAIN_LONGITUDINAL_FULL_DATES) ? "K"
                            : options.contains(Option.RETAIN_LONGITUDINAL_MODIFIED_DATES) ? "C" : "X/Z/D";
                    apply(ds, e, resolve(code, true), scope, depth);
                    return;
                }
            }
            if (scope == Scope.DUMMY && isText(vr)) {
                dummy(ds, e);
            } else if (scope == Scope.CLEAN && isText(vr)) {
                clean(ds, e, depth);
            }
        }

        private void recurse(Element e, Scope scope, int depth) {
            for (Dataset item : e.sequence()) {
                process(item, scope, depth + 1);
            }
        }

        // ------------------------------------------------------------------ actions on values

        private void mapUids(Dataset ds, Element e) {
            mapUids(ds, e, false);
        }

        private void mapUids(Dataset ds, Element e, boolean fillEmpty) {
            String v = text(e);
            if (v.isEmpty()) {
                if (!fillEmpty) {
                    return;
                }
                // U asks for a non-zero-length UID: derived from the instance's original content, so
                // every run gives the same one and two instances do not share it
                ds.setString(e.tag(), VR.UI, uids.map("empty." + Integer.toUnsignedString(e.tag()) + "." + fingerprint));
                uidCount++;
                return;
            }
            String[] parts = v.split("\\\\", -1);
            boolean changed = false;
            for (int i = 0; i < parts.length; i++) {
                String p = UidMapper.strip(parts[i]);
                if (!p.isEmpty() && UidRegistry.lookup(p) == null) {
                    parts[i] = uids.map(p);
                    changed = true;
                } else {
                    parts[i] = p;
                }
            }
            if (changed) {
                ds.setString(e.tag(), VR.UI, parts);
                uidCount++;
            }
        }

        private void dummy(Dataset ds, Element e) {
            int tag = e.tag();
            VR vr = e.vr();
            if (tag == Tag.PatientID) {
                setText(ds, tag, vr == VR.UN ? VR.LO : vr, newPatientId);
                replaced++;
                return;
            }
            if (tag == Tag.PatientName) {
                setText(ds, tag, VR.PN, newPatientName);
                replaced++;
                return;
            }
            String orig = text(e);
            switch (vr) {
                case DA, DT, TM -> {
                    dateValue(ds, e, false);
                    return;
                }
                case UI -> {
                    mapUids(ds, e, true);
                    return;
                }
                case PN -> setText(ds, tag, vr, "ANON^" + hex(uids.hmac("pn", orig), 4));
                case AE, SH, LO, UC, ST, LT, UT -> setText(ds, tag, vr, "ANON" + hex(uids.hmac("text", orig), 4));
                case CS -> setText(ds, tag, vr, "ANON" + hex(uids.hmac("text", orig), 4));
                case AS -> setText(ds, tag, vr, orig.equals("000D") ? "001D" : "000D");
                case DS, IS -> setText(ds, tag, vr, orig.equals("0") ? "1" : "0");
                case UR -> setText(ds, tag, vr, "urn:oid:2.25.0".equals(orig) ? "urn:oid:2.25.1" : "urn:oid:2.25.0");
                default -> {
                    // binary numbers keep their length (a multiple of the value size); bulk data becomes 2 zero bytes
                    int n = vr.isBinaryNumber() ? (int) Math.max(vr.bytesPerValue(), e.length() > 0 ? e.length() : 0) : 2;
                    byte[] zeros = new byte[n];
                    byte[] old = e.rawValue() instanceof byte[] b ? b : null;
                    if (old != null && java.util.Arrays.equals(old, zeros)) {
                        zeros[0] = 1;
                    }
                    ds.putRaw(tag, vr, zeros, 0);
                }
            }
            replaced++;
        }

        /** DA/DT/TM: shifted with modified dates (times of day kept), otherwise a dummy. */
        private void dateValue(Dataset ds, Element e, boolean clean) {
            String orig = text(e);
            if (shifter != null) {
                if (e.vr() == VR.TM) {
                    if (clean) {
                        cleaned++;
                    }
                    return; // whole-day shifts keep times of day (PS3.15 E.3.6 Note 3, 4)
                }
                String[] parts = orig.split("\\\\", -1);
                boolean ok = true;
                for (int i = 0; i < parts.length && ok; i++) {
                    String s = e.vr() == VR.DA ? shifter.shiftDa(parts[i]) : shifter.shiftDt(parts[i]);
                    ok = s != null;
                    parts[i] = s;
                }
                if (ok) {
                    ds.setString(e.tag(), e.vr(), parts);
                    if (clean) {
                        cleaned++;
                    } else {
                        replaced++;
                    }
                    return;
                }
                notes.add("unreadable " + e.vr() + " '" + orig + "' in " + Tag.toString(e.tag()) + " replaced by a dummy");
            }
            String d = e.vr() == VR.TM ? dummyTime() : dummyDate(); // a DT dummy has date precision
            setText(ds, e.tag(), e.vr(), d);
            replaced++;
        }

        /** 1900-01-01, or the first day after it that no original date or time of the instance equals or contains. */
        private String dummyDate() {
            if (dummyDate == null) {
                java.time.LocalDate d = java.time.LocalDate.of(1900, 1, 1);
                while (collides(d.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE))) {
                    d = d.plusDays(1);
                }
                dummyDate = d.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            }
            return dummyDate;
        }

        /** 000000, or the first second after it that no original value equals or contains. */
        private String dummyTime() {
            if (dummyTime == null) {
                int t = 0;
                while (collides(String.format("%02d%02d%02d", t / 3600, t / 60 % 60, t % 60))) {
                    t++;
                }
                dummyTime = String.format("%02d%02d%02d", t / 3600, t / 60 % 60, t % 60);
            }
            return dummyTime;
        }

        private boolean collides(String candidate) {
            for (String o : originalTemporal) {
                if (o.equals(candidate) || o.length() >= 4 && candidate.contains(o) || o.contains(candidate)) {
                    return true;
                }
            }
            return false;
        }

        private void clean(Dataset ds, Element e, int depth) {
            int tag = e.tag();
            VR vr = e.vr();
            if (e.rawValue() instanceof Sequence s) {
                if (isCodeSequence(tag)) {
                    // local or private coding schemes may carry identity (Table E.1-1 Note 7): drop those items
                    for (int i = s.size() - 1; i >= 0; i--) {
                        String scheme = UidMapper.strip(text(s.get(i).get(Tag.CodingSchemeDesignator))).toUpperCase(Locale.ROOT);
                        if (scheme.startsWith("99") || scheme.equals("L") || scheme.equals("LOCAL")) {
                            s.remove(i);
                        }
                    }
                    recurse(e, Scope.NORMAL, depth);
                } else {
                    recurse(e, Scope.CLEAN, depth);
                }
                cleaned++;
                return;
            }
            switch (vr) {
                case DA, DT, TM -> dateValue(ds, e, true);
                case UI -> mapUids(ds, e);
                case PN -> {
                    String orig = text(e);
                    if (!orig.isEmpty()) {
                        setText(ds, tag, vr, "ANON^" + hex(uids.hmac("pn", orig), 4));
                        cleaned++;
                    }
                }
                case AE -> {
                    String orig = text(e);
                    if (!orig.isEmpty()) {
                        setText(ds, tag, vr, "ANON" + hex(uids.hmac("text", orig), 4));
                        cleaned++;
                    }
                }
                case LO, SH, ST, LT, UT, UC -> {
                    String orig = text(e);
                    String s = scrubber.scrub(orig);
                    if (!s.equals(orig)) {
                        if (s.length() > vr.maxLength() && vr.maxLength() > 0 && !vr.isMultiValuedText()) {
                            s = s.substring(0, vr.maxLength());
                        }
                        setText(ds, tag, vr, s);
                    }
                    cleaned++;
                }
                case CS -> {
                    String orig = text(e);
                    if (orig.matches("[A-Z0-9_ \\\\]*")) {
                        cleaned++; // code strings of defined terms are safe (Table E.1-1 Note 9)
                    } else {
                        ds.remove(tag);
                        removed++;
                    }
                }
                default -> {
                    ds.remove(tag); // binary values cannot be cleaned: removed
                    removed++;
                }
            }
        }

        // ------------------------------------------------------------------ groups

        private void repeatingGroup(Dataset ds, int group) {
            boolean overlay = group >= 0x6000;
            ProfileTable.Rule r = table.rule(group << 16 | (overlay ? 0x3000 : 0x0010));
            Action a = resolve(r.code(options), r.inStdCompIod());
            if (a != Action.C && a != Action.K) {
                removed += ds.removeIf(t -> t >>> 16 == group);
                return;
            }
            // Clean Graphics: the bitmap stays (the user's rectangles were blanked), its text is cleaned
            for (int t : ds.tags()) {
                if (t >>> 16 != group) {
                    continue;
                }
                Element e = ds.get(t);
                if ((t & 0xFFFF) == 0) {
                    ds.remove(t);
                } else if ((t & 0xFFFF) == 0x4000 && overlay) {
                    ProfileTable.Rule rc = table.rule(t);
                    Action ac = resolve(rc.code(options), rc.inStdCompIod());
                    if (ac == Action.C) {
                        clean(ds, e, 0);
                    } else {
                        apply(ds, e, ac, Scope.NORMAL, 0);
                    }
                } else if (isText(e.vr()) && e.vr() != VR.CS) {
                    clean(ds, e, 0);
                }
            }
        }

        private void privates(Dataset ds, int depth) {
            if (!options.contains(Option.RETAIN_SAFE_PRIVATE)) {
                removed += ds.removeIf(Tag::isPrivate);
                return;
            }
            Set<String> declared = SafePrivate.declaredSafe(ds);
            Set<Integer> keepCreators = new HashSet<>();
            for (int tag : ds.tags()) {
                if (!Tag.isPrivate(tag)) {
                    continue;
                }
                int el = tag & 0xFFFF;
                if (el >= 0x10 && el <= 0xFF) {
                    continue; // creators: decided below
                }
                int group = tag >>> 16;
                String creator = null;
                if (el >= 0x1000) {
                    creator = UidMapper.strip(text(ds.get((tag & 0xFFFF0000) | (el >>> 8))));
                }
                boolean safe = creator != null && !creator.isEmpty()
                        && (safePrivate.isListed(creator, group, el & 0xFF) || SafePrivate.isDeclared(declared, creator, group, el & 0xFF));
                if (!safe) {
                    ds.remove(tag);
                    removed++;
                    continue;
                }
                Element e = ds.get(tag);
                if (e.rawValue() instanceof Sequence) {
                    recurse(e, Scope.NORMAL, depth);
                } else if (e.vr() == VR.UI && !options.contains(Option.RETAIN_UIDS)) {
                    mapUids(ds, e);
                }
                privateKept++;
                keepCreators.add((tag & 0xFFFF0000) | (el >>> 8));
            }
            for (int tag : ds.tags()) {
                int el = tag & 0xFFFF;
                if (Tag.isPrivate(tag) && el >= 0x10 && el <= 0xFF && !keepCreators.contains(tag)) {
                    ds.remove(tag);
                    removed++;
                }
            }
        }

        // ------------------------------------------------------------------ what the profile adds

        private void addDeidentificationAttributes(boolean pixelsCleaned) {
            List<Option> used = new ArrayList<>(options);
            if (pixelsCleaned) {
                used.add(Option.CLEAN_PIXEL_DATA);
            }
            used.sort(null);
            root.setString(Tag.PatientIdentityRemoved, VR.CS, "YES");
            List<String> method = new ArrayList<>();
            method.add("Hounsfield PS3.15 2026d " + Option.BASIC_PROFILE_MEANING);
            for (Option o : used) {
                method.add(o.meaning());
            }
            root.setString(Tag.DeidentificationMethod, VR.LO, method.toArray(new String[0]));
            Sequence codes = root.newSequence(Tag.DeidentificationMethodCodeSequence, true);
            addCode(codes, Option.BASIC_PROFILE_CODE, Option.BASIC_PROFILE_MEANING);
            for (Option o : used) {
                addCode(codes, o.code(), o.meaning());
            }
            String temporal = options.contains(Option.RETAIN_LONGITUDINAL_FULL_DATES) ? "UNMODIFIED"
                    : options.contains(Option.RETAIN_LONGITUDINAL_MODIFIED_DATES) ? "MODIFIED" : "REMOVED";
            root.setString(Tag.LongitudinalTemporalInformationModified, VR.CS, temporal);
        }

        private void addCode(Sequence seq, String value, String meaning) {
            Dataset item = seq.addItem();
            item.setString(Tag.CodeValue, VR.SH, value);
            item.setString(Tag.CodingSchemeDesignator, VR.SH, "DCM");
            item.setString(Tag.CodeMeaning, VR.LO, meaning);
        }

        /** PS3.15 E.1.1 item 7: the file meta and preamble may leak identity; they are rebuilt. */
        private void replaceFileMeta() {
            Dataset meta = new Dataset();
            String cls = UidMapper.strip(text(root.get(Tag.SOPClassUID)));
            String sop = UidMapper.strip(text(root.get(Tag.SOPInstanceUID)));
            if (!cls.isEmpty()) {
                meta.setString(Tag.MediaStorageSOPClassUID, VR.UI, cls);
            }
            if (!sop.isEmpty()) {
                meta.setString(Tag.MediaStorageSOPInstanceUID, VR.UI, sop);
            }
            root.setFileMeta(meta);
            TransferSyntax ts = root.transferSyntax() != null && root.transferSyntax().isKnown() ? root.transferSyntax() : TransferSyntax.EXPLICIT_VR_LE;
            root.setFileMeta(DicomWriter.buildMeta(root, ts));
            root.setPreamble(null);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // helpers

    /** SHA-256 (hex, 32 digits) of the tags and values of the original data set without its pixel data. */
    private static String fingerprint(Dataset ds) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            digest(ds, md, 0);
            return HexFormat.of().formatHex(md.digest(), 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new DicomException("SHA-256 is not available", e);
        }
    }

    private static void digest(Dataset ds, java.security.MessageDigest md, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        for (Element e : ds) {
            int t = e.tag();
            if (t == Tag.PixelData || t == Tag.FloatPixelData || t == Tag.DoubleFloatPixelData) {
                continue;
            }
            md.update(new byte[] {(byte) (t >>> 24), (byte) (t >>> 16), (byte) (t >>> 8), (byte) t});
            if (e.rawValue() instanceof Sequence s) {
                for (Dataset item : s) {
                    md.update((byte) 1);
                    digest(item, md, depth + 1);
                }
            } else if (e.rawValue() instanceof byte[] b) {
                md.update(b);
            }
        }
    }

    private static boolean isText(VR vr) {
        return vr == VR.PN || vr == VR.LO || vr == VR.SH || vr == VR.ST || vr == VR.LT || vr == VR.UT || vr == VR.UC || vr == VR.AE;
    }

    private static boolean isCodeSequence(int tag) {
        return ElementDictionary.keywordOf(tag).endsWith("CodeSequence");
    }

    /** UI attributes that hold instance UIDs rather than classes, syntaxes, coding schemes or templates. */
    private static boolean isInstanceUidAttribute(int tag) {
        String k = ElementDictionary.keywordOf(tag);
        return !(k.contains("Class") || k.contains("TransferSyntax") || k.contains("CodingScheme") || k.contains("MappingResource")
                || k.equals("ContextUID") || k.contains("ContextGroupExtensionCreator") || k.contains("CreatorVersion")
                || k.contains("Template") || k.equals("SelectorUIValue"));
    }

    /** The element's text, or its bytes in hex when they do not decode; "" for null. */
    private static String text(Element e) {
        if (e == null) {
            return "";
        }
        try {
            if (e.vr() == VR.UN) {
                return new String(e.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1).trim();
            }
            return e.rawValue() instanceof byte[] || e.isDeferred() ? e.string() : "";
        } catch (RuntimeException ex) {
            return e.rawValue() instanceof byte[] b ? HexFormat.of().formatHex(b) : "";
        }
    }

    private static void setText(Dataset ds, int tag, VR vr, String value) {
        ds.setString(tag, vr, value);
    }

    private static String hex(byte[] h, int bytes) {
        return HexFormat.of().withUpperCase().formatHex(h, 0, bytes);
    }
}
