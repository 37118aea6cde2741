#!/usr/bin/env python3
"""Writes the fuzz tests' seed corpora (checked in); run again after changing a seed here."""
import os

ROOT = os.path.join(os.path.dirname(__file__), '..', 'resources', 'io', 'tributary', 'server')

ACTIONS = sorted(['DynamoDB_20120810.' + a for a in '''BatchExecuteStatement BatchGetItem BatchWriteItem CreateTable DeleteItem
    DescribeContinuousBackups DescribeEndpoints DescribeLimits DescribeTable DescribeTimeToLive ExecuteStatement GetItem
    ListTables ListTagsOfResource PutItem Query Scan TagResource TransactGetItems TransactWriteItems UntagResource UpdateItem
    UpdateTable UpdateTimeToLive'''.split()] + ['DynamoDBStreams_20120810.' + a for a in
    'DescribeStream GetRecords GetShardIterator ListStreams'.split()])

REQUESTS = {
    'PutItem': '{"TableName":"fuzz","Item":{"pk":{"S":"b"},"sk":{"N":"2"},"g":{"S":"y"},"ss":{"SS":["p","q"]},"b":{"B":"AAE="}},'
               '"ConditionExpression":"attribute_not_exists(pk) OR #a < :n","ExpressionAttributeNames":{"#a":"sk"},'
               '"ExpressionAttributeValues":{":n":{"N":"5"}},"ReturnValues":"ALL_OLD"}',
    'GetItem': '{"TableName":"fuzz","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},"ProjectionExpression":"m.l[0], g","ConsistentRead":true}',
    'UpdateItem': '{"TableName":"fuzz","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},"UpdateExpression":"SET m.l = list_append(m.l, :l), '
                  'c = if_not_exists(c, :z) + :one REMOVE g ADD s :ss DELETE t :ss","ExpressionAttributeValues":{":l":{"L":[{"S":"x"}]},'
                  '":z":{"N":"0"},":one":{"N":"1"},":ss":{"SS":["a"]}},"ReturnValues":"UPDATED_NEW"}',
    'DeleteItem': '{"TableName":"fuzz","Key":{"pk":{"S":"b"},"sk":{"N":"2"}},"Expected":{"g":{"ComparisonOperator":"EQ",'
                  '"AttributeValueList":[{"S":"y"}]}}}',
    'Query': '{"TableName":"fuzz","KeyConditionExpression":"pk = :p AND sk BETWEEN :a AND :b","FilterExpression":"size(m) > :a",'
             '"ExpressionAttributeValues":{":p":{"S":"a"},":a":{"N":"0"},":b":{"N":"9"}},"Limit":2,"ScanIndexForward":false}',
    'Scan': '{"TableName":"fuzz","IndexName":"byG","Segment":0,"TotalSegments":2,"ScanFilter":{"g":{"ComparisonOperator":"BEGINS_WITH",'
            '"AttributeValueList":[{"S":"x"}]}},"Select":"COUNT"}',
    'BatchWriteItem': '{"RequestItems":{"fuzz":[{"PutRequest":{"Item":{"pk":{"S":"c"},"sk":{"N":"3"}}}},'
                      '{"DeleteRequest":{"Key":{"pk":{"S":"a"},"sk":{"N":"9"}}}}]}}',
    'BatchGetItem': '{"RequestItems":{"fuzz":{"Keys":[{"pk":{"S":"a"},"sk":{"N":"1"}}],"AttributesToGet":["g"]}}}',
    'TransactWriteItems': '{"TransactItems":[{"Put":{"TableName":"fuzz","Item":{"pk":{"S":"t"},"sk":{"N":"1"}}}},'
                          '{"ConditionCheck":{"TableName":"fuzz","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},"ConditionExpression":"attribute_exists(pk)"}},'
                          '{"Update":{"TableName":"fuzz","Key":{"pk":{"S":"u"},"sk":{"N":"1"}},"UpdateExpression":"SET v = :v",'
                          '"ExpressionAttributeValues":{":v":{"BOOL":true}}}}],"ClientRequestToken":"tok"}',
    'TransactGetItems': '{"TransactItems":[{"Get":{"TableName":"fuzz","Key":{"pk":{"S":"a"},"sk":{"N":"1"}}}}]}',
    'ExecuteStatement': '{"Statement":"SELECT * FROM \\"fuzz\\".\\"byG\\" WHERE g = ? AND m.l[0] IN [1, 2]","Parameters":[{"S":"x"}]}',
    'BatchExecuteStatement': '{"Statements":[{"Statement":"INSERT INTO fuzz VALUE {\'pk\':\'p\',\'sk\':1,\'l\':[1,{\'a\':<<\'s\'>>}]}"},'
                             '{"Statement":"UPDATE fuzz SET x = 1 REMOVE y WHERE pk = \'a\' AND sk = 1"}]}',
    'CreateTable': '{"TableName":"made","BillingMode":"PROVISIONED","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1},'
                   '"AttributeDefinitions":[{"AttributeName":"k","AttributeType":"B"},{"AttributeName":"r","AttributeType":"S"}],'
                   '"KeySchema":[{"AttributeName":"k","KeyType":"HASH"}],"LocalSecondaryIndexes":[{"IndexName":"l","KeySchema":'
                   '[{"AttributeName":"k","KeyType":"HASH"},{"AttributeName":"r","KeyType":"RANGE"}],"Projection":{"ProjectionType":"INCLUDE",'
                   '"NonKeyAttributes":["z"]}}]}',
    'UpdateTable': '{"TableName":"fuzz","StreamSpecification":{"StreamEnabled":false}}',
    'DescribeTable': '{"TableName":"fuzz"}',
    'ListTables': '{"ExclusiveStartTableName":"a","Limit":5}',
    'TagResource': '{"ResourceArn":"arn:aws:dynamodb:us-east-1:000000000000:table/fuzz","Tags":[{"Key":"k","Value":"v"}]}',
    'UntagResource': '{"ResourceArn":"arn:aws:dynamodb:us-east-1:000000000000:table/fuzz","TagKeys":["k"]}',
    'ListTagsOfResource': '{"ResourceArn":"arn:aws:dynamodb:us-east-1:000000000000:table/fuzz"}',
    'UpdateTimeToLive': '{"TableName":"fuzz","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"ttl"}}',
    'DescribeTimeToLive': '{"TableName":"fuzz"}',
    'DescribeContinuousBackups': '{"TableName":"fuzz"}',
    'DescribeLimits': '{}',
    'DescribeEndpoints': '{}',
    'ListStreams': '{"TableName":"fuzz","Limit":1}',
    'DescribeStream': '{"StreamArn":"arn:aws:dynamodb:us-east-1:000000000000:table/fuzz/stream/2026-01-01T00:00:00.000","Limit":1}',
    'GetShardIterator': '{"StreamArn":"arn:aws:dynamodb:us-east-1:000000000000:table/fuzz/stream/2026-01-01T00:00:00.000",'
                        '"ShardId":"shardId-00000001700000000000-00000000","ShardIteratorType":"AFTER_SEQUENCE_NUMBER","SequenceNumber":"1"}',
    'GetRecords': '{"ShardIterator":"abc|def","Limit":10}',
}

