package dev.auraxium.testkit.internal.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The test kit's TLS key and certificate: a self-signed certificate for {@code CN=localhost} with
 * the subject alternative names {@code localhost}, {@code 127.0.0.1} and {@code ::1}, valid until
 * 2126, shipped inside the test kit with its private key. The key is public: it is meant for tests
 * on loopback only and must never protect anything real.
 *
 * <p>Thread-safe; the keystore is read once.
 */
public final class TestCertificate {
    private static final String RESOURCE = "test-only-localhost.p12";
    private static final char[] PASSWORD = "auraxium-test-only".toCharArray();
    private static final String ALIAS = "fake-ess";

    private TestCertificate() {
    }

    private static final class Holder {
        static final KeyStore KEYS = load();
    }

    private static KeyStore load() {
        try (InputStream in = TestCertificate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the test kit's keystore " + RESOURCE + " is missing from its jar");
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD);
            return ks;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the test kit's keystore " + RESOURCE, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the test kit's keystore " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** @return the certificate */
    public static X509Certificate certificate() {
        try {
            return (X509Certificate) Holder.KEYS.getCertificate(ALIAS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the test kit's keystore has no certificate " + ALIAS, e);
        }
    }

    /** @return a TLS context that serves with the test key */
    public static SSLContext serverContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(Holder.KEYS, PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS with the test kit's key: " + e.getMessage(), e);
        }
    }

    /** @return a TLS context that trusts this certificate and nothing else */
    public static SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust store for the test kit's certificate: " + e.getMessage(), e);
        }
    }

    /** @return the certificate in PEM form ({@code -----BEGIN CERTIFICATE-----} ...), ending in a line break */
    public static String pem() {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate().getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the test kit's certificate", e);
        }
    }
}
