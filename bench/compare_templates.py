"""Compares the templates two tools wrote: the logical IDs (with a
function version's hash masked) and their types, and the output names.
Prints one line to stderr; the timing goes on either way.

    python3 bench/compare_templates.py SVC_OUT_DIR SLS_OUT_DIR [LABEL]
"""
import json
import re
import sys


def ids(folder):
    template = json.load(open(f"{folder}/cloudformation-template-update-stack.json"))
    version = lambda id: re.sub(r"LambdaVersion\w+$", "LambdaVersion<hash>", id)
    return ({version(id): r["Type"] for id, r in template["Resources"].items()},
            set(template.get("Outputs", {})))


(svc, svc_out), (sls, sls_out) = ids(sys.argv[1]), ids(sys.argv[2])
label = f"{sys.argv[3]}: " if len(sys.argv) > 3 else ""
only_svc = sorted(set(svc) - set(sls)) + sorted(svc_out - sls_out)
only_sls = sorted(set(sls) - set(svc)) + sorted(sls_out - svc_out)
if not only_svc and not only_sls:
    print(f"   {label}the same {len(svc)} resources and {len(svc_out)} outputs", file=sys.stderr)
else:
    print(f"   {label}the templates differ (timing goes on): svc only {only_svc}, serverless only {only_sls}",
          file=sys.stderr)
