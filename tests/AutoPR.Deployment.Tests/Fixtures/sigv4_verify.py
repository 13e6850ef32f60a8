"""Independent SigV4 check: botocore signs the request our stack signed (same keys, time, signed headers).

stdin: a JSON list of cases {method, url, headers, body, access_key, secret_key, token, region, service, timestamp}
stdout: a JSON list of {signature, signed_headers, canonical_request}
"""
import json
import sys

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

results = []
for case in json.load(sys.stdin):
    request = AWSRequest(method=case["method"], url=case["url"], data=case["body"].encode("utf-8"), headers=case["headers"])
    auth = SigV4Auth(Credentials(case["access_key"], case["secret_key"], case.get("token")), case["service"], case["region"])
    # add_auth would stamp the current time; the lower-level steps take the timestamp our request was signed with.
    request.context["timestamp"] = case["timestamp"]
    canonical = auth.canonical_request(request)
    string_to_sign = auth.string_to_sign(request, canonical)
    results.append({
        "signature": auth.signature(string_to_sign, request),
        "signed_headers": auth.signed_headers(auth.headers_to_sign(request)),
        "canonical_request": canonical,
    })
json.dump(results, sys.stdout)