EXPRESSIONS = [
    (0, 'attribute_exists(#a) AND (a BETWEEN :n AND :n OR NOT contains(s, :s)) AND size(m.k) <= :n'),
    (0, 'a IN (:n, :s) AND begins_with(pk, :s) AND attribute_type(m, :s) AND #e <> :m'),
    (1, 'SET a = a + :n, l[5] = :s, m.k = list_append(:l, m.k), #e = if_not_exists(#e, :m) REMOVE l[0] ADD s :ss DELETE s :ss'),
    (2, 'pk, m.k[0], #a, l[1]'),
]

STATEMENTS = [
    "SELECT a, m.k[0] FROM \"t\".\"i\" WHERE pk = 'x' AND a >= 3 OR contains(s, ?)",
    "INSERT INTO t VALUE {'pk': 'k', 'n': -1.5e3, 'l': [1, 'two', {'m': <<1, 2>>}], 'b': true, 'z': null}",
    "UPDATE t SET a = a + 1 SET l[0] = ? REMOVE m.k WHERE pk = 'k' AND a IN [1, 2]",
    "DELETE FROM t WHERE pk = ? RETURNING ALL OLD *",
]

ITEMS = [bytes([3, 1, ord('a'), 9, 2, 0, 3, ord('x'), ord('y'), ord('z'), 1, 5, 1, 2, 3, 4, 5, 1, 7]),
         bytes([2, 2, ord('m'), ord('n'), 8, 3, 5, 2, 1, 1, 6, 0, 4]), bytes([1])]


def write(cls_dir, method, name, data):
    d = os.path.join(ROOT, cls_dir, method)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


for action, body in REQUESTS.items():
    target = next(t for t in ACTIONS if t.endswith('.' + action))
    write('http/RequestFuzzTestInputs', 'every_action_answers_or_refuses_any_body', 'seed-' + action,
          bytes([ACTIONS.index(target)]) + body.encode())
for i, (kind, text) in enumerate(EXPRESSIONS):
    write('fuzz/ExpressionFuzzTestInputs', 'expressions_parse_and_apply_or_are_refused', 'seed-%d' % i, bytes([kind]) + text.encode())
for i, text in enumerate(STATEMENTS):
    write('api/PartiqlFuzzTestInputs', 'statements_parse_or_are_refused', 'seed-%d' % i, text.encode())
for i, data in enumerate(ITEMS):
    write('fuzz/ItemCodecFuzzTestInputs', 'stored_items_decode_and_write_as_they_were', 'seed-%d' % i, data)
