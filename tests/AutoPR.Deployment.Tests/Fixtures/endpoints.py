"""botocore's endpoint resolution (pure computation: creating a client sends nothing).

stdin: a JSON list of {service, region, fips}; stdout: a JSON list of endpoint URLs.
"""
import json
import os
import sys

import botocore.session
from botocore.config import Config

os.environ.setdefault("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "not-a-secret")
for name in [n for n in os.environ if n.startswith("AWS_ENDPOINT_URL") or n == "AWS_USE_FIPS_ENDPOINT"]:
    del os.environ[name]

session = botocore.session.get_session()
out = []
for case in json.load(sys.stdin):
    client = session.create_client(case["service"], region_name=case["region"], config=Config(use_fips_endpoint=case["fips"]))
    out.append(client.meta.endpoint_url)
json.dump(out, sys.stdout)
