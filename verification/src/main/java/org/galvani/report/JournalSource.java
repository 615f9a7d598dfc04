package org.galvani.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.galvani.config.StrictJson;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.TickRecord;
import org.galvani.journal.JournalReader;
import org.galvani.journal.JournalVisitor;
import org.galvani.journal.SessionHeader;
import org.galvani.journal.SessionSummary;
import org.galvani.session.SessionState;

/**
 * Reads a journal and pushes one of its sessions, in journal order, into a {@link SessionRecordSink}
 * (the report builder, the CSV or JSON export): the session start, then each tick's events and the tick,
 * then the session end when the journal has one (a journal cut off by a crash has none).
 *
 * <p>Threading: the caller's thread. The reader reuses its record objects; sinks copy what they keep.
 */
public final class JournalSource
{
    private JournalSource()
    {
    }

    /**
     * @param dir the journal folder.
     * @return the number of sessions the journal holds.
     */
    public static int countSessions(final Path dir)
    {
        final int[] sessions = new int[1];
        try (JournalReader reader = JournalReader.open(dir))
        {
            final JournalVisitor counter = new JournalVisitor()
            {
                @Override
                public void onSessionStart(final long index, final SessionHeader header)
                {
                    sessions[0]++;
                }
            };
            while (reader.next(counter))
            {
                // count only
            }
        }
        return sessions[0];
    }

    /**
     * Pushes one session into a sink.
     *
     * @param dir     the journal folder.
     * @param session which session, 1-based.
     * @param sink    where the records go.
     * @return whether the session had a session-end record.
     * @throws IOException when the sink cannot write.
     */
    public static boolean play(final Path dir, final int session, final SessionRecordSink sink) throws IOException
    {
        final Forwarder forwarder = new Forwarder(session, sink);
        try (JournalReader reader = JournalReader.open(dir))
        {
            while (reader.next(forwarder) && !forwarder.done)
            {
                // forwarded
            }
        }
        catch (final UncheckedIOException ex)
        {
            throw ex.getCause();
        }
        return forwarder.ended;
    }

    /**
     * @param header a session header.
     * @return the SHA-256 of its strict-JSON form, as the journal's session-start record carries it (hex).
     */
    public static String configHash(final SessionHeader header)
    {
        try
        {
            return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(StrictJson.mapper().writeValueAsBytes(header)));
        }
        catch (final NoSuchAlgorithmException | JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot hash the session header", ex);
        }
    }

    private static final class Forwarder implements JournalVisitor
    {
        private final int wanted;
        private final SessionRecordSink sink;
        private int current;
        private boolean done;
        private boolean ended;
        private long treatmentElapsedNs;

        Forwarder(final int wanted, final SessionRecordSink sink)
        {
            this.wanted = wanted;
            this.sink = sink;
        }

        @Override
        public void onSessionStart(final long index, final SessionHeader header)
        {
            current++;
            if (current > wanted)
            {
                done = true;
            }
            else if (current == wanted)
            {
                run(() -> sink.onSessionStart(header));
            }
        }

        @Override
        public void onTick(final long index, final TickRecord record)
        {
            if (current == wanted && !done)
            {
                treatmentElapsedNs = record.treatmentElapsedNs;
                run(() -> sink.onTick(record));
            }
        }

        @Override
        public void onEvent(final long index, final ControllerEvent event)
        {
            if (current == wanted && !done)
            {
                run(() -> sink.onEvent(event));
            }
        }

        @Override
        public void onSessionEnd(final long index, final SessionSummary summary)
        {
            if (current == wanted && !done)
            {
                final Map<SessionState, Long> perState = new EnumMap<>(SessionState.class);
                for (final SessionState state : SessionState.values())
                {
                    final long ticks = summary.ticksInState(state.code());
                    if (ticks > 0)
                    {
                        perState.put(state, ticks);
                    }
                }
                final SessionSummaryView view = new SessionSummaryView(summary.lastTick(),
                    SessionState.fromCode(summary.finalState()), summary.doseNormalUc(), summary.doseReversedUc(),
                    summary.maxMeasuredUa(), treatmentElapsedNs, summary.tripCount(), perState);
                run(() -> sink.onSessionEnd(view));
                ended = true;
                done = true;
            }
        }

        private interface SinkCall
        {
            void call() throws IOException;
        }

        private static void run(final SinkCall call)
        {
            try
            {
                call.call();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
