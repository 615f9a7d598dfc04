package org.galvani.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A console for a loop that must never wait for its reader: complete lines are handed to a printer thread
 * through a bounded queue, and a line that does not fit (nobody reads the output — a full pipe) is dropped
 * and counted instead of stalling the writer. {@code galvani simulate} faster than real time runs the control
 * loop on the command's own thread, which also prints events and status: without this, a full stdout pipe
 * stopped the loop (issue 14).
 *
 * <p>Threading: one writing thread; the printer thread writes to the target; {@link #close} (the writing
 * thread, after the loop) waits for the queue to drain, then reports the dropped lines. Allocation: a
 * String per line (the console is not on a real-time path).
 */
final class NonBlockingConsole extends Writer
{
    private static final int CAPACITY = 8192;

    private final PrintWriter target;
    private final ArrayBlockingQueue<String> lines = new ArrayBlockingQueue<>(CAPACITY);
    private final StringBuilder line = new StringBuilder();
    private final Thread printer;
    private volatile boolean closing;
    private long dropped;

    NonBlockingConsole(final PrintWriter target)
    {
        this.target = target;
        printer = new Thread(this::print, "galvani-console");
        printer.setDaemon(true);
        printer.start();
    }

    @Override
    public void write(final char[] chars, final int offset, final int length)
    {
        for (int i = offset; i < offset + length; i++)
        {
            final char c = chars[i];
            line.append(c);
            if (c == '\n')
            {
                if (!lines.offer(line.toString()))
                {
                    dropped++;
                }
                line.setLength(0);
            }
        }
    }

    @Override
    public void flush()
    {
        // complete lines are already on their way; a partial line waits for its end
    }

    /**
     * @return lines dropped because the output was not read fast enough.
     */
    long dropped()
    {
        return dropped;
    }

    private void print()
    {
        try
        {
            while (!closing || !lines.isEmpty())
            {
                final String next = lines.poll(10, TimeUnit.MILLISECONDS);
                if (next != null)
                {
                    target.print(next);
                    if (lines.isEmpty())
                    {
                        target.flush();
                    }
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        target.flush();
    }

    /** Prints what is left (waiting for the reader: the loop is over), then the count of dropped lines. */
    @Override
    public void close()
    {
        if (line.length() > 0)
        {
            write(new char[] {'\n'}, 0, 1);
        }
        closing = true;
        try
        {
            printer.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (dropped > 0)
        {
            target.println("(" + dropped + " output lines dropped: the output was not read while the session ran)");
        }
        target.flush();
    }
}
