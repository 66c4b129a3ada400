/**
 * NIfTI-1 output as dcm2niix writes it (qform and sform from the DICOM geometry, LPS to RAS, rows
 * flipped; scl_slope/scl_inter or physical values), a BIDS-like JSON sidecar, and a small reader.
 *
 * <pre>{@code
 * NiftiWriter.write(volume, Path.of("ct.nii.gz"));
 * BidsSidecar.write(volume, Path.of("ct.json"));
 * NiftiReader.Image img = NiftiReader.read(Path.of("ct.nii.gz"));
 * }</pre>
 */
package org.hounsfield.imaging.nifti;
