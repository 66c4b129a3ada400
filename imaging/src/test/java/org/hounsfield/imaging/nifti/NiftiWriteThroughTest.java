package org.hounsfield.imaging.nifti;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.hounsfield.core.io.DicomReader;
import org.hounsfield.imaging.PixelData;
import org.hounsfield.imaging.phantom.PhantomSeries;
import org.hounsfield.imaging.series.SeriesScanner;
import org.hounsfield.imaging.series.SliceHeader;
import org.hounsfield.imaging.series.Stack;
import org.hounsfield.imaging.volume.Volume;
import org.hounsfield.imaging.volume.VolumeLoader;
import org.hounsfield.imaging.volume.VolumeOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link NiftiWriter#write(Stack, Path, VolumeOptions, NiftiWriter.Options)} writes a .nii
 * through (slices into the file as they load, the volume never in memory): the file must be
 * byte for byte the one the in-memory path writes, and its voxels those that the general pixel
 * data path (full parse, PixelData) decodes from each file.
 */
class NiftiWriteThroughTest {

    @TempDir
    Path tmp;

    static Stream<Arguments> series() {
        PhantomSeries.Options base = PhantomSeries.Options.defaults().withSlices(12).withSize(40).withThreads(2);
        return Stream.of(
                Arguments.of("explicit LE, shuffled", base.withShuffle(true)),
                Arguments.of("implicit LE", base.withTransferSyntax("implicit-le")),
                Arguments.of("explicit BE", base.withTransferSyntax("explicit-be")),
                Arguments.of("oblique", base.withOblique(true)),
                Arguments.of("tilt", base.withTilt(12)),
                Arguments.of("gaps, not filled", base.withGaps(true)),
                Arguments.of("enhanced multi-frame", base.withEnhanced(true)),
                Arguments.of("deflated (general path)", base.withTransferSyntax("deflated")),
                Arguments.of("RLE (general path)", base.withTransferSyntax("rle")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("series")
    void writeThroughEqualsTheInMemoryWriteAndTheGeneralDecode(String name, PhantomSeries.Options o) throws IOException {
        Path dir = tmp.resolve("dcm");
        PhantomSeries.write(dir, o);
        Stack stack = SeriesScanner.scan(dir).stacks().get(0);
        NiftiWriter.Options no = NiftiWriter.Options.defaults();

        Path through = tmp.resolve("through.nii");
        NiftiHeader h = NiftiWriter.write(stack, through, VolumeOptions.stored().withThreads(3), no);
        Volume v = VolumeLoader.load(stack, VolumeOptions.stored());
        Path inMemory = tmp.resolve("memory.nii");
        NiftiWriter.write(v, inMemory, no);

        assertThat(Files.readAllBytes(through)).isEqualTo(Files.readAllBytes(inMemory));
        assertThat(h.encode()).isEqualTo(NiftiWriter.header(v, no).encode());

        // .nii.gz: one member per slice after a stored header member; the same bytes once inflated
        Path throughGz = tmp.resolve("through.nii.gz");
        NiftiHeader hz = NiftiWriter.write(stack, throughGz, VolumeOptions.stored().withThreads(3), no);
        assertThat(hz.encode()).isEqualTo(h.encode());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(throughGz))) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(inMemory));
        }
        assertThat(NiftiReader.read(throughGz).header().dim()).isEqualTo(h.dim());
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }

        // every voxel against the general decode of its file (rows flipped, as dcm2niix writes them)
        NiftiReader.Image img = NiftiReader.read(through);
        int nx = v.nx();
        int ny = v.ny();
        for (int z = 0; z < stack.positions(); z++) {
            SliceHeader sh = stack.image(z, 0);
            PixelData px = PixelData.of(DicomReader.read(sh.file()));
            byte[] frame = px.frame(sh.frame());
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = 2 * (y * nx + x);
                    int stored = (frame[i] & 0xFF) | (frame[i + 1] & 0xFF) << 8;
                    assertThat(img.raw(x, ny - 1 - y, z)).as("voxel (%d, %d, %d)", x, y, z).isEqualTo(stored);
                }
            }
        }
    }
}
