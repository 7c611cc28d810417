// Starts s3rver on 127.0.0.1. Usage: node start.js <port> <directory> <bucket>
// Prints "ready <port>" once listening, so the caller knows when to connect; stops on SIGTERM/SIGINT.
'use strict';
const S3rver = require('s3rver');

const [port, directory, bucket] = process.argv.slice(2);
if (!port || !directory || !bucket) {
  console.error('usage: node start.js <port> <directory> <bucket>');
  process.exit(2);
}

const server = new S3rver({
  address: '127.0.0.1',
  port: Number(port),
  directory,
  silent: true,
  configureBuckets: [{ name: bucket }],
});

server.run().then(({ port: actual }) => {
  console.log(`ready ${actual}`);
}).catch((err) => {
  console.error(err);
  process.exit(1);
});

const stop = () => server.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
