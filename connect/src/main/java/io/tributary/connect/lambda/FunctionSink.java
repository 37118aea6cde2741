package io.tributary.connect.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.connect.ChangeEvent;
import io.tributary.connect.EventJson;
import io.tributary.connect.LambdaEvent;
import io.tributary.connect.PartialBatchFailure;
import io.tributary.connect.SequenceNumbers;
import io.tributary.connect.Sink;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A local stream trigger: hands each batch to a function as the exact event AWS Lambda gives a DynamoDB
 * stream handler ({@link LambdaEvent}), either by POST to an invocation URL (the Lambda runtime interface
 * emulator's {@code http://HOST:9000/2015-03-31/functions/function/invocations}, so a real handler runs
 * unchanged) or to a command that reads the event on standard input and writes its answer on standard
 * output.
 *
 * <p>The invocation fails when the URL answers other than 2xx or with {@code X-Amz-Function-Error}, when the
 * answer is a Lambda error ({@code errorMessage}/{@code errorType}), or when the command exits non-zero.
 * An answer with {@code batchItemFailures} is a partial batch response: the records from the lowest failed
 * sequence number on are retried, as Lambda does with ReportBatchItemFailures.
 */
public final class FunctionSink implements Sink {
    private final URI url;
    private final List<String> command;
    private final Duration timeout;
    private final HttpClient http;

    private FunctionSink(URI url, List<String> command, Duration timeout) {
        this.url = url;
        this.command = command;
        this.timeout = timeout;
        this.http = url == null ? null : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static FunctionSink http(URI invocationUrl, Duration timeout) {
        return new FunctionSink(invocationUrl, null, timeout);
    }

    /** The command runs once per batch; {@code sh -c} is not implied. */
    public static FunctionSink command(List<String> command, Duration timeout) {
        return new FunctionSink(null, List.copyOf(command), timeout);
    }

    @Override
    public void apply(List<ChangeEvent> changes) throws Exception {
        byte[] event = LambdaEvent.of(changes).toString().getBytes(StandardCharsets.UTF_8);
        String answer = url != null ? post(event) : run(event);
        check(answer, changes);
    }

    private String post(byte[] event) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(event)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) throw new IOException("the function's URL answered " + r.statusCode() + ": " + r.body());
        if (r.headers().firstValue("X-Amz-Function-Error").isPresent()) throw new IOException("the function failed: " + r.body());
        return r.body();
    }

    private String run(byte[] event) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var in = p.getOutputStream()) {
            in.write(event);
        } catch (IOException notRead) {
            // A command may exit without reading its input; its exit status says whether it failed.
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException("the function did not finish within " + timeout);
        }
        if (p.exitValue() != 0) throw new IOException("the function exited with " + p.exitValue());
        return new String(out, StandardCharsets.UTF_8);
    }

    private static void check(String answer, List<ChangeEvent> changes) throws Exception {
        if (answer == null || answer.isBlank()) return;
        JsonNode json;
        try {
            json = EventJson.MAPPER.readTree(answer);
        } catch (IOException notJson) {
            return; // a handler may answer anything; only Lambda's documented shapes mean something
        }
        if (json == null || !json.isObject()) return;
        if (json.has("errorMessage") || json.has("errorType")) throw new IOException("the function failed: " + answer.strip());
        JsonNode failures = json.get("batchItemFailures");
        if (failures == null || !failures.isArray() || failures.isEmpty()) return;
        String lowest = null;
        for (JsonNode f : failures) {
            String id = f.path("itemIdentifier").asText("");
            if (id.isEmpty() || changes.stream().noneMatch(c -> SequenceNumbers.compare(c.sequenceNumber(), id) == 0)) {
                throw new IOException("the function reported a failure for an unknown item: " + f);
            }
            if (lowest == null || SequenceNumbers.compare(id, lowest) < 0) lowest = id;
        }
        throw new PartialBatchFailure(lowest, "the function failed from record " + lowest + " on");
    }
}
