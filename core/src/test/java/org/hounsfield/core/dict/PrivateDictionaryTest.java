package org.hounsfield.core.dict;

import static org.assertj.core.api.Assertions.assertThat;

import org.hounsfield.core.VR;
import org.junit.jupiter.api.Test;

class PrivateDictionaryTest {

    private static final String CSA = "SIEMENS CSA HEADER";

    @Test
    void siemensCsaHeaderInBlock10() {
        DictionaryEntry e = PrivateDictionary.lookup(CSA, 0x00291010);
        assertThat(e.tag()).isEqualTo(0x00291010);
        assertThat(e.name()).isEqualTo("CSA Image Header Info");
        assertThat(e.keyword()).isEmpty();
        assertThat(e.vr()).isEqualTo(VR.OB);
        assertThat(e.vm()).isEqualTo("1");
        assertThat(PrivateDictionary.lookup(CSA, 0x00291008).name()).isEqualTo("CSA Image Header Type");
        assertThat(PrivateDictionary.lookup(CSA, 0x00291020).name()).isEqualTo("CSA Series Header Info");
    }

    @Test
    void relocatedBlock() {
        // creator in (0029,0011) reserves block 11: (0029,1110) is offset 10 in it
        DictionaryEntry e = PrivateDictionary.lookup(CSA, 0x00291110);
        assertThat(e.tag()).isEqualTo(0x00291110);
        assertThat(e.name()).isEqualTo("CSA Image Header Info");
        assertThat(PrivateDictionary.lookup(CSA, 0x0029FF20).name()).isEqualTo("CSA Series Header Info");
    }

    @Test
    void creatorMatching() {
        assertThat(PrivateDictionary.lookup(CSA + "  ", 0x00291010)).isNotNull();
        assertThat(PrivateDictionary.lookup("siemens csa header", 0x00291010)).isNull();
        assertThat(PrivateDictionary.lookup(null, 0x00291010)).isNull();
        assertThat(PrivateDictionary.lookup("NO SUCH CREATOR", 0x00291010)).isNull();
        assertThat(PrivateDictionary.isKnownCreator(CSA)).isTrue();
        // unknown offset, wrong group, and the creator element itself
        assertThat(PrivateDictionary.lookup(CSA, 0x002910FE)).isNull();
        assertThat(PrivateDictionary.lookup(CSA, 0x00191010)).isNull();
        assertThat(PrivateDictionary.lookup(CSA, 0x00290010)).isNull();
    }

    @Test
    void gdcmFirstThenDcmtk() {
        // both have it, with different VRs and names: GDCM wins
        DictionaryEntry both = PrivateDictionary.lookup("DIDI TO PCR 1.1", 0x00191022);
        assertThat(both.name()).isEqualTo("Route AET");
        assertThat(both.vr()).isEqualTo(VR.LO);
        assertThat(PrivateDictionary.lookupDcmtk("DIDI TO PCR 1.1", 0x00191022).vr()).isEqualTo(VR.UN);
        // only DCMTK has it
        DictionaryEntry dcmtkOnly = PrivateDictionary.lookup("SIEMENS RA GEN", 0x00111026);
        assertThat(dcmtkOnly.name()).isEqualTo("PtopTotalSkinDose");
        assertThat(dcmtkOnly.vr()).isEqualTo(VR.SL);
        assertThat(PrivateDictionary.lookupGdcm("SIEMENS RA GEN", 0x00111026)).isNull();
        assertThat(PrivateDictionary.lookupGdcm(CSA, 0x00291010).name()).isEqualTo("CSA Image Header Info");
    }

    @Test
    void fixedAndMaskedEntries() {
        // DCMTK has a fixed (7FE1,1060) "OB or OW", but GDCM's block-relative (7FE1,xx60) OB comes first
        String movie = "GEMS_Ultrasound_MovieGroup_001";
        assertThat(PrivateDictionary.lookup(movie, 0x7FE11060).vrs()).containsExactly(VR.OB);
        assertThat(PrivateDictionary.lookupDcmtk(movie, 0x7FE11060).vrs()).containsExactly(VR.OB, VR.OW);
        assertThat(PrivateDictionary.lookupDcmtk(movie, 0x7FE11160)).isNull();
        // fixed elements of a creator only DCMTK knows
        assertThat(PrivateDictionary.lookup("CMR42 CIRCLECVI", 0x00251010).name()).isEqualTo("WorkspaceID");
        assertThat(PrivateDictionary.lookup("CMR42 CIRCLECVI", 0x00251110)).isNull();
        // group mask 60xx matches odd groups only
        DictionaryEntry lut = PrivateDictionary.lookup("DLX_LKUP_01", 0x60051001);
        assertThat(lut.tag()).isEqualTo(0x60051001);
        assertThat(lut.vm()).isEqualTo("3");
        assertThat(PrivateDictionary.lookup("DLX_LKUP_01", 0x60041001)).isNull();
        // fixed element range (0011,10xx)
        assertThat(PrivateDictionary.lookup("BioPri3D", 0x001110AB).name()).isEqualTo("Private Segmentation Data");
    }

    @Test
    void counts() {
        assertThat(PrivateDictionary.size()).isGreaterThan(13000);
    }
}
