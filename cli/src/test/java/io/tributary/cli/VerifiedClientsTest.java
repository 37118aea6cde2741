package io.tributary.cli;

import io.tributary.server.Security;
import io.tributary.server.TestServer;
import io.tributary.server.testing.RequiredTool;
import io.tributary.server.testing.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** boto3 and the AWS CLI against a server that verifies signatures and serves HTTPS with a self-signed certificate. */
class VerifiedClientsTest {
    static Path dir;
    static SelfSignedCertificate cert;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("tributary-verified");
        cert = SelfSignedCertificate.create(dir);
        Path credentials = dir.resolve("credentials.json");
        Files.writeString(credentials, """
                {"keys": [{"accessKeyId": "AKIDPY", "secretAccessKey": "py-secret", "read": ["*"], "write": ["*"], "stream": ["*"]},
                          {"accessKeyId": "AKIDRO", "secretAccessKey": "ro-secret", "read": ["*"]}]}""");
        server = TestServer.start(new Security(credentials, cert.certificate(), cert.privateKey()));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        TestServer.deleteRecursively(dir);
    }

    static Map<String, String> env(String key, String secret) {
        Map<String, String> env = new HashMap<>(ExternalCommand.awsEnvironment());
        env.put("AWS_ACCESS_KEY_ID", key);
        env.put("AWS_SECRET_ACCESS_KEY", secret);
        env.put("AWS_CA_BUNDLE", cert.certificate().toString());
        return env;
    }

    static final String BOTO3 = """
            import sys, boto3, botocore
            ddb = boto3.client('dynamodb', endpoint_url=sys.argv[1], region_name='us-east-1')
            try:
                if sys.argv[2] == 'write':
                    ddb.create_table(TableName='pyverified', KeySchema=[{'AttributeName': 'pk', 'KeyType': 'HASH'}],
                                     AttributeDefinitions=[{'AttributeName': 'pk', 'AttributeType': 'S'}], BillingMode='PAY_PER_REQUEST')
                    ddb.put_item(TableName='pyverified', Item={'pk': {'S': 'a'}})
                    print('item', ddb.get_item(TableName='pyverified', Key={'pk': {'S': 'a'}})['Item']['pk']['S'])
                else:
                    ddb.put_item(TableName='pyverified', Item={'pk': {'S': 'b'}})
            except botocore.exceptions.ClientError as e:
                print('error', e.response['Error']['Code'])
            """;

    @Test
    void boto3_signs_verifies_and_is_refused_as_aws_would() throws Exception {
        RequiredTool.boto3();
        Path script = dir.resolve("verified.py");
        Files.writeString(script, BOTO3);
        String endpoint = server.endpoint().toString();
        ExternalCommand ok = ExternalCommand.run(List.of("/usr/bin/python3", script.toString(), endpoint, "write"), env("AKIDPY", "py-secret"));
        assertTrue(ok.output().contains("item a"), ok.output());
        ExternalCommand wrong = ExternalCommand.run(List.of("/usr/bin/python3", script.toString(), endpoint, "write"), env("AKIDPY", "nope"));
        assertTrue(wrong.output().contains("error InvalidSignatureException"), wrong.output());
        ExternalCommand stranger = ExternalCommand.run(List.of("/usr/bin/python3", script.toString(), endpoint, "write"), env("AKIDWHO", "x"));
        assertTrue(stranger.output().contains("error UnrecognizedClientException"), stranger.output());
        ExternalCommand readOnly = ExternalCommand.run(List.of("/usr/bin/python3", script.toString(), endpoint, "put"), env("AKIDRO", "ro-secret"));
        assertTrue(readOnly.output().contains("error AccessDeniedException"), readOnly.output());
    }

    @Test
    void the_aws_cli_signs_verifies_and_is_refused_as_aws_would() throws Exception {
        RequiredTool.awsCli();
        List<String> list = List.of("aws", "dynamodb", "list-tables", "--endpoint-url", server.endpoint().toString(), "--output", "json");
        ExternalCommand ok = ExternalCommand.run(list, env("AKIDPY", "py-secret"));
        assertEquals(0, ok.exitCode(), ok.output());
        assertTrue(ok.output().contains("TableNames"), ok.output());
        ExternalCommand wrong = ExternalCommand.run(list, env("AKIDPY", "nope"));
        assertNotEquals(0, wrong.exitCode());
        assertTrue(wrong.output().contains("InvalidSignatureException"), wrong.output());
    }
}
