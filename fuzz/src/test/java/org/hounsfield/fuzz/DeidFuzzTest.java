package org.hounsfield.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomException;
import org.hounsfield.core.Tag;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.DicomWriter;
import org.hounsfield.core.io.WriteOptions;
import org.hounsfield.deid.Deidentifier;
import org.hounsfield.deid.Option;

/**
 * Fuzz target for the de-identifier: whatever reads is de-identified with the Basic Profile, and with most
 * options together, and written, or refused with the typed exception; the output reads back and
 * says Patient Identity Removed YES. Seeds: the reader's.
 */
class DeidFuzzTest {
    private static final Deidentifier BASIC = Deidentifier.builder()
            .secret("fuzzing secret, not a real one".getBytes(StandardCharsets.US_ASCII)).acceptBurnedIn(true).build();
    private static final Deidentifier OPTIONS = Deidentifier.builder()
            .secret("fuzzing secret, not a real one".getBytes(StandardCharsets.US_ASCII))
            .acceptBurnedIn(true)
            .options(Option.RETAIN_SAFE_PRIVATE, Option.RETAIN_DEVICE_IDENTITY, Option.RETAIN_INSTITUTION_IDENTITY,
                    Option.RETAIN_PATIENT_CHARACTERISTICS, Option.RETAIN_LONGITUDINAL_MODIFIED_DATES,
                    Option.CLEAN_DESCRIPTORS, Option.CLEAN_STRUCTURED_CONTENT, Option.CLEAN_GRAPHICS).build();

    @FuzzTest(maxDuration = "30m")
    void deidentify(byte[] data) {
        for (Deidentifier d : new Deidentifier[] {BASIC, OPTIONS}) {
            Dataset ds;
            try {
                ds = DicomReader.read(data, ReaderFuzzTest.OPTIONS);
                d.deidentify(ds);
            } catch (DicomException expected) {
                continue;
            }
            byte[] out;
            try {
                out = DicomWriter.toBytes(ds, WriteOptions.defaults());
            } catch (DicomException expected) {
                continue; // e.g. an unknown transfer syntax cannot be written: typed, fine
            }
            assertThat(DicomReader.read(out, ReaderFuzzTest.OPTIONS).getString(Tag.PatientIdentityRemoved)).isEqualTo("YES");
        }
    }
}
