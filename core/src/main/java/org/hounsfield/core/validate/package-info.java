/**
 * Checks beyond single values: {@link org.hounsfield.core.validate.IodCheck} compares a data
 * set with the Type 1 and Type 2 attributes its IOD requires. Value checks (VR syntax, VM) are
 * {@link org.hounsfield.core.Dataset#validate()}.
 */
package org.hounsfield.core.validate;
