/**
 * A synthetic 3D head CT in Hounsfield units and a writer of DICOM series of it, with exact
 * geometry and options that make readers work (shuffled files, tilt, oblique, gaps, codecs).
 *
 * <pre>{@code
 * PhantomSeries.write(Path.of("/tmp/head"), PhantomSeries.Options.defaults().withSlices(120).withOblique(true));
 * }</pre>
 */
package org.hounsfield.imaging.phantom;
