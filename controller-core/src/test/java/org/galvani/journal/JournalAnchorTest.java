package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SR-25, the anchor a journal's latest seal is exported as (ADR-16): its one-line text form exactly, parsed back
 * equal, every malformed field refused naming it, the arrays copied in and out, equality over every field, and
 * the signature checked against the device key; and the {@link VerifyReport} verdict helpers it travels in.
 */
class JournalAnchorTest
{
    private static final long INDEX = 0x4e2a_0000_0123L;

    private static byte[] chain()
    {
        final byte[] chain = new byte[JournalDescriptor.CHAIN_LENGTH];
        for (int i = 0; i < chain.length; i++)
        {
            chain[i] = (byte)(0xa0 + i);
        }
        return chain;
    }

    private static JournalAnchor signed()
    {
        return new JournalAnchor(INDEX, chain(), Sealer.sign(JournalFixtures.KEYS.getPrivate(), INDEX, chain()), 77);
    }

    @Test
    @DisplayName("SR-25 the text form is 'galvani-anchor-1 index=0x<hex> chain=<hex> signature=<base64> records=<n>' and parses back equal")
    void textFormRoundTrips()
    {
        final JournalAnchor anchor = signed();
        final String text = anchor.toText();
        assertEquals("galvani-anchor-1 index=0x4e2a00000123 chain=a0a1a2a3a4a5a6a7a8a9aaabacadaeaf signature=" +
            Base64.getEncoder().encodeToString(anchor.signature()) + " records=77", text);
        assertEquals(text, anchor.toString());
        final JournalAnchor parsed = JournalAnchor.parse("  \t" + text.replace(" ", "   ") + "\n");
        assertEquals(anchor, parsed);
        assertEquals(anchor.hashCode(), parsed.hashCode());
        assertEquals(INDEX, parsed.index());
        assertEquals(77, parsed.records());
        assertArrayEquals(chain(), parsed.chain());
        assertArrayEquals(anchor.signature(), parsed.signature());
        final JournalAnchor high = new JournalAnchor(-2L, chain(), new byte[64], 0);
        assertEquals(high, JournalAnchor.parse(high.toText()), "an index with the top bit set (unsigned hex)");
    }

    @Test
    @DisplayName("SR-25 the signature verifies with the device key only, and only over its own index and chain value")
    void verifiesWithTheDeviceKeyOnly() throws Exception
    {
        final JournalAnchor anchor = signed();
        assertTrue(anchor.verifies(JournalFixtures.KEYS.getPublic()));
        assertFalse(anchor.verifies(JournalFixtures.generate().getPublic()), "another device's key");
        assertFalse(new JournalAnchor(INDEX + 1, chain(), anchor.signature(), 77).verifies(JournalFixtures.KEYS
            .getPublic()), "another index");
        final byte[] other = chain();
        other[15] ^= 1;
        assertFalse(new JournalAnchor(INDEX, other, anchor.signature(), 77).verifies(JournalFixtures.KEYS.getPublic()),
            "another chain value");
        final PublicKey ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();
        assertFalse(anchor.verifies(ec), "a key Ed25519 cannot use: false, not an exception");
    }

    @Test
    @DisplayName("SR-25 chain and signature are copied in and out: changing the caller's arrays changes no anchor")
    void arraysAreCopied()
    {
        final byte[] chain = chain();
        final byte[] signature = new byte[64];
        signature[63] = 9;
        final JournalAnchor anchor = new JournalAnchor(1, chain, signature, 2);
        chain[0] ^= 1;
        signature[63] = 0;
        assertArrayEquals(chain(), anchor.chain());
        assertEquals(9, anchor.signature()[63]);
        anchor.chain()[1] ^= 1;
        anchor.signature()[63] = 0;
        assertArrayEquals(chain(), anchor.chain());
        assertEquals(9, anchor.signature()[63]);
    }

