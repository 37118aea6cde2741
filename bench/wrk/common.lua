-- Headers of a SigV4-signed AWS JSON 1.0 request. Like DynamoDB Local, Tributary checks that a request is
-- signed but not the signature, so one fixed header serves every request.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.headers["X-Amz-Date"] = "20261127T010000Z"
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=wrk/20261127/us-east-1/dynamodb/aws4_request, "
    .. "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
    .. "Signature=0000000000000000000000000000000000000000000000000000000000000000"

ITEM_ATTRIBUTES = '"name":{"S":"Alice Example"},"email":{"S":"alice@example.com"},"age":{"N":"42"},'
    .. '"city":{"S":"Springfield"},"bio":{"S":"' .. string.rep("x", 90) .. '"}'

function action(name)
  wrk.headers["X-Amz-Target"] = "DynamoDB_20120810." .. name
end
