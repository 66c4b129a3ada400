/**
 * Built-in examples that need nothing from outside the library: a synthetic head CT slice in
 * Hounsfield units ({@link org.hounsfield.core.example.HeadPhantom}).
 */
package org.hounsfield.core.example;
