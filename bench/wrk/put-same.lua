-- PutItem of one identical ~200-byte item: after the first, nothing changes and no stream record is written.
dofile(os.getenv("WRK_DIR") .. "/common.lua")
action("PutItem")
wrk.body = '{"TableName":"wrk","Item":{"pk":{"S":"user#000001"},' .. ITEM_ATTRIBUTES .. '}}'
