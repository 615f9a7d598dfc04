package org.galvani.fleet.audit;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;

import org.galvani.authority.TrustedClinicianKeys;
import org.galvani.fleet.engine.Work;
import org.galvani.fleet.engine.Worker;

/**
 * {@link JournalAudit} as engine work: the device keys travel with it (device id → Ed25519 public key,
 * X.509 base64), a worker finds each journal's key by the device id of its first session header, else by
 * the fleet layout's folder ({@code DEVICE/SESSION/}).
 *
 * <p>Threading: immutable; workers are stateless.
 *
 * @param deviceKeys device id → public key (base64).
 */
public record AuditWork(Map<String, String> deviceKeys) implements Work<JournalTask, JournalAudit.Result>
{
    private static final long serialVersionUID = 1L;

    /**
     * Copies in.
     */
    public AuditWork
    {
        deviceKeys = Map.copyOf(deviceKeys);
    }

    @Override
    public Worker<JournalTask, JournalAudit.Result> open()
    {
        final Map<String, PublicKey> decoded = new HashMap<>();
        return new Worker<>()
        {
            @Override
            public JournalAudit.Result apply(final JournalTask task)
            {
                final Path dir = Paths.get(task.path());
                String device = JournalAudit.headerDevice(dir);
                if (device == null || !deviceKeys.containsKey(device))
                {
                    device = JournalAudit.deviceOf(dir);
                }
                final String base64 = deviceKeys.get(device);
                final PublicKey key = base64 == null ? null : decoded.computeIfAbsent(device,
                    d -> TrustedClinicianKeys.decodePublicKey("device key " + d, base64));
                return JournalAudit.audit(dir, task.path(), key);
            }

            @Override
            public void close()
            {
                // nothing held
            }
        };
    }
}
