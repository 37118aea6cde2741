package io.tributary.bench;

import org.HdrHistogram.Histogram;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The SDK load mode: one thread per connection calling the AWS SDK for Java v2, as an application does. */
final class SdkLoad {
    private SdkLoad() {}

    interface Operation {
        void call(int i);
    }

    static LoadResult run(Operation operation, int connections, long warmupMillis, long measureMillis) throws InterruptedException {
        long measureFrom = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(warmupMillis);
        long end = measureFrom + TimeUnit.MILLISECONDS.toNanos(measureMillis);
        AtomicInteger next = new AtomicInteger();
        List<Worker> workers = new ArrayList<>();
        for (int t = 0; t < connections; t++) workers.add(new Worker(operation, next, measureFrom, end));
        workers.forEach(Thread::start);
        for (Worker w : workers) w.join();
        Histogram latency = new Histogram(3);
        long ops = 0, errors = 0;
        for (Worker w : workers) {
            latency.add(w.latency);
            ops += w.measured;
            errors += w.errors;
        }
        return new LoadResult(ops, errors, (end - measureFrom) / 1e9, latency, false);
    }

    private static final class Worker extends Thread {
        private final Operation operation;
        private final AtomicInteger next;
        private final long measureFrom, end;
        final Histogram latency = new Histogram(3);
        long measured, errors;

        Worker(Operation operation, AtomicInteger next, long measureFrom, long end) {
            this.operation = operation;
            this.next = next;
            this.measureFrom = measureFrom;
            this.end = end;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                long started = System.nanoTime();
                if (started >= end) return;
                boolean failed = false;
                try {
                    operation.call(next.getAndIncrement());
                } catch (RuntimeException e) {
                    failed = true;
                }
                long took = System.nanoTime() - started;
                if (started >= measureFrom) {
                    latency.recordValue(Math.max(1, took / 1000));
                    measured++;
                    if (failed) errors++;
                }
            }
        }
    }

    /**
     * The SDK's default HTTP client (Apache), as applications have it. Retries are off: a failure is counted,
     * not hidden inside a slower success. The URLConnection client, used before, spent 1.4 to 1.9 ms on every
     * call against either server (GetItem on one thread: 1,362-1,936 µs against Apache's 128-137 with Tributary,
     * 1,809-2,498 against 324-654 with DynamoDB Local), so the SDK rows measured that client.
     */
    static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("benchAccessKey", "benchSecretKey")))
                .httpClient(ApacheHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build();
    }
}
