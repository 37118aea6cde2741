-- Query of a partition of 100 ~200-byte items, one page.
dofile(os.getenv("WRK_DIR") .. "/common.lua")
action("Query")
wrk.body = '{"TableName":"wrk-query","KeyConditionExpression":"pk = :p",'
    .. '"ExpressionAttributeValues":{":p":{"S":"part#1"}}}'
