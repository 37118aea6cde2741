-- PutItem of a new ~200-byte item every time (a new key every request).
dofile(os.getenv("WRK_DIR") .. "/common.lua")
action("PutItem")
local n = 0
-- Runs start seconds apart, so each run writes keys of its own.
local prefix = tostring(os.time())
request = function()
  n = n + 1
  local body = '{"TableName":"wrk","Item":{"pk":{"S":"user#' .. prefix .. '#' .. n .. '"},' .. ITEM_ATTRIBUTES .. '}}'
  return wrk.format(nil, nil, nil, body)
end
