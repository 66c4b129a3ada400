/**
 * Specific Character Set (0008,0005): decoding and encoding of the text of charset-dependent VRs
 * (SH, LO, ST, LT, UC, UT, PN), including ISO 2022 code extensions for Japanese, Korean and
 * Chinese.
 *
 * <pre>{@code
 * SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 192");
 * String name = cs.decode(valueBytes, 0, valueBytes.length, VR.PN);
 * byte[] back = cs.encode(name, VR.PN);
 * }</pre>
 *
 * <p>The mapping of defined terms to Java charsets and escape sequences is embedded here (from
 * PS3.3 C.12.1.1.2), so this package depends on nothing but {@link org.hounsfield.core.VR}.
 */
package org.hounsfield.core.charset;
