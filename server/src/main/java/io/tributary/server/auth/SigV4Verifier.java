package io.tributary.server.auth;

import io.netty.handler.codec.http.HttpHeaders;
import io.tributary.core.TributaryException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * AWS Signature Version 4, checked as AWS checks it: the key must be known, the request's date within 15
 * minutes of the server's clock, and the signature computed here over the method, path, query, signed headers
 * and the SHA-256 of the body as received must equal the one sent.
 */
public final class SigV4Verifier {
    static final String SCHEME = "AWS4-HMAC-SHA256";
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final Map<String, AccessKey> keys;
    private final Clock clock;

    public SigV4Verifier(Map<String, AccessKey> keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** The authorization header's parts. */
    private record Authorization(String accessKey, String date, String region, String service, List<String> signedHeaders,
                                 String signature) {}

    public Caller verify(String method, String uri, HttpHeaders headers, byte[] body) {
        String header = headers.get("Authorization");
        Authorization auth = parse(header);
        AccessKey key = keys.get(auth.accessKey());
        if (key == null) throw new TributaryException("UnrecognizedClientException", "The security token included in the request is invalid.");
        String amzDate = requestDate(headers, header);
        checkWindow(amzDate);
        if (!amzDate.startsWith(auth.date())) {
            throw new TributaryException("InvalidSignatureException", "Date in Credential scope does not match YYYYMMDD from ISO-8601 version "
                    + "of date from HTTP: '" + auth.date() + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        String scope = auth.date() + "/" + auth.region() + "/" + auth.service() + "/aws4_request";
        String canonical = canonicalRequest(method, uri, headers, auth.signedHeaders(), body);
        String toSign = SCHEME + "\n" + amzDate + "\n" + scope + "\n" + HEX.formatHex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] signingKey = hmac(hmac(hmac(hmac(("AWS4" + key.secret()).getBytes(StandardCharsets.UTF_8), auth.date()), auth.region()),
                auth.service()), "aws4_request");
        byte[] expected = hmac(signingKey, toSign);
        byte[] given;
        try {
            given = HEX.parseHex(auth.signature());
        } catch (IllegalArgumentException e) {
            given = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw new TributaryException("InvalidSignatureException", "The request signature we calculated does not match the signature you "
                    + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
        return new Caller(key.id(), auth.region(), key);
    }

    private static Authorization parse(String header) {
        if (header == null || header.isBlank()) {
            throw new TributaryException("MissingAuthenticationTokenException", "Request is missing Authentication Token");
        }
        if (!header.startsWith(SCHEME + " ")) throw incomplete("Authorization header requires the AWS4-HMAC-SHA256 scheme", header);
        String credential = null, signedHeaders = null, signature = null;
        for (String part : header.substring(SCHEME.length()).split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq < 0) continue;
            String name = p.substring(0, eq), value = p.substring(eq + 1).trim();
            switch (name) {
                case "Credential" -> credential = value;
                case "SignedHeaders" -> signedHeaders = value;
                case "Signature" -> signature = value;
                default -> { }
            }
        }
        if (credential == null) throw incomplete("Authorization header requires 'Credential' parameter.", header);
        if (signedHeaders == null) throw incomplete("Authorization header requires 'SignedHeaders' parameter.", header);
        if (signature == null) throw incomplete("Authorization header requires 'Signature' parameter.", header);
        String[] scope = credential.split("/");
        if (scope.length != 5 || !scope[4].equals("aws4_request")) {
            throw incomplete("Credential should be scoped to a valid region.", header);
        }
        return new Authorization(scope[0], scope[1], scope[2], scope[3], List.of(signedHeaders.toLowerCase(Locale.ROOT).split(";")), signature);
    }

    private static String requestDate(HttpHeaders headers, String header) {
        String amz = headers.get("X-Amz-Date");
        if (amz != null) return amz.trim();
        String date = headers.get("Date");
        if (date == null) throw incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.", header);
        try {
            return AMZ_DATE.format(ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            throw incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.", header);
        }
    }

    private void checkWindow(String amzDate) {
        Instant when;
        try {
            when = Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            throw new TributaryException("IncompleteSignatureException", "Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'. "
                    + "See http://en.wikipedia.org/wiki/ISO_8601");
        }
        Instant now = clock.instant();
        if (when.isBefore(now.minus(WINDOW))) {
            throw new TributaryException("InvalidSignatureException", "Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(WINDOW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
        }
        if (when.isAfter(now.plus(WINDOW))) {
            throw new TributaryException("InvalidSignatureException", "Signature not yet current: " + amzDate + " is still later than "
                    + AMZ_DATE.format(now.plus(WINDOW)) + " (" + AMZ_DATE.format(now) + " + 15 min.)");
        }
    }

    static String canonicalRequest(String method, String uri, HttpHeaders headers, List<String> signedHeaders, byte[] body) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        StringBuilder sb = new StringBuilder();
        sb.append(method).append('\n').append(path.isEmpty() ? "/" : path).append('\n').append(canonicalQuery(q < 0 ? "" : uri.substring(q + 1))).append('\n');
        for (String name : signedHeaders) {
            List<String> values = new ArrayList<>();
            for (String v : headers.getAll(name)) values.add(v.trim().replaceAll("\\s+", " "));
            sb.append(name).append(':').append(String.join(",", values)).append('\n');
        }
        sb.append('\n').append(String.join(";", signedHeaders)).append('\n').append(HEX.formatHex(sha256(body)));
        return sb.toString();
    }

    private static String canonicalQuery(String query) {
        if (query.isEmpty()) return "";
        List<String> pairs = new ArrayList<>(List.of(query.split("&")));
        for (int i = 0; i < pairs.size(); i++) if (!pairs.get(i).contains("=")) pairs.set(i, pairs.get(i) + "=");
        pairs.sort(null);
        return String.join("&", pairs);
    }

    private static TributaryException incomplete(String message, String header) {
        return new TributaryException("IncompleteSignatureException", message + " Authorization=" + header);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
