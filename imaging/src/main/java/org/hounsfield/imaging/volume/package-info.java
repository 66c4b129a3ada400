/**
 * Volumes in patient space: slices sorted along the normal by Image Position (Patient), spacing
 * from the positions, enhanced multi-frame files through their functional groups, voxels as
 * stored or in physical units in one array; reslicing (axial, coronal, sagittal, oblique) and
 * maximum/minimum/mean projections.
 *
 * <pre>{@code
 * Volume v = VolumeLoader.load(SeriesScanner.scan(dir).stacks().get(0), VolumeOptions.physical());
 * Reslicer.Image2D cor = Reslicer.plane(v, Reslicer.Plane.CORONAL, v.ny() / 2);
 * WindowedPng.write(cor, 40, 400, Path.of("coronal.png"));
 * }</pre>
 */
package org.hounsfield.imaging.volume;
