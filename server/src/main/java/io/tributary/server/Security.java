package io.tributary.server;

import java.nio.file.Path;

/**
 * Who may call the server and how they reach it. Without a credentials file any credentials are accepted (what
 * a local database is expected to do); with one, every request's SigV4 signature is verified and each key may
 * touch only the tables the file allows it. With a certificate and its key (PEM, the key in PKCS#8) the server
 * speaks HTTPS.
 */
public record Security(Path credentialsFile, Path tlsCertificate, Path tlsKey) {
    public static final Security OPEN = new Security(null, null, null);

    public Security {
        if ((tlsCertificate == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate and its private key");
        }
    }

    public boolean tls() {
        return tlsCertificate != null;
    }
}