    @Test
    @DisplayName("SR-25 two anchors are equal only when index, records, chain and signature all are")
    void equalityCoversEveryField()
    {
        final JournalAnchor anchor = signed();
        final byte[] otherChain = chain();
        otherChain[7] ^= 1;
        final byte[] otherSignature = anchor.signature();
        otherSignature[0] ^= 1;
        final List<JournalAnchor> others = new ArrayList<>(List.of(
            new JournalAnchor(INDEX + 1, chain(), anchor.signature(), 77),
            new JournalAnchor(INDEX, chain(), anchor.signature(), 78),
            new JournalAnchor(INDEX, otherChain, anchor.signature(), 77),
            new JournalAnchor(INDEX, chain(), otherSignature, 77)));
        for (final JournalAnchor other : others)
        {
            assertNotEquals(anchor, other, other.toText());
        }
        assertNotEquals(anchor, (Object)anchor.toText(), "not equal to its text");
        assertEquals(anchor, new JournalAnchor(INDEX, chain(), anchor.signature(), 77));
        assertNotEquals(anchor.hashCode(), others.get(0).hashCode(), "the index is hashed");
        assertNotEquals(anchor.hashCode(), others.get(2).hashCode(), "the chain value is hashed");
    }

    @Test
    @DisplayName("SR-25 a malformed anchor is refused in one sentence naming what is wrong")
    void malformedAnchorsAreRefused()
    {
        final String good = signed().toText();
        final String[] words = good.split(" ");
        expectRefused("galvani-anchor-2" + good.substring(16), "an anchor is one line: galvani-anchor-1 index=0x<hex>");
        expectRefused(good + " extra=1", "an anchor is one line");
        expectRefused(words[0] + " " + words[1] + " " + words[2] + " " + words[3], "an anchor is one line");
        expectRefused(good.replace("index=0x", "index="), "the anchor is malformed: expected index=0x..., found 'index=");
        expectRefused(good.replace("chain=", "chains="), "expected chain=..., found 'chains=");
        expectRefused(good.replace("signature=", "sig="), "expected signature=..., found 'sig=");
        expectRefused(good.replace("records=", "record="), "expected records=..., found 'record=");
        expectRefused(good.replace("index=0x", "index=0xg"), "the anchor is malformed");
        expectRefused(good.replace("chain=a0", "chain="), "anchor chain must be 16 bytes");
        expectRefused(good.replace("signature=", "signature=AAAA"), "anchor signature must be 64 bytes");
        expectRefused(good.replace("records=77", "records=seventy"), "the anchor is malformed");
        assertThrows(IllegalArgumentException.class, () -> new JournalAnchor(1, null, new byte[64], 0));
        assertThrows(IllegalArgumentException.class, () -> new JournalAnchor(1, new byte[16], null, 0));
        assertThrows(IllegalArgumentException.class, () -> new JournalAnchor(1, new byte[17], new byte[64], 0));
        assertThrows(IllegalArgumentException.class, () -> new JournalAnchor(1, new byte[16], new byte[63], 0));
    }

    private static void expectRefused(final String text, final String why)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> JournalAnchor.parse(text),
            text);
        assertTrue(ex.getMessage().contains(why), () -> "'" + ex.getMessage() + "' should contain '" + why + "'");
        assertFalse(ex.getMessage().contains("\n"), "one line");
    }

    @Test
    @DisplayName("SR-14 a report is ok() when OK only, incomplete() when INCOMPLETE_ATTESTED or _UNATTESTED, and prints as 'STATUS: message'")
    void reportVerdicts()
    {
        final List<String> crashes = new ArrayList<>(List.of("session 0 ended by a crash"));
        for (final VerifyReport.Status status : VerifyReport.Status.values())
        {
            final VerifyReport report = new VerifyReport(status, 3, 1, 1, 0, 1, 0, 0, -1, -1, "three records", crashes, null,
                0, 0);
            assertEquals(status == VerifyReport.Status.OK, report.ok(), status.name());
            assertEquals(status == VerifyReport.Status.INCOMPLETE_ATTESTED ||
                status == VerifyReport.Status.INCOMPLETE_UNATTESTED, report.incomplete(), status.name());
            assertEquals(status + ": three records", report.toString());
        }
        final VerifyReport report = new VerifyReport(VerifyReport.Status.OK, 0, 0, 0, 0, 0, 0, -1, -1, -1, "m", crashes,
            null, 0, 0);
        crashes.add("later");
        assertEquals(List.of("session 0 ended by a crash"), report.crashes(), "the crashes are copied");
        assertThrows(UnsupportedOperationException.class, () -> report.crashes().add("x"));
    }
}
