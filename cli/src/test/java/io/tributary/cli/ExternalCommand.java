package io.tributary.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program the suite needs from Debian (python3-boto3, awscli), after the test checked with RequiredTool that it is there. */
record ExternalCommand(int exitCode, String output) {
    static ExternalCommand run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException(command.get(0) + " is required by this test; install it with .ci/run's apt-get line", e);
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish");
        }
        return new ExternalCommand(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static Map<String, String> awsEnvironment() {
        return Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local", "AWS_DEFAULT_REGION", "us-east-1",
                "AWS_PAGER", "", "PYTHONUNBUFFERED", "1");
    }
}
