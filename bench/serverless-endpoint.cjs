// Preloaded into `serverless` by bench/deploy-list.sh (NODE_OPTIONS=--require):
// points the AWS SDK (v2) it loads at $SVC_BENCH_ENDPOINT (a moto server on
// loopback), with path-style S3 addresses, so that `serverless deploy list`
// reads the same stack and bucket as `svc deploy list`.
'use strict';

const Module = require('module');

const load = Module._load;
Module._load = function loadPatched(request, ...rest) {
  const loaded = load.call(this, request, ...rest);
  if (request === 'aws-sdk' && loaded.config && !loaded.svcBenchEndpoint) {
    loaded.svcBenchEndpoint = true;
    loaded.config.update({ endpoint: process.env.SVC_BENCH_ENDPOINT, s3ForcePathStyle: true });
  }
  return loaded;
};
