package org.galvani.hal;

/**
 * A driver could not be loaded, opened or configured. Thrown only outside the tick path (open,
 * info, close); on the tick path drivers return {@link HalErrorCode} values instead.
 */
public class HalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int code;

    /**
     * @param code    the driver code ({@link HalErrorCode}), or 0 when the failure is not a driver code.
     * @param message one clear sentence: what failed and what to do.
     */
    public HalException(final int code, final String message)
    {
        super(message);
        this.code = code;
    }

    /**
     * @param code    the driver code.
     * @param message one clear sentence.
     * @param cause   the underlying failure.
     */
    public HalException(final int code, final String message, final Throwable cause)
    {
        super(message, cause);
        this.code = code;
    }

    /**
     * @return the driver error code, or 0.
     */
    public int code()
    {
        return code;
    }
}
