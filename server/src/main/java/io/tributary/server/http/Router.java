package io.tributary.server.http;

import io.tributary.core.TributaryException;
import io.tributary.core.storage.Database;
import io.tributary.server.api.Action;
import io.tributary.server.api.BatchExecuteStatement;
import io.tributary.server.api.BatchGetItem;
import io.tributary.server.api.BatchWriteItem;
import io.tributary.server.api.ClientRequestTokens;
import io.tributary.server.api.CreateTable;
import io.tributary.server.api.DeleteItem;
import io.tributary.server.api.DescribeContinuousBackups;
import io.tributary.server.api.DescribeEndpoints;
import io.tributary.server.api.DescribeLimits;
import io.tributary.server.api.ListTagsOfResource;
import io.tributary.server.api.TagResource;
import io.tributary.server.api.UntagResource;
import io.tributary.server.api.DeleteTable;
import io.tributary.server.api.DescribeTable;
import io.tributary.server.api.DescribeTimeToLive;
import io.tributary.server.api.ExecuteStatement;
import io.tributary.server.api.GetItem;
import io.tributary.server.api.ListTables;
import io.tributary.server.api.PutItem;
import io.tributary.server.api.Query;
import io.tributary.server.api.Scan;
import io.tributary.server.api.TransactGetItems;
import io.tributary.server.api.TransactWriteItems;
import io.tributary.server.api.UpdateItem;
import io.tributary.server.api.UpdateTable;
import io.tributary.server.api.UpdateTimeToLive;
import io.tributary.server.streams.DescribeStream;
import io.tributary.server.streams.GetRecords;
import io.tributary.server.streams.GetShardIterator;
import io.tributary.server.streams.ListStreams;
import io.tributary.server.streams.ShardIterators;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Maps an X-Amz-Target header to its action. */
public final class Router {
    private static final String DYNAMODB = "DynamoDB_20120810.";
    private static final String STREAMS = "DynamoDBStreams_20120810.";

    public static final String GET_RECORDS = "DynamoDBStreams_20120810.GetRecords";

    private final Map<String, Action> actions = new HashMap<>();

    public Router(Database db) {
        register(DYNAMODB + "CreateTable", new CreateTable(db));
        register(DYNAMODB + "DescribeTable", new DescribeTable(db));
        register(DYNAMODB + "ListTables", new ListTables(db));
        register(DYNAMODB + "DeleteTable", new DeleteTable(db));
        register(DYNAMODB + "UpdateTable", new UpdateTable(db));
        register(DYNAMODB + "PutItem", new PutItem(db));
        register(DYNAMODB + "GetItem", new GetItem(db));
        register(DYNAMODB + "UpdateItem", new UpdateItem(db));
        register(DYNAMODB + "DeleteItem", new DeleteItem(db));
        register(DYNAMODB + "Query", new Query(db));
        register(DYNAMODB + "ExecuteStatement", new ExecuteStatement(db));
        register(DYNAMODB + "BatchExecuteStatement", new BatchExecuteStatement(db));
        register(DYNAMODB + "TagResource", new TagResource(db));
        register(DYNAMODB + "UntagResource", new UntagResource(db));
        register(DYNAMODB + "ListTagsOfResource", new ListTagsOfResource(db));
        register(DYNAMODB + "DescribeLimits", new DescribeLimits());
        register(DYNAMODB + "DescribeEndpoints", new DescribeEndpoints());
        register(DYNAMODB + "UpdateTimeToLive", new UpdateTimeToLive(db));
        register(DYNAMODB + "DescribeTimeToLive", new DescribeTimeToLive(db));
        register(DYNAMODB + "BatchGetItem", new BatchGetItem(db));
        register(DYNAMODB + "TransactWriteItems", new TransactWriteItems(db, new ClientRequestTokens()));
        register(DYNAMODB + "TransactGetItems", new TransactGetItems(db));
        register(DYNAMODB + "BatchWriteItem", new BatchWriteItem(db));
        register(DYNAMODB + "Scan", new Scan(db));
        register(DYNAMODB + "DescribeContinuousBackups", new DescribeContinuousBackups(db));

        ShardIterators iterators = new ShardIterators(db.streams().iteratorSecret());
        register(STREAMS + "ListStreams", new ListStreams(db.streams()));
        register(STREAMS + "DescribeStream", new DescribeStream(db.streams()));
        register(STREAMS + "GetShardIterator", new GetShardIterator(db.streams(), iterators));
        register(GET_RECORDS, new GetRecords(db.streams(), iterators));
    }

    private void register(String target, Action action) {
        actions.put(target, action);
    }

    /** Every target an action answers, in a stable order. */
    List<String> targets() {
        return actions.keySet().stream().sorted().toList();
    }

    /** The action, or null for a target no action answers. */
    public Action find(String target) {
        return target == null ? null : actions.get(target);
    }

    static TributaryException unknownOperation() {
        return new TributaryException("UnknownOperationException", "An unknown operation was requested.");
    }
}
