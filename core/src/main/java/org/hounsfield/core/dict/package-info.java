/**
 * The DICOM data dictionary: standard data elements ({@link org.hounsfield.core.dict.ElementDictionary}),
 * vendor private elements ({@link org.hounsfield.core.dict.PrivateDictionary}), the UID registry
 * ({@link org.hounsfield.core.dict.UidRegistry}) and the Specific Character Set table
 * ({@link org.hounsfield.core.dict.CharacterSetTable}).
 *
 * <p>The tables are resources under {@code org/hounsfield/core/dict/} generated, together with
 * {@link org.hounsfield.core.Tag} and {@link org.hounsfield.core.UID}, by
 * {@code tools/codegen/generate_dictionary.py} from the machine-readable standard tables. Each
 * class reads its table once, lazily and thread-safely, on first use.
 *
 * <pre>{@code
 * DictionaryEntry e = ElementDictionary.lookup(Tag.PatientName);   // (0010,0010) Patient's Name, PN
 * DictionaryEntry p = PrivateDictionary.lookup("SIEMENS CSA HEADER", 0x00291010);
 * String name = UidRegistry.lookup(UID.CTImageStorage).name();    // "CT Image Storage"
 * }</pre>
 */
package org.hounsfield.core.dict;
