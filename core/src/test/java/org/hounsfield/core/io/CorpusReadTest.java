package org.hounsfield.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomParseException;
import org.hounsfield.core.testing.SharedCorpus;
import org.hounsfield.core.testing.SharedCorpus.Entry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every well-formed corpus file reads with pydicom's element count; header-only reads agree too. */
class CorpusReadTest {

    /** Files whose declared lengths run past the end of the file: pydicom reads them anyway, we refuse (docs/conformance.md). */
    static final List<String> TRUNCATED_IN_THE_WILD = List.of("dicomdir/pydicom-dicomdirtests/DICOMDIR-nooffset");

    static List<Entry> files() {
        return SharedCorpus.wellFormed();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void readsWithTheReferenceElementCount(Entry e) {
        if (TRUNCATED_IN_THE_WILD.contains(e.path())) {
            assertThatThrownBy(() -> DicomReader.read(e.file())).isInstanceOf(DicomParseException.class).hasMessageContaining("remain");
            return;
        }
        Dataset ds = DicomReader.read(e.file());
        assertThat(ds.size()).isEqualTo(SharedCorpus.referenceElementCount(e));
        Dataset header = DicomReader.read(e.file(), ReadOptions.defaults().withStopBeforePixelData(true));
        assertThat(header.contains(org.hounsfield.core.Tag.PixelData)).isFalse();
        Dataset deferred = DicomReader.read(e.file(), ReadOptions.defaults().withDeferThreshold(256));
        assertThat(deferred.size()).isEqualTo(ds.size());
        if (ds.contains(org.hounsfield.core.Tag.PixelData) && !ds.get(org.hounsfield.core.Tag.PixelData).isEncapsulated()) {
            assertThat(deferred.get(org.hounsfield.core.Tag.PixelData).bytes()).isEqualTo(ds.get(org.hounsfield.core.Tag.PixelData).bytes());
        }
    }
}
