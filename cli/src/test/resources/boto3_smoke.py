"""Create, put, update, get and delete with conditions through boto3, against ENDPOINT (argv[1])."""
import sys

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
ddb = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1",
                   aws_access_key_id="local", aws_secret_access_key="local")


def expect_error(code, fn, **kwargs):
    try:
        fn(**kwargs)
    except ClientError as e:
        assert e.response["Error"]["Code"] == code, e.response
        return e.response
    raise AssertionError("expected " + code)


ddb.create_table(TableName="boto", AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                                         {"AttributeName": "sk", "AttributeType": "N"}],
                 KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                 BillingMode="PAY_PER_REQUEST")
ddb.get_waiter("table_exists").wait(TableName="boto", WaiterConfig={"Delay": 1, "MaxAttempts": 5})
assert "boto" in ddb.list_tables()["TableNames"]

key = {"pk": {"S": "user#1"}, "sk": {"N": "1"}}
ddb.put_item(TableName="boto", Item={**key, "name": {"S": "Alice"}, "score": {"N": "10.50"}, "tags": {"SS": ["a"]}},
             ConditionExpression="attribute_not_exists(pk)")
expect_error("ConditionalCheckFailedException", ddb.put_item, TableName="boto", Item=key,
             ConditionExpression="attribute_not_exists(pk)")

r = ddb.update_item(TableName="boto", Key=key, UpdateExpression="SET score = score + :d, #n = :n ADD tags :t",
                    ConditionExpression="score > :min", ExpressionAttributeNames={"#n": "name"},
                    ExpressionAttributeValues={":d": {"N": "1.5"}, ":n": {"S": "Alicia"}, ":min": {"N": "5"},
                                               ":t": {"SS": ["b"]}},
                    ReturnValues="UPDATED_NEW")
assert r["Attributes"]["score"] == {"N": "12"}, r
assert sorted(r["Attributes"]["tags"]["SS"]) == ["a", "b"], r

item = ddb.get_item(TableName="boto", Key=key, ConsistentRead=True)["Item"]
assert item["name"] == {"S": "Alicia"}, item
assert item["score"] == {"N": "12"}, item

err = expect_error("ValidationException", ddb.update_item, TableName="boto", Key=key,
                   UpdateExpression="SET status = :s", ExpressionAttributeValues={":s": {"S": "x"}})
assert "reserved keyword" in err["Error"]["Message"], err

expect_error("ConditionalCheckFailedException", ddb.delete_item, TableName="boto", Key=key,
             ConditionExpression="score < :v", ExpressionAttributeValues={":v": {"N": "0"}})
old = ddb.delete_item(TableName="boto", Key=key, ReturnValues="ALL_OLD")["Attributes"]
assert old["name"] == {"S": "Alicia"}, old
assert "Item" not in ddb.get_item(TableName="boto", Key=key)

expect_error("ResourceNotFoundException", ddb.describe_table, TableName="nothere")
ddb.delete_table(TableName="boto")
ddb.get_waiter("table_not_exists").wait(TableName="boto", WaiterConfig={"Delay": 1, "MaxAttempts": 5})
print("boto3 smoke: ok")
