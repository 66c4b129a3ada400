package org.hounsfield.core.dict;

import static org.assertj.core.api.Assertions.assertThat;

import org.hounsfield.core.TransferSyntax;
import org.hounsfield.core.UID;
import org.junit.jupiter.api.Test;

class TransferSyntaxTest {

    @Test
    void nativeSyntaxes() {
        TransferSyntax ivr = TransferSyntax.IMPLICIT_VR_LE;
        assertThat(ivr.uid()).isEqualTo("1.2.840.10008.1.2");
        assertThat(ivr.name()).isEqualTo("Implicit VR Little Endian");
        assertThat(ivr.keyword()).isEqualTo("ImplicitVRLittleEndian");
        assertThat(ivr.explicitVr()).isFalse();
        assertThat(ivr.bigEndian()).isFalse();
        assertThat(ivr.encapsulated()).isFalse();
        assertThat(ivr.deflated()).isFalse();
        assertThat(ivr.compression()).isEqualTo("none");
        assertThat(ivr.lossy()).isFalse();
        assertThat(ivr.retired()).isFalse();
        assertThat(ivr.toString()).isEqualTo("Implicit VR Little Endian");

        TransferSyntax evr = TransferSyntax.EXPLICIT_VR_LE;
        assertThat(evr.explicitVr()).isTrue();
        assertThat(evr.bigEndian()).isFalse();
        assertThat(evr.encapsulated()).isFalse();
        assertThat(evr.deflated()).isFalse();

        TransferSyntax be = TransferSyntax.EXPLICIT_VR_BE;
        assertThat(be.explicitVr()).isTrue();
        assertThat(be.bigEndian()).isTrue();
        assertThat(be.retired()).isTrue();
        assertThat(be.encapsulated()).isFalse();

        TransferSyntax deflated = TransferSyntax.DEFLATED_EXPLICIT_VR_LE;
        assertThat(deflated.uid()).isEqualTo(UID.DeflatedExplicitVRLittleEndian);
        assertThat(deflated.explicitVr()).isTrue();
        assertThat(deflated.deflated()).isTrue();
        assertThat(deflated.encapsulated()).isFalse();
    }

    @Test
    void compressed() {
        TransferSyntax j2kLossless = TransferSyntax.of(UID.JPEG2000Lossless);
        assertThat(j2kLossless.encapsulated()).isTrue();
        assertThat(j2kLossless.explicitVr()).isTrue();
        assertThat(j2kLossless.compression()).isEqualTo("lossless");
        assertThat(j2kLossless.lossy()).isFalse();
        assertThat(j2kLossless.codecFamily()).isEqualTo("JPEG 2000");
        TransferSyntax j2k = TransferSyntax.of(UID.JPEG2000);
        assertThat(j2k.compression()).isEqualTo("lossless-or-lossy");
        assertThat(j2k.lossy()).isFalse();
        assertThat(TransferSyntax.of(UID.JPEGBaseline8Bit).lossy()).isTrue();
        // frames are deflated, not the data set
        assertThat(TransferSyntax.of("1.2.840.10008.1.2.8.1").deflated()).isFalse();
        assertThat(TransferSyntax.of(UID.JPIPReferencedDeflate).deflated()).isTrue();
        assertThat(TransferSyntax.of(UID.JPIPReferenced).encapsulated()).isFalse();
    }

    @Test
    void unknownUid() {
        TransferSyntax ts = TransferSyntax.of("1.2.3.4.5");
        assertThat(TransferSyntax.isKnown("1.2.3.4.5")).isFalse();
        assertThat(ts.isKnown()).isFalse();
        assertThat(ts.uid()).isEqualTo("1.2.3.4.5");
        assertThat(ts.name()).isEqualTo("1.2.3.4.5");
        assertThat(ts.explicitVr()).isTrue();
        assertThat(ts.bigEndian()).isFalse();
        assertThat(ts.encapsulated()).isTrue();
        assertThat(ts.deflated()).isFalse();
        assertThat(ts.compression()).isEqualTo("unknown");
        assertThat(ts).isEqualTo(TransferSyntax.of("1.2.3.4.5")).hasSameHashCodeAs(TransferSyntax.of("1.2.3.4.5"));
    }

    @Test
    void lookupAndEquality() {
        assertThat(TransferSyntax.isKnown(UID.ExplicitVRLittleEndian)).isTrue();
        assertThat(TransferSyntax.isKnown(null)).isFalse();
        assertThat(TransferSyntax.of("1.2.840.10008.1.2.1\0")).isSameAs(TransferSyntax.EXPLICIT_VR_LE);
        assertThat(TransferSyntax.of(UID.ExplicitVRLittleEndian)).isEqualTo(TransferSyntax.EXPLICIT_VR_LE);
        assertThat(TransferSyntax.all()).hasSize(63);
        assertThat(TransferSyntax.all()).allMatch(t -> UidRegistry.lookup(t.uid()).type().equals("Transfer Syntax"));
    }
}
