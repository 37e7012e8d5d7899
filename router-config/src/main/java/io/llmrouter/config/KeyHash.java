package io.llmrouter.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 digests of virtual API keys: only digests are stored, and they are compared in constant time. */
public final class KeyHash {

    /** Prefix of the keys the admin endpoint generates, so a leaked one is easy to recognise. */
    public static final String GENERATED_PREFIX = "sk-router-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyHash() {
    }

    /** The lower-case hex SHA-256 of the key's UTF-8 bytes. */
    public static String sha256Hex(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** True when the two hex digests are equal, taking the same time wherever they differ. */
    public static boolean sameDigest(String hexA, String hexB) {
        if (hexA == null || hexB == null) {
            return false;
        }
        return MessageDigest.isEqual(hexA.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                hexB.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** True when the text is a SHA-256 digest in hex. */
    public static boolean isDigest(String hex) {
        return hex != null && hex.matches("[0-9a-fA-F]{64}");
    }

    /** A new random key: the prefix and 32 random bytes in URL-safe Base64. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return GENERATED_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
