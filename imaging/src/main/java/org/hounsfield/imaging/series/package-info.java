/**
 * Finding series: a fast parallel header scan of files, folders and DICOMDIRs, grouped into
 * patients, studies, series and stacks (as dcm2niix splits them), with a report of missing
 * slices, duplicates, variable spacing, gantry tilt and mixed orientations.
 *
 * <pre>{@code
 * Scan scan = SeriesScanner.scan(Path.of("/data/study"));
 * for (Series s : scan.series()) {
 *     System.out.println(s.number() + " " + s.description() + " " + s.warnings());
 * }
 * }</pre>
 */
package org.hounsfield.imaging.series;
