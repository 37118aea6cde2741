package io.tributary.cli;

import io.tributary.server.ServerConfig;
import io.tributary.server.TributaryServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code tributary server}: runs until stopped; SIGTERM and Ctrl-C close the database cleanly. */
@Command(name = "server", mixinStandardHelpOptions = true, description = "Run the DynamoDB-compatible server.")
final class ServerCommand implements Callable<Integer> {
    enum Durability { sync, async }

    @Option(names = "--port", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port = ServerConfig.DEFAULT_PORT;

    @Option(names = "--bind", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind = ServerConfig.DEFAULT_BIND;

    @Option(names = "--data-dir", description = "RocksDB data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir = ServerConfig.DEFAULT_DATA;

    @Option(names = "--durability", description = "sync: acknowledged writes are on disk (default); async: faster, "
            + "the last writes may be lost if the machine fails. Valid values: ${COMPLETION-CANDIDATES}.")
    Durability durability = Durability.sync;

    @Option(names = "--workers", description = "Storage worker threads (default: ${DEFAULT-VALUE}).")
    int workers = ServerConfig.DEFAULT_WORKERS;

    @Override
    public Integer call() throws Exception {
        ServerConfig config = new ServerConfig(bind, port, dataDir, durability == Durability.sync, workers);
        long started = System.nanoTime();
        TributaryServer server = TributaryServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "tributary-shutdown"));
        System.out.printf("Tributary listening on http://%s:%d (data: %s, durability: %s) in %d ms%n",
                bind, server.port(), dataDir.toAbsolutePath(), durability, (System.nanoTime() - started) / 1_000_000);
        System.out.flush();
        stopped.await();
        return 0;
    }
}
