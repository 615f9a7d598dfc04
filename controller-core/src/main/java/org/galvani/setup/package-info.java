/**
 * Session set-up: {@link org.galvani.setup.TreatmentFiles} reads and validates every file a session needs
 * (device limits, protocol and policy tightening, trusted keys, screening, signed prescription) in one step,
 * on a set-up thread, before anything starts. It sits above {@code authority}, {@code clinical} and
 * {@code screening} and below the CLI, so that none of them depends back on it (docs/decisions.md, ADR-7
 * and ADR-22).
 */
package org.galvani.setup;
