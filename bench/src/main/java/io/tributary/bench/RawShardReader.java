package io.tributary.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a shard to its end with signed GetRecords requests of 1000 over one keep-alive connection of the JDK's
 * HTTP client, and of each answer only tokenizes the JSON: counts the records and takes the next iterator. The
 * SDK builds an object for every attribute of every record, which on two cores took as long as the server's
 * answers and so hid what the server can do.
 */
final class RawShardReader {
    private static final String TARGET = "DynamoDBStreams_20120810.GetRecords";
    /** Headers the JDK's client sets itself and refuses from callers. */
    private static final List<String> OWN_HEADERS = List.of("host", "content-length");
    private static final JsonFactory JSON = new JsonFactory();
    private final RequestSigner signer;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    RawShardReader(URI endpoint) {
        this.endpoint = endpoint;
        this.signer = new RequestSigner(endpoint);
    }

    /** Reads from {@code iterator} until a page comes back empty or without a next iterator; the records read. */
    long readAll(String iterator) throws IOException, InterruptedException {
        long read = 0;
        while (iterator != null) {
            Page page = getRecords(iterator);
            read += page.records;
            if (page.records == 0) break;
            iterator = page.nextIterator;
        }
        return read;
    }

    private record Page(int records, String nextIterator) {}

    private Page getRecords(String iterator) throws IOException, InterruptedException {
        byte[] body = ("{\"ShardIterator\":\"" + iterator + "\",\"Limit\":1000}").getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest signed = signer.signedRequest(TARGET, body);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> h : signed.headers().entrySet()) {
            if (!OWN_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) request.header(h.getKey(), String.join(",", h.getValue()));
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GetRecords answered " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        int records = 0;
        String next = null;
        try (JsonParser p = JSON.createParser(response.body())) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("GetRecords answered no object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("Records") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        p.skipChildren();
                        records++;
                    }
                } else if (field.equals("NextShardIterator") && value == JsonToken.VALUE_STRING) {
                    next = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        }
        return new Page(records, next);
    }
}
