package io.tributary.cli;

import io.tributary.server.TestServer;
import io.tributary.server.testing.RequiredTool;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** boto3 (Debian's python3-boto3, the one the course's scripts use) against the real server. */
class Boto3Test {
    @Test
    void boto3_create_put_update_get_delete_with_conditions() throws Exception {
        RequiredTool.boto3();
        Path script = Path.of(Boto3Test.class.getResource("/boto3_smoke.py").toURI());
        try (TestServer server = TestServer.start()) {
            ExternalCommand r = ExternalCommand.run(List.of("/usr/bin/python3", script.toString(), server.endpoint().toString()),
                    ExternalCommand.awsEnvironment());
            assertEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("boto3 smoke: ok"), r.output());
        }
    }
}
