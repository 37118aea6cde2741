package io.tributary.bench;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Turns an AWS JSON 1.0 body into the complete bytes of a SigV4-signed HTTP/1.1 request, so the raw
 * load generator only writes bytes and the client's own cost stays out of the measurement.
 */
final class RequestSigner {
    private static final AwsCredentialsIdentity CREDENTIALS = AwsCredentialsIdentity.create("benchAccessKey", "benchSecretKey");
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final URI endpoint;

    RequestSigner(URI endpoint) {
        this.endpoint = endpoint;
    }

    byte[] sign(String target, byte[] body) {
        SdkHttpRequest signed = signedRequest(target, body);
        StringBuilder head = new StringBuilder("POST / HTTP/1.1\r\n");
        head.append("Host: ").append(endpoint.getHost()).append(':').append(endpoint.getPort()).append("\r\n");
        for (Map.Entry<String, List<String>> h : signed.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase("Host")) continue;
            head.append(h.getKey()).append(": ").append(String.join(",", h.getValue())).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, out, 0, headBytes.length);
        System.arraycopy(body, 0, out, headBytes.length, body.length);
        return out;
    }

    /** The request with its SigV4 headers, for a client that writes the HTTP itself. */
    SdkHttpRequest signedRequest(String target, byte[] body) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", target)
                .build();
        return signer.sign(r -> r.identity(CREDENTIALS)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
    }
}
