package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * Signed AWS JSON 1.0 calls made one at a time over a keep-alive connection with the JDK's HTTP client:
 * for the stream latency scenario, where the SDK's own cost per call would be most of what is measured.
 */
final class RawCaller {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final RequestSigner signer;
    private final URI endpoint;

    RawCaller(URI endpoint) {
        this.endpoint = endpoint;
        this.signer = new RequestSigner(endpoint);
    }

    /** The answer's body; an error answer throws. */
    JsonNode call(String target, String body) throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SdkHttpRequest signed = signer.signedRequest(target, bytes);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        for (Map.Entry<String, List<String>> h : signed.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase("Host")) continue;
            request.header(h.getKey(), String.join(",", h.getValue()));
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(target + " answered " + response.statusCode() + ": " + new String(response.body()));
        }
        return JSON.readTree(response.body());
    }
}
