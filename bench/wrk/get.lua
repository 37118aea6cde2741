-- GetItem of one ~200-byte item.
dofile(os.getenv("WRK_DIR") .. "/common.lua")
action("GetItem")
wrk.body = '{"TableName":"wrk","Key":{"pk":{"S":"user#000001"}}}'
