/**
 * Replay of recorded sessions (SR-15): {@link org.galvani.replay.Replayer} rebuilds the recorded controller
 * from the session header, is pushed the recorded events and tick records in journal order, replays each tick
 * with a {@link org.galvani.replay.ReplayDriver} serving the recorded inputs, and reports the first decision
 * that is not reproduced bit for bit as a {@link org.galvani.replay.Divergence}. Independent of the journal's
 * file format: a journal reader decodes and pushes. See docs/replay.md.
 */
package org.galvani.replay;
