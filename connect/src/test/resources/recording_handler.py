"""A stand-in for a Lambda function under the runtime interface emulator: it records every event it is
given (one JSON line each) and reports a batch item failure for every record whose key pk is "poison"."""
import http.server
import json
import sys

record_file = sys.argv[1]


class Invocations(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        event = json.loads(body)
        with open(record_file, "a") as f:
            f.write(json.dumps(event) + "\n")
        failures = [{"itemIdentifier": r["dynamodb"]["SequenceNumber"]} for r in event["Records"]
                    if r["dynamodb"]["Keys"].get("pk", {}).get("S") == "poison"]
        answer = json.dumps({"batchItemFailures": failures}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Invocations)
print(server.server_address[1], flush=True)
server.serve_forever()
