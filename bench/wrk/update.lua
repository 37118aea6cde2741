-- UpdateItem with an expression: a counter incremented and an attribute set, on one item.
dofile(os.getenv("WRK_DIR") .. "/common.lua")
action("UpdateItem")
wrk.body = '{"TableName":"wrk","Key":{"pk":{"S":"user#000001"}},'
    .. '"UpdateExpression":"SET #v = if_not_exists(#v, :zero) + :one, #n = :name",'
    .. '"ExpressionAttributeNames":{"#v":"visits","#n":"name"},'
    .. '"ExpressionAttributeValues":{":one":{"N":"1"},":zero":{"N":"0"},":name":{"S":"Alice"}}}'
