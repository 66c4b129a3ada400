package org.hounsfield.core.dict;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;

import org.hounsfield.core.UID;
import org.junit.jupiter.api.Test;

class UidRegistryTest {

    @Test
    void ctImageStorage() {
        UidRegistry.UidInfo info = UidRegistry.lookup("1.2.840.10008.5.1.4.1.1.2");
        assertThat(info.uid()).isEqualTo(UID.CTImageStorage);
        assertThat(info.name()).isEqualTo("CT Image Storage");
        assertThat(info.keyword()).isEqualTo("CTImageStorage");
        assertThat(info.type()).isEqualTo("SOP Class");
        assertThat(info.retired()).isFalse();
        assertThat(UidRegistry.lookup(UID.CTImageStorage + "\0")).isEqualTo(info);
    }

    @Test
    void transferSyntaxAndRetired() {
        UidRegistry.UidInfo ivr = UidRegistry.lookup(UID.ImplicitVRLittleEndian);
        assertThat(ivr.type()).isEqualTo("Transfer Syntax");
        assertThat(ivr.info()).isEqualTo("Default Transfer Syntax for DICOM");
        assertThat(UidRegistry.lookup(UID.ExplicitVRBigEndian).retired()).isTrue();
    }

    @Test
    void unknown() {
        assertThat(UidRegistry.lookup("1.2.3.4")).isNull();
        assertThat(UidRegistry.lookup(null)).isNull();
        assertThat(UidRegistry.nameOf("1.2.3.4")).isEqualTo("1.2.3.4");
    }

    @Test
    void everyConstantIsRegistered() throws IllegalAccessException {
        int n = 0;
        for (Field f : UID.class.getFields()) {
            String uid = (String) f.get(null);
            assertThat(UidRegistry.lookup(uid).keyword()).as(f.getName()).isEqualTo(f.getName());
            n++;
        }
        assertThat(n).isGreaterThanOrEqualTo(490);
        assertThat(UidRegistry.all()).hasSizeGreaterThanOrEqualTo(n);
    }
}
