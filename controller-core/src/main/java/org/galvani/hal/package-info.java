/**
 * The hardware abstraction seen by the controller: a driver that samples every channel into a
 * reusable {@link org.galvani.hal.HalSample} and actuates from a reusable
 * {@link org.galvani.hal.HalCommand}. Pure Java: implementations (JNA over the C driver) live in
 * {@code hal-native}; this package never sees JNA or C.
 */
package org.galvani.hal;
