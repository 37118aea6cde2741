package io.tributary.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class PartiqlTest extends ServerTest {

    @BeforeAll
    static void start() {
        ddb.createTable(b -> b.tableName("Music")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("Artist").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("Song").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("Artist").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("Song").keyType(KeyType.RANGE).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    static List<Map<String, AttributeValue>> run(String statement, AttributeValue... parameters) {
        return ddb.executeStatement(b -> b.statement(statement).parameters(parameters.length == 0 ? null : List.of(parameters))).items();
    }

    @Test
    void insert_select_update_delete() {
        run("INSERT INTO \"Music\" VALUE {'Artist': 'Acme', 'Song': 'Hello', 'Year': 2001, 'Tags': <<'a', 'b'>>, 'Info': {'len': 3, 'live': true}}");
        run("INSERT INTO Music VALUE {'Artist': ?, 'Song': ?, 'Year': ?}", s("Acme"), s("World"), n("2005"));
        run("INSERT INTO Music VALUE {'Artist': 'Other', 'Song': 'Tune', 'Year': 1999}");
        DynamoDbException dup = assertThrows(DuplicateItemException.class,
                () -> run("INSERT INTO Music VALUE {'Artist': 'Acme', 'Song': 'Hello'}"));
        assertEquals("Duplicate primary key exists in table", dup.awsErrorDetails().errorMessage());

        Map<String, AttributeValue> hello = run("SELECT * FROM Music WHERE Artist = 'Acme' AND Song = 'Hello'").get(0);
        assertEquals(n("2001"), hello.get("Year"));
        assertEquals(List.of("a", "b"), hello.get("Tags").ss());
        assertEquals(AttributeValue.builder().bool(true).build(), hello.get("Info").m().get("live"));

        assertEquals(List.of(Map.of("Song", s("Hello")), Map.of("Song", s("World"))),
                run("SELECT Song FROM Music WHERE Artist = ?", s("Acme")));
        assertEquals(1, run("SELECT * FROM Music WHERE \"Year\" < 2000").size(), "a scan with a filter");
        assertEquals(2, run("SELECT Artist FROM Music WHERE Artist IN ['Other', 'Nobody'] OR begins_with(Song, 'W')").size());

        run("UPDATE Music SET Plays = 1 SET Info.len = 4 REMOVE Tags WHERE Artist = 'Acme' AND Song = 'Hello'");
        hello = run("SELECT * FROM Music WHERE Artist = 'Acme' AND Song = 'Hello'").get(0);
        assertEquals(n("1"), hello.get("Plays"));
        assertEquals(n("4"), hello.get("Info").m().get("len"));
        assertNull(hello.get("Tags"));
        run("UPDATE Music SET Plays = Plays + ? WHERE Artist = 'Acme' AND Song = 'Hello'", n("2"));
        assertEquals(n("3"), run("SELECT Plays FROM Music WHERE Artist = 'Acme' AND Song = 'Hello'").get(0).get("Plays"));
        assertThrows(ConditionalCheckFailedException.class, () -> run("UPDATE Music SET Plays = 1 WHERE Artist = 'No' AND Song = 'Such'"));
        assertThrows(ConditionalCheckFailedException.class, () -> run("DELETE FROM Music WHERE Artist = 'Acme' AND Song = 'Hello' AND Plays > 10"));

        run("DELETE FROM Music WHERE Artist = 'Acme' AND Song = 'Hello'");
        assertTrue(run("SELECT * FROM Music WHERE Artist = 'Acme' AND Song = 'Hello'").isEmpty());

        DynamoDbException e = assertThrows(DynamoDbException.class, () -> run("DELETE FROM Music WHERE Artist = 'Acme'"));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        e = assertThrows(DynamoDbException.class, () -> run("SELEC * FROM Music"));
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("Statement wasn't well formed"));
        assertThrows(ResourceNotFoundException.class, () -> run("SELECT * FROM Nowhere"));
    }

    @Test
    void select_pages_with_next_token_and_batches_answer_per_statement() {
        for (int i = 0; i < 30; i++) run("INSERT INTO Music VALUE {'Artist': 'Paged', 'Song': ?}", s(String.format("s%02d", i)));
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String from = token;
            ExecuteStatementResponse r = ddb.executeStatement(b -> b.statement("SELECT * FROM Music WHERE Artist = 'Paged'").limit(7).nextToken(from));
            all.addAll(r.items());
            token = r.nextToken();
            pages++;
        } while (token != null);
        assertEquals(30, all.size());
        assertEquals(5, pages);

        BatchExecuteStatementResponse batch = ddb.batchExecuteStatement(b -> b.statements(
                BatchStatementRequest.builder().statement("INSERT INTO Music VALUE {'Artist': 'B', 'Song': '1'}").build(),
                BatchStatementRequest.builder().statement("INSERT INTO Music VALUE {'Artist': 'Paged', 'Song': 's00'}").build(),
                BatchStatementRequest.builder().statement("UPDATE Music SET x = 1 WHERE Artist = 'B' AND Song = '1'").build()));
        assertNull(batch.responses().get(0).error());
        assertEquals(BatchStatementErrorCodeEnum.DUPLICATE_ITEM, batch.responses().get(1).error().code());
        assertNull(batch.responses().get(2).error());
        assertEquals(n("1"), ddb.getItem(b -> b.tableName("Music").key(Map.of("Artist", s("B"), "Song", s("1")))).item().get("x"));
    }
}
