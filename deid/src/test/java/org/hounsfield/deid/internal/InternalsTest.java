package org.hounsfield.deid.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Date shifting, text cleaning and the safe private list. */
class InternalsTest {

    @Test
    void datesShiftByWholeDaysKeepingPrecision() {
        DateShifter s = new DateShifter(-100);
        assertThat(s.shiftDa("20151124")).isEqualTo("20150816");
        assertThat(s.shiftDa("2015.11.24")).isEqualTo("20150816"); // ACR-NEMA style read, written as DA
        assertThat(s.shiftDa("20151124-20151224")).isEqualTo("20150816-20150915");
        assertThat(s.shiftDa("-20151124")).isEqualTo("-20150816");
        assertThat(s.shiftDa("2015")).isNull();
        assertThat(s.shiftDa("20151332")).isNull();
        assertThat(s.shiftDt("20151124093012.5+0100")).isEqualTo("20150816093012.5+0100");
        assertThat(s.shiftDt("20151124093012-0500")).isEqualTo("20150816093012-0500");
        assertThat(s.shiftDt("201511")).isEqualTo("201507"); // 2015-11-01 - 100 days = 2015-07-24, month precision
        assertThat(s.shiftDt("2015")).isEqualTo("2014");
        assertThat(s.shiftDt("20151124-20151125")).isEqualTo("20150816-20150817");
        assertThat(s.shiftDt("garbage")).isNull();
    }

    @Test
    void scrubberRemovesTheInstancesIdentityAndTheUsualPatterns() {
        TextScrubber t = new TextScrubber();
        t.addName("Doe^Jane^^Dr.");
        t.addToken("ACC12345");
        t.addToken("CT"); // too short to be a token: kept
        t.addDate("20151124");
        assertThat(t.scrub("CT chest abdomen pelvis - 55F Dr. Smith")).isEqualTo("CT chest abdomen pelvis");
        assertThat(t.scrub("JANE DOE, acc12345, 24.11.2015, MR brain")).isEqualTo("MR brain");
        assertThat(t.scrub("3D reconstruction 5 mm")).isEqualTo("3D reconstruction 5 mm");
        assertThat(t.scrub("Phone 0123456789")).isEqualTo("Phone");
    }

    @Test
    void safePrivateListHoldsTheTable() {
        SafePrivate s = SafePrivate.standard();
        assertThat(s.size()).isEqualTo(130);
        assertThat(s.isListed("GEMS_PARM_01", 0x0043, 0x27)).isTrue();
        assertThat(s.isListed("SIEMENS MR HEADER", 0x0019, 0x0C)).isTrue();
        assertThat(s.isListed("Philips PET Private Group", 0x7053, 0x00)).isTrue();
        assertThat(s.isListed("GEMS_PARM_01", 0x0043, 0x28)).isFalse();
        assertThat(s.isListed("SIEMENS CSA HEADER", 0x0029, 0x10)).isFalse();
    }
}
