/**
 * JMH benchmarks, run from the built jars with {@code verification/bench.sh}. Anything here that is not
 * the production path (such as {@link org.galvani.bench.GalvaniHalLibrary}, a JNA interface mapping) exists
 * only to be compared against it.
 */
package org.galvani.bench;
