package io.tributary.server.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program or file from outside Maven that a test needs (boto3, the AWS CLI, the course's scripts).
 * On a bare clone a missing one skips the test with the reason; under CI ({@code CI=true}), where
 * {@code .ci/run} installs them all, a missing one fails it.
 */
public final class RequiredTool {
    private RequiredTool() {}

    /** Debian's python3 with the boto3 module. */
    public static void boto3() {
        require(runs(List.of("/usr/bin/python3", "-c", "import boto3")), "python3 with boto3 (Debian package python3-boto3)");
    }

    /** The AWS CLI on the PATH. */
    public static void awsCli() {
        require(runs(List.of("aws", "--version")), "the AWS CLI (Debian package awscli)");
    }

    /** Debian's redis-server; returns its path. */
    public static String redisServer() {
        String path = "/usr/bin/redis-server";
        require(runs(List.of(path, "--version")), "redis-server (Debian package redis-server)");
        return path;
    }

    /** Debian's chromium; returns its path. */
    public static String chromium() {
        String path = "/usr/bin/chromium";
        require(runs(List.of(path, "--version")), "chromium (Debian package chromium)");
        return path;
    }

    /** Node.js with the npm packages of {@code dir} installed ({@code npm ci --prefix dir}); returns node's path. */
    public static String nodeWithPackages(Path dir, String... packages) {
        require(runs(List.of("node", "--version")), "Node.js (Debian package nodejs)");
        for (String p : packages) require(Files.isDirectory(dir.resolve("node_modules").resolve(p)), "the npm package " + p + " in " + dir);
        return "node";
    }

    /** A path that must exist, such as ../shared/seed beside the checkout; returns it. */
    public static Path file(Path path, String what) {
        require(path != null && Files.exists(path), what);
        return path;
    }

    static void require(boolean present, String what) {
        if (present) return;
        String reason = what + " is not installed or not found; .ci/run installs it";
        if ("true".equals(System.getenv("CI"))) throw new AssertionError(reason);
        Assumptions.assumeTrue(false, "skipped: " + reason);
    }

    private static boolean runs(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
