// Preloaded into `serverless package` by bench/build-vs-serverless.sh
// (NODE_OPTIONS=--require): answers CloudFormation `DescribeStacks` in
// process with "Stack ... does not exist", what a first `serverless package`
// gets from AWS, instead of calling AWS. Serverless v3 asks it for any
// service with `layers:` (compareWithLastLayer, to reuse an uploaded layer
// zip) and fails offline after ~30 s of retries. Every other request goes
// through untouched (there are none for these services).
'use strict';

const Module = require('module');

const load = Module._load;
Module._load = function loadPatched(request, ...rest) {
  const loaded = load.call(this, request, ...rest);
  if (request === 'aws-sdk' && loaded.Service && !loaded.Service.prototype.svcBenchNoStack) {
    const makeRequest = loaded.Service.prototype.makeRequest;
    loaded.Service.prototype.svcBenchNoStack = true;
    loaded.Service.prototype.makeRequest = function makeRequestPatched(operation, params, ...more) {
      if (this.serviceIdentifier !== 'cloudformation' || operation !== 'describeStacks') {
        return makeRequest.call(this, operation, params, ...more);
      }
      const error = Object.assign(new Error(`Stack with id ${params.StackName} does not exist`), {
        code: 'ValidationError',
        statusCode: 400,
        retryable: false,
      });
      return { promise: () => Promise.reject(error) };
    };
  }
  return loaded;
};
